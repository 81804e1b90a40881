import {
  digestProblem,
  MAX_REPOSITORY_LENGTH,
  registryProblem,
  repositoryProblem,
  tagProblem,
} from './components';
import { InvalidOciReferenceError } from './InvalidOciReferenceError';
import { quoteInMessage } from './quoteInMessage';
import {
  DEFAULT_OCI_REGISTRY,
  OciReference,
  ParseOciReferenceOptions,
} from './OciReference';

/** Longer text is rejected before any pattern runs on it. */
const MAX_REFERENCE_LENGTH = 1024;
const LEGACY_DOCKER_HUB = 'index.docker.io';
const OFFICIAL_REPOSITORY_PREFIX = 'library/';

/** @internal */
export type ParseResult = { reference: OciReference } | { problem: string };

/**
 * Parses an OCI reference such as `ghcr.io/org/model:v1`, `ubuntu@sha256:…` or
 * `localhost:5000/x:tag@sha256:…`, following the grammar and normalisation of
 * `github.com/distribution/reference`.
 *
 * @remarks
 * The first path component is the registry when it is `localhost`, contains `.` or `:`, or has
 * uppercase letters; otherwise the default registry is used. `index.docker.io` becomes
 * `docker.io`, and a single-component repository on `docker.io` gains `library/`. A reference may
 * carry both a tag and a digest. Ports must be 1-65535.
 *
 * @param input - The reference text.
 * @param options - Parsing options, such as the default registry.
 * @returns The normalised reference.
 * @throws {@link InvalidOciReferenceError} naming the problem.
 * @public
 */
export function parseOciReference(
  input: string,
  options?: ParseOciReferenceOptions,
): OciReference {
  return unwrap(
    'OCI reference',
    input,
    parseReferenceParts(input, defaultRegistryOf(options)),
  );
}

/**
 * Like {@link parseOciReference}, but returns `undefined` instead of throwing.
 *
 * @public
 */
export function tryParseOciReference(
  input: string,
  options?: ParseOciReferenceOptions,
): OciReference | undefined {
  const result = parseReferenceParts(input, defaultRegistryOf(options));
  return 'reference' in result ? result.reference : undefined;
}

/**
 * Parses a repository reference: an OCI reference without tag or digest, such as
 * `registry.example.com/team/model`. Used for the `spec.repository` of ModelKit entities.
 *
 * @throws {@link InvalidOciReferenceError} when the text is not a reference, or names a tag or
 * digest.
 * @public
 */
export function parseOciRepository(
  input: string,
  options?: ParseOciReferenceOptions,
): OciReference {
  return unwrap(
    'OCI repository',
    input,
    parseRepositoryParts(input, defaultRegistryOf(options)),
  );
}

/** @internal */
export function parseRepositoryParts(
  input: string,
  defaultRegistry: string,
): ParseResult {
  const result = parseReferenceParts(input, defaultRegistry);
  if ('reference' in result) {
    const { tag, digest } = result.reference;
    if (tag !== undefined || digest !== undefined) {
      const named =
        tag !== undefined
          ? `tag ${quoteInMessage(tag)}`
          : `digest ${quoteInMessage(digest!)}`;
      return {
        problem: `a repository names no tag or digest, but this one names ${named}`,
      };
    }
  }
  return result;
}

/** @internal */
export function unwrap(
  subject: string,
  input: string,
  result: ParseResult,
): OciReference {
  if ('problem' in result) {
    throw new InvalidOciReferenceError({
      subject,
      input: String(input),
      problem: result.problem,
    });
  }
  return result.reference;
}

function defaultRegistryOf(options?: ParseOciReferenceOptions): string {
  const registry = options?.defaultRegistry ?? DEFAULT_OCI_REGISTRY;
  const problem = registryProblem(registry);
  if (problem) {
    throw new TypeError(`Invalid defaultRegistry option: ${problem}`);
  }
  return registry;
}

/** Whether the first path component of a name is a registry host (distribution's rule). */
function looksLikeRegistry(component: string): boolean {
  return (
    component === 'localhost' ||
    /[.:]/.test(component) ||
    component !== component.toLowerCase()
  );
}

/** @internal */
export function parseReferenceParts(
  input: string,
  defaultRegistry: string,
): ParseResult {
  if (typeof input !== 'string') {
    return { problem: `expected a string, got ${typeof input}` };
  }
  if (input.length === 0) {
    return { problem: 'the reference is empty' };
  }
  if (input.length > MAX_REFERENCE_LENGTH) {
    return {
      problem: `the reference is ${input.length} characters long; the limit is ${MAX_REFERENCE_LENGTH}`,
    };
  }
  if (/\s/.test(input)) {
    return { problem: 'the reference contains whitespace' };
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(input);
  if (scheme) {
    return {
      problem: `a reference has no URL scheme; remove ${quoteInMessage(
        `${scheme[1]}://`,
      )}`,
    };
  }

  const at = input.indexOf('@');
  const name = at < 0 ? input : input.slice(0, at);
  const digest = at < 0 ? undefined : input.slice(at + 1);
  if (name.length === 0) {
    return { problem: 'the reference has no repository name' };
  }
  if (digest !== undefined) {
    if (digest.includes('@')) {
      return { problem: 'the reference has more than one "@"' };
    }
    const problem = digestProblem(digest);
    if (problem) {
      return { problem };
    }
  }

  const slash = name.indexOf('/');
  const explicitRegistry =
    slash >= 0 && looksLikeRegistry(name.slice(0, slash))
      ? name.slice(0, slash)
      : undefined;
  const remainder = explicitRegistry ? name.slice(slash + 1) : name;
  const colon = remainder.lastIndexOf(':');
  let repository = colon < 0 ? remainder : remainder.slice(0, colon);
  const tag = colon < 0 ? undefined : remainder.slice(colon + 1);

  if (explicitRegistry !== undefined) {
    const problem = registryProblem(explicitRegistry);
    if (problem) {
      return { problem };
    }
  }
  if (tag !== undefined) {
    const problem = tagProblem(tag);
    if (problem) {
      return { problem };
    }
  }
  if (/^[a-f0-9]{64}$/.test(input)) {
    return {
      problem:
        'a 64-character hexadecimal name is an image ID, not a repository; name the repository or write sha256:<hex> after "@"',
    };
  }

  const problem = repositoryProblem(repository);
  if (problem) {
    return { problem };
  }
  let registry = explicitRegistry ?? defaultRegistry;
  if (registry === LEGACY_DOCKER_HUB) {
    registry = DEFAULT_OCI_REGISTRY;
  }
  if (registry === DEFAULT_OCI_REGISTRY && !repository.includes('/')) {
    repository = OFFICIAL_REPOSITORY_PREFIX + repository;
    if (repository.length > MAX_REPOSITORY_LENGTH) {
      return {
        problem: `repository "${repository.slice(0, 20)}…" is ${
          repository.length
        } characters long with its "library/" prefix; the limit is ${MAX_REPOSITORY_LENGTH}`,
      };
    }
  }

  const reference: OciReference = { registry, repository };
  if (tag !== undefined) {
    reference.tag = tag;
  }
  if (digest !== undefined) {
    reference.digest = digest;
  }
  return { reference };
}
