/**
 * The label and annotation Backstage's Kubernetes plugin matches workloads by. The Kubernetes
 * plugin's common package defines it too; this module does not depend on that package for one
 * string.
 *
 * @internal
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/**
 * The annotation naming the Kubernetes namespace of a Component's workloads.
 *
 * @internal
 */
export const ANNOTATION_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';

/**
 * The Kit CLI version the generated CI installs; the KitOps images are pinned to the same
 * release.
 *
 * @internal
 */
export const KIT_VERSION = 'v1.7.0';

/**
 * The KitOps init container image (`kit unpack` driven by `MODELKIT_REF`, `UNPACK_PATH` and
 * `UNPACK_FILTER`).
 *
 * @internal
 */
export const KIT_INIT_IMAGE = `ghcr.io/kitops-ml/kitops-init:${KIT_VERSION}`;
