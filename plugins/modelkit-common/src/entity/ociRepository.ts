// The ModelKit validator checks `spec.repository` with parseOciRepository from ../reference.
// JSON schema can only carry a regular expression, so this is the same grammar
// (github.com/distribution/reference without tag and digest) written as one:
//
//   repository       := [registry '/'] path            (path at most 255 characters)
//   registry         := host [':' port]                 (port 1-65535)
//   host             := domain-name | '[' ipv6 ']'
//   path             := path-component ['/' path-component]*
//   path-component   := /[a-z0-9]+/ [separator /[a-z0-9]+/]*
//   separator        := /[_.]|__|[-]+/
//
// The first component is the registry only when it is localhost, has a dot or a port, or has
// upper-case letters, as in distribution; such a component must then be a valid host. A
// 64-character hexadecimal name is an image ID, not a repository. One case is left out: a
// single-component name without registry that is too long once the Docker Hub "library/"
// prefix is added.

const alphaNumeric = '[a-z0-9]+';
const separator = '(?:[._]|__|-+)';
const pathComponent = `${alphaNumeric}(?:${separator}${alphaNumeric})*`;
const path = `(?=.{1,255}$)${pathComponent}(?:/${pathComponent})*`;

const label = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const port =
  ':0*(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3})';
const ipv6 = '\\[[a-fA-F0-9:]+\\]';
const upperCaseLabel = `(?=[a-zA-Z0-9-]*[A-Z])${label}`;
const registry =
  `(?:(?:${label}(?:\\.${label})+|localhost|${ipv6}|${upperCaseLabel})(?:${port})?` +
  `|${label}${port})`;

/** An OCI repository reference without tag or digest, as a regular expression source. */
export const OCI_REPOSITORY_PATTERN =
  `^(?![a-f0-9]{64}$)` +
  `(?:${registry}/${path}|(?![^/]*[.:][^/]*/|localhost/)${path})$`;
