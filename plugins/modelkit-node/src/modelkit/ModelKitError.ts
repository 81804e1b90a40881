import { CustomErrorBase } from '@backstage/errors';
import type { KitfileIssue } from '@kitstage/plugin-modelkit-common';
import { isReasonedError } from '../registry/errors';

/**
 * Why a ModelKit could not be read.
 *
 * @remarks
 *
 * - `not-a-modelkit`: the reference names another kind of artifact (a container image, a
 *   signature, an index); the message says which.
 * - `invalid-kitfile`: the Kitfile in the config (or, for a CNCF ModelPack artifact, in the
 *   `ml.kitops.modelkit.kitfile` annotation) is not valid; `issues` lists the field paths.
 * - `invalid-config`: the config blob is not JSON, or a ModelPack config has the wrong shape.
 *
 * @public
 */
export type ModelKitErrorReason =
  | 'not-a-modelkit'
  | 'invalid-kitfile'
  | 'invalid-config';

/**
 * Options for {@link ModelKitError}.
 *
 * @public
 */
export interface ModelKitErrorOptions {
  /** Why the ModelKit could not be read. */
  reason: ModelKitErrorReason;
  /** The name of the source (registry or image layout). */
  source: string;
  /** The repository with its host, e.g. `registry.example.com/team/model`. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The manifest digest, when the manifest was read. */
  digest?: string;
  /** What was wrong, in a sentence fragment. */
  detail: string;
  /** For `invalid-kitfile`: every problem with its field path. */
  issues?: KitfileIssue[];
  /** The underlying error. */
  cause?: unknown;
}

/**
 * The content of a registry or image layout is not a readable ModelKit. The message names the
 * repository, the reference, the manifest digest and, for Kitfile problems, the field paths.
 *
 * @remarks
 *
 * This is a problem with the stored artifact, not with the request: a backend answering an API
 * call would typically report `not-a-modelkit` as "not found" and the others as a failed
 * upstream.
 *
 * @public
 */
export class ModelKitError extends CustomErrorBase {
  /** Always `ModelKitError`, also across package copies. */
  name = 'ModelKitError' as const;
  /** Why the ModelKit could not be read. */
  readonly reason: ModelKitErrorReason;
  /** The name of the source (registry or image layout). */
  readonly source: string;
  /** The repository with its host. */
  readonly repository: string;
  /** The tag or digest that was asked for. */
  readonly reference: string;
  /** The manifest digest, when the manifest was read. */
  readonly digest?: string;
  /** For `invalid-kitfile`: every problem with its field path. */
  readonly issues?: KitfileIssue[];

  constructor(options: ModelKitErrorOptions) {
    const at =
      options.digest && options.digest !== options.reference
        ? `${options.repository}:${options.reference} (${options.digest})`
        : `${options.repository}${options.reference.includes(':') ? '@' : ':'}${
            options.reference
          }`;
    super(
      `ModelKit ${at} from "${options.source}": ${options.detail}`,
      options.cause,
    );
    this.reason = options.reason;
    this.source = options.source;
    this.repository = options.repository;
    this.reference = options.reference;
    this.digest = options.digest;
    this.issues = options.issues;
  }

  /** Checks whether a value is a {@link ModelKitError}, optionally of one of the given reasons. */
  static is(
    value: unknown,
    ...reasons: ModelKitErrorReason[]
  ): value is ModelKitError {
    return isReasonedError(value, 'ModelKitError', reasons);
  }
}
