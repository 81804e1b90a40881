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
