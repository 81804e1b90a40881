// A small grammar for OCI repository names as written in `spec.repository`, following the
// distribution reference grammar (github.com/distribution/reference, grammar.go) minus the
// tag and digest parts:
//
//   repository       := [registry '/'] path-component ['/' path-component]*
//   registry         := (domain-name | 'localhost' | '[' ipv6 ']') [':' port] | label ':' port
//   path-component   := alpha-numeric [separator alpha-numeric]*
//   alpha-numeric    := /[a-z0-9]+/
//   separator        := /[_.]|__|[-]+/
//
// Unlike the Docker CLI, a first component only counts as a registry when it looks like a host
// (has a dot or a port, or is localhost): "Team/model" is rejected instead of being read as
// registry "Team". A registry-less name ("team/model") is kept as written; resolving it against
// a default registry is up to the reader that pulls it.
//
// TODO(kitstage): switch to parseOciReference from ../reference once it lands there.

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|-+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const domainLabel = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const port = ':[0-9]+';
const ipv6 = '\\[[a-fA-F0-9:.]+\\]';
const registry =
  `(?:(?:${domainLabel}(?:\\.${domainLabel})+|localhost|${ipv6})(?:${port})?` +
  `|${domainLabel}${port})`;

/**
 * The repository grammar as a regular expression source, shared by the zod schema and the
 * JSON schema so that both accept the same strings.
 */
export const OCI_REPOSITORY_PATTERN = `^(?:${registry}/)?${pathComponent}(?:/${pathComponent})*$`;

/** Longest repository name a registry accepts, registry host included. */
export const OCI_REPOSITORY_MAX_LENGTH = 255;

const repositoryRegExp = new RegExp(OCI_REPOSITORY_PATTERN);

/**
 * Whether the value is an OCI repository reference without tag or digest, such as
 * `registry.example.com/team/model`, `localhost:5000/model` or `team/model`.
 */
export function isOciRepository(value: string): boolean {
  return (
    value.length <= OCI_REPOSITORY_MAX_LENGTH && repositoryRegExp.test(value)
  );
}
