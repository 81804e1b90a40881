import { isOciDigest } from '../registry/digest';
import { RegistryError, RegistryErrorReason } from '../registry/errors';
import { LayoutFileError } from './layoutFiles';

/**
 * The layout source an error is about: its name and the registry host it stands for.
 *
 * @internal
 */
export interface LayoutSourceIdentity {
  /** The source name. */
  name: string;
  /** The registry host the layout stands for. */
  host: string;
}

/**
 * The repository and reference an error is about.
 *
 * @internal
 */
export interface LayoutErrorContext {
  /** The repository asked about. */
  repository?: string;
  /** The tag or digest asked about. */
  reference?: string;
}

/**
 * Builds a `RegistryError` about an image layout; its detail starts with `image layout:`.
 *
 * @internal
 */
export function layoutError(
  source: LayoutSourceIdentity,
  context: LayoutErrorContext,
  reason: RegistryErrorReason,
  detail: string,
  cause?: unknown,
): RegistryError {
  return new RegistryError({
    reason,
    registry: source.name,
    host: source.host,
    repository: context.repository,
    reference: context.reference,
    detail: `image layout: ${detail}`,
    cause,
  });
}

/**
 * Turns a failure to read the layout's files into a `RegistryError`.
 *
 * @internal
 */
export function toLayoutError(
  source: LayoutSourceIdentity,
  error: unknown,
  context: LayoutErrorContext,
): Error {
  if (error instanceof LayoutFileError) {
    // The message already says everything; a cause would repeat it.
    return layoutError(source, context, error.reason, error.message);
  }
  if (RegistryError.is(error)) {
    return error;
  }
  return layoutError(
    source,
    context,
    'invalid-response',
    `the image layout cannot be read: ${(error as Error).message}`,
    error,
  );
}

/**
 * Refuses a digest that is not a sha256 or sha512 digest, before it names a file.
 *
 * @internal
 */
export function checkLayoutDigest(
  source: LayoutSourceIdentity,
  digest: string,
  context: LayoutErrorContext,
) {
  if (typeof digest !== 'string' || !isOciDigest(digest)) {
    throw layoutError(
      source,
      { ...context, reference: String(digest).slice(0, 140) },
      'invalid-argument',
      'not a valid digest (sha256:<64 hex> or sha512:<128 hex>)',
    );
  }
}
