import { digestProblem, tagProblem } from './components';
import { InvalidOciReferenceError } from './InvalidOciReferenceError';
import {
  DEFAULT_OCI_REGISTRY,
  OciReference,
  ParseOciReferenceOptions,
} from './OciReference';

const OFFICIAL_REPOSITORY_PREFIX = 'library/';

/**
 * Writes a reference in its full form, `registry/repository[:tag][@digest]`, for example
 * `docker.io/library/ubuntu:24.04`. Parsing the result gives the same reference back.
 *
 * @public
 */
export function formatOciReference(reference: OciReference): string {
  return formatOciRepository(reference) + suffixOf(reference);
}

/**
 * Writes a reference the short way people type it: the registry is left out when it is the
 * default one, and so is `library/` for official Docker Hub images (`ubuntu:24.04`).
 *
 * @remarks
 * The registry is kept whenever leaving it out would change the meaning, for instance when the
 * repository's first component looks like a host name (`docker.io/example.com/x`). Pass the same
 * `defaultRegistry` that was used to parse, such as `localhost` for ModelKit references.
 *
 * @public
 */
export function formatFamiliarOciReference(
  reference: OciReference,
  options?: ParseOciReferenceOptions,
): string {
  const defaultRegistry = options?.defaultRegistry ?? DEFAULT_OCI_REGISTRY;
  const suffix = suffixOf(reference);
  if (reference.registry !== defaultRegistry) {
    return formatOciRepository(reference) + suffix;
  }
  let path = reference.repository;
  if (
    reference.registry === DEFAULT_OCI_REGISTRY &&
    path.startsWith(OFFICIAL_REPOSITORY_PREFIX) &&
    !path.slice(OFFICIAL_REPOSITORY_PREFIX.length).includes('/')
  ) {
    path = path.slice(OFFICIAL_REPOSITORY_PREFIX.length);
  }
  const slash = path.indexOf('/');
  const first = slash < 0 ? '' : path.slice(0, slash);
  const ambiguous =
    first === 'localhost' ||
    /[.:]/.test(first) ||
    (suffix === '' && /^[a-f0-9]{64}$/.test(path));
  return (ambiguous ? formatOciRepository(reference) : path) + suffix;
}

/**
 * Writes the repository part of a reference, `registry/repository`, leaving out tag and digest.
 *
 * @public
 */
export function formatOciRepository(reference: OciReference): string {
  return `${reference.registry}/${reference.repository}`;
}

/**
 * Returns the repository of a reference: the same registry and repository, without tag or
 * digest.
 *
 * @public
 */
export function getOciRepository(reference: OciReference): OciReference {
  return { registry: reference.registry, repository: reference.repository };
}

/**
 * Whether a reference names only a repository, with neither tag nor digest.
 *
 * @public
 */
export function isOciRepositoryOnly(reference: OciReference): boolean {
  return reference.tag === undefined && reference.digest === undefined;
}

/**
 * Returns a copy of a reference with the given tag (any digest is kept).
 *
 * @throws {@link InvalidOciReferenceError} when the tag is invalid.
 * @public
 */
export function withOciTag(reference: OciReference, tag: string): OciReference {
  const problem = tagProblem(tag);
  if (problem) {
    throw new InvalidOciReferenceError({
      subject: 'OCI tag',
      input: tag,
      problem,
    });
  }
  return { ...reference, tag };
}

/**
 * Returns a copy of a reference with the given digest (any tag is kept).
 *
 * @throws {@link InvalidOciReferenceError} when the digest is invalid or of an unsupported
 * algorithm.
 * @public
 */
export function withOciDigest(
  reference: OciReference,
  digest: string,
): OciReference {
  const problem = digestProblem(digest);
  if (problem) {
    throw new InvalidOciReferenceError({
      subject: 'OCI digest',
      input: digest,
      problem,
    });
  }
  return { ...reference, digest };
}

function suffixOf(reference: OciReference): string {
  return (
    (reference.tag !== undefined ? `:${reference.tag}` : '') +
    (reference.digest !== undefined ? `@${reference.digest}` : '')
  );
}
