/**
 * Annotation naming the OCI repository of a ModelKit, without tag or digest, for example
 * `registry.example.com/team/sentiment`. The registry entity provider sets it on the ModelKit
 * entities it ingests; other entities may carry it to point at a repository directly.
 *
 * @public
 */
export const ANNOTATION_MODELKIT_REPOSITORY = 'kitstage.dev/repository';

/**
 * Annotation naming the ModelKit version a workload runs: an OCI reference with a tag or
 * digest (`registry.example.com/team/sentiment@sha256:...`) or a `kit://` URI. It is read from
 * catalog entities and from Kubernetes objects (Deployments, InferenceServices).
 *
 * @public
 */
export const ANNOTATION_MODELKIT = 'kitstage.dev/modelkit';

/**
 * Annotation the registry entity provider sets on ModelKit entities: the tag of the newest
 * version (or its digest when it has no tag), for catalog columns and search.
 *
 * @public
 */
export const ANNOTATION_MODELKIT_LATEST_VERSION = 'kitstage.dev/latest-version';

/**
 * Annotation the registry entity provider sets on ModelKit entities: the manifest digest of
 * the newest version, e.g. to ask for its policy status.
 *
 * @public
 */
export const ANNOTATION_MODELKIT_LATEST_DIGEST = 'kitstage.dev/latest-digest';

/**
 * Annotation the registry entity provider sets on ModelKit entities: the total size in bytes
 * (config plus layers) of the newest version, as a decimal string.
 *
 * @public
 */
export const ANNOTATION_MODELKIT_LATEST_SIZE = 'kitstage.dev/latest-size';

/**
 * Annotation the registry entity provider sets on ModelKit entities whose newest Kitfile names
 * authors: `package.authors` as a JSON array of strings.
 *
 * @public
 */
export const ANNOTATION_MODELKIT_AUTHORS = 'kitstage.dev/authors';

/**
 * Annotation on a delivery object (a Flux Kustomization, HelmRelease or source, an Argo CD
 * Application) naming the Components whose owners may operate it from the portal: one entity
 * reference, or several separated by commas (`component:` and `default/` may be left out).
 * Only whoever may change the object can set it, so the backend acts on an object only when
 * it names the Component acting.
 *
 * @public
 */
export const ANNOTATION_OPERATED_BY = 'kitstage.dev/operated-by';
