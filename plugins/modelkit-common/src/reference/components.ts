import { quoteInMessage } from './quoteInMessage';

// The grammar of github.com/distribution/reference (regexp.go), which Docker, containerd and
// the KitOps CLI (through oras-go) all follow.
const alphanumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|[-]+)';
const pathComponent = `${alphanumeric}(?:${separator}${alphanumeric})*`;
const domainNameComponent =
  '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domainName = `${domainNameComponent}(?:\\.${domainNameComponent})*`;
// IPv6 literals in brackets; zone identifiers and IPv4-mapped forms are excluded on purpose.
const ipv6Address = '\\[[a-fA-F0-9:]+\\]';

const registryPattern = new RegExp(
  `^(?:${domainName}|${ipv6Address})(?::([0-9]+))?$`,
);
const pathComponentPattern = new RegExp(`^${pathComponent}$`);
const tagPattern = /^\w[\w.-]{0,127}$/;
const digestAlgorithmPattern =
  /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/;

/**
 * Longest repository path (without registry), as in distribution/reference.
 *
 * @internal
 */
export const MAX_REPOSITORY_LENGTH = 255;
/**
 * Longest tag.
 *
 * @internal
 */
export const MAX_TAG_LENGTH = 128;

/**
 * The digest algorithms Kitstage accepts, with their hex lengths. These are the algorithms that
 * go-digest registers and the OCI image specification names.
 */
const DIGEST_HEX_LENGTHS: Record<string, number> = {
  sha256: 64,
  sha384: 96,
  sha512: 128,
};

/**
 * Returns what is wrong with a registry host, or undefined when it is valid.
 *
 * @internal
 */
export function registryProblem(registry: string): string | undefined {
  const match = registryPattern.exec(registry);
  if (!match) {
    return `registry ${quoteInMessage(
      registry,
    )} is not a valid host name, IPv4 address or [IPv6] address with an optional :port`;
  }
  const port = match[1];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) {
    return `registry port ${port} is out of range (1-65535)`;
  }
  return undefined;
}

/**
 * Returns what is wrong with a repository path, or undefined when it is valid.
 *
 * @internal
 */
export function repositoryProblem(repository: string): string | undefined {
  if (repository.length === 0) {
    return 'the reference has no repository name';
  }
  if (repository !== repository.toLowerCase()) {
    return `repository ${quoteInMessage(repository)} must be lowercase`;
  }
  if (repository.length > MAX_REPOSITORY_LENGTH) {
    return `repository is ${repository.length} characters long; the limit is ${MAX_REPOSITORY_LENGTH}`;
  }
  for (const component of repository.split('/')) {
    if (component.length === 0) {
      return `repository ${quoteInMessage(
        repository,
      )} has an empty path component`;
    }
    if (!pathComponentPattern.test(component)) {
      return `repository path component ${quoteInMessage(
        component,
      )} is invalid: use lowercase letters and digits, separated by ".", "_", "__" or dashes`;
    }
  }
  return undefined;
}

/**
 * Returns what is wrong with a tag, or undefined when it is valid.
 *
 * @internal
 */
export function tagProblem(tag: string): string | undefined {
  if (tag.length === 0) {
    return 'tag is empty';
  }
  if (tag.length > MAX_TAG_LENGTH) {
    return `tag is ${tag.length} characters long; the limit is ${MAX_TAG_LENGTH}`;
  }
  if (!tagPattern.test(tag)) {
    return `tag ${quoteInMessage(
      tag,
    )} is invalid: use letters, digits, "_", "." and "-", and do not start with "." or "-"`;
  }
  return undefined;
}

/**
 * Returns what is wrong with a digest, or undefined when it is valid.
 *
 * @internal
 */
export function digestProblem(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = colon < 0 ? '' : digest.slice(0, colon);
  const hex = colon < 0 ? '' : digest.slice(colon + 1);
  if (colon < 0 || !digestAlgorithmPattern.test(algorithm)) {
    return `digest ${quoteInMessage(
      digest,
    )} is malformed: expected <algorithm>:<hex>, such as sha256:<64 hex characters>`;
  }
  const expectedLength = Object.hasOwn(DIGEST_HEX_LENGTHS, algorithm)
    ? DIGEST_HEX_LENGTHS[algorithm]
    : undefined;
  if (expectedLength === undefined) {
    return `digest algorithm ${quoteInMessage(
      algorithm,
    )} is not supported; use ${Object.keys(DIGEST_HEX_LENGTHS).join(', ')}`;
  }
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    return `digest ${quoteInMessage(
      digest,
    )} has characters that are not hexadecimal`;
  }
  if (hex !== hex.toLowerCase()) {
    return `digest ${quoteInMessage(digest)} must use lowercase hexadecimal`;
  }
  if (hex.length !== expectedLength) {
    return `a ${algorithm} digest has ${expectedLength} hex characters, this one has ${hex.length}`;
  }
  return undefined;
}

/**
 * Whether text is a valid OCI tag: up to 128 characters from `[A-Za-z0-9_.-]`, not starting with
 * `.` or `-`.
 *
 * @public
 */
export function isValidOciTag(tag: string): boolean {
  return typeof tag === 'string' && tagProblem(tag) === undefined;
}

/**
 * Whether text is a valid content digest of a supported algorithm (`sha256`, `sha384` or
 * `sha512`, lowercase hex of the right length).
 *
 * @public
 */
export function isValidOciDigest(digest: string): boolean {
  return typeof digest === 'string' && digestProblem(digest) === undefined;
}
