/**
 * Regular expressions shared by the action input schemas and the template parameters, so that
 * the portal form, the scaffolder engine and the actions accept exactly the same values.
 *
 * Each value that ends up in a generated file is restricted to the grammar of the field it
 * fills (a Kubernetes name, an OCI repository, a resource quantity...). Free text (descriptions)
 * is not restricted: it is only ever written through a YAML serializer.
 */

/**
 * A DNS-1123 label: the grammar of Kubernetes object names and namespaces.
 *
 * @internal
 */
export const KUBERNETES_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Project names leave room for suffixes such as `-production` within 63 characters.
 *
 * @internal
 */
export const PROJECT_NAME_MAX_LENGTH = 40;

/**
 * A catalog entity reference, `[kind:][namespace/]name`.
 *
 * @internal
 */
export const ENTITY_REF =
  /^(?:[a-zA-Z][a-zA-Z0-9-]*:)?(?:[a-zA-Z0-9](?:[-_.a-zA-Z0-9]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9](?:[-_.a-zA-Z0-9]*[a-zA-Z0-9])?$/;

/**
 * A registry host with an optional port: `registry.example.com`, `localhost:5000`.
 *
 * @internal
 */
export const REGISTRY_HOST =
  /^(?:localhost|[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)(?::[0-9]{1,5})?$/;

const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';

/**
 * A repository path inside a registry, without the host: `team/sentiment`.
 *
 * @internal
 */
export const REPOSITORY_PATH = new RegExp(
  `^${pathComponent}(?:/${pathComponent})*$`,
);

/**
 * A full OCI repository, registry host included, without tag or digest.
 *
 * @internal
 */
export const OCI_REPOSITORY = new RegExp(
  `^${REGISTRY_HOST.source.slice(
    1,
    -1,
  )}/${pathComponent}(?:/${pathComponent})*$`,
);

/**
 * An OCI tag.
 *
 * @internal
 */
export const OCI_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/**
 * A sha256 digest.
 *
 * @internal
 */
export const OCI_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * A ModelKit reference pinned by tag or digest: `registry/repo:tag` or `registry/repo@sha256:...`.
 *
 * @internal
 */
export const MODELKIT_REFERENCE = new RegExp(
  `^${OCI_REPOSITORY.source.slice(1, -1)}(?::${OCI_TAG.source.slice(
    1,
    -1,
  )})?(?:@${OCI_DIGEST.source.slice(1, -1)})?$`,
);

/**
 * A Hugging Face repository id: `namespace/name`.
 *
 * @internal
 */
export const HUGGING_FACE_ID =
  /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?\/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,94}[A-Za-z0-9])?$/;

/**
 * A Hugging Face revision usable as an OCI tag too (a branch without slashes, a tag or a commit).
 *
 * @internal
 */
export const HUGGING_FACE_REVISION = OCI_TAG;

/**
 * An SPDX license identifier or a simple expression of them.
 *
 * @internal
 */
export const SPDX_EXPRESSION =
  /^[A-Za-z0-9.+-]+(?: (?:AND|OR|WITH) [A-Za-z0-9.+-]+)*$/;

/**
 * A semantic version (the ModelKit package version).
 *
 * @internal
 */
export const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * A Kubernetes CPU quantity: `500m`, `1`, `1.5`.
 *
 * @internal
 */
export const CPU_QUANTITY =
  /^(?:[1-9][0-9]{0,5}m|[0-9]{1,3}(?:\.[0-9]{1,3})?)$/;

/**
 * A Kubernetes memory quantity: `512Mi`, `2Gi`, `1G`.
 *
 * @internal
 */
export const MEMORY_QUANTITY = /^[1-9][0-9]{0,6}(?:Ki|Mi|Gi|Ti|k|M|G|T)?$/;

/**
 * A Go duration as Flux accepts it: `1m`, `10m30s`, `1h`.
 *
 * @internal
 */
export const DURATION = /^(?:[0-9]+(?:\.[0-9]+)?(?:ms|s|m|h))+$/;

/**
 * A relative directory made of lowercase segments: `clusters`, `fleet/clusters`.
 *
 * @internal
 */
export const RELATIVE_DIRECTORY =
  /^[a-z0-9](?:[-a-z0-9_.]*[a-z0-9])?(?:\/[a-z0-9](?:[-a-z0-9_.]*[a-z0-9])?)*$/;

/**
 * A Git branch name (a conservative subset of what Git accepts).
 *
 * @internal
 */
export const GIT_BRANCH =
  /^(?!.*\.\.)[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)*$/;

/**
 * An HTTPS or SSH Git remote URL.
 *
 * @internal
 */
export const GIT_URL =
  /^(?:https:\/\/|ssh:\/\/git@)[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?(?::[0-9]{1,5})?(?:\/[A-Za-z0-9._~-]+)+$/;

/**
 * A GitHub `owner/repo` slug.
 *
 * @internal
 */
export const GITHUB_SLUG =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

/**
 * The owner of a repository on a Git host: a user, an organisation or a group, with GitLab's
 * sub-groups as `/`-separated segments (`ml`, `ml/nlp`).
 *
 * @internal
 */
export const REPOSITORY_OWNER =
  /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?(?:\/[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?)*$/;

/**
 * The name of a repository on a Git host, without `.git`.
 *
 * @internal
 */
export const REPOSITORY_NAME = /^(?!.*\.git$)[A-Za-z0-9_][A-Za-z0-9._-]{0,99}$/;
