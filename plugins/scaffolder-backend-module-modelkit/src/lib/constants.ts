/** The label and annotation Backstage's Kubernetes plugin matches workloads by. */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';

/** The annotation naming the ModelKit a workload runs (see modelkit-common). */
export const ANNOTATION_MODELKIT = 'kitstage.dev/modelkit';

/** The annotation naming a ModelKit repository (see modelkit-common). */
export const ANNOTATION_MODELKIT_REPOSITORY = 'kitstage.dev/repository';

/** Pinned KitOps images, matching the Kit CLI version the generated CI installs. */
export const KIT_VERSION = 'v1.7.0';

/** The KitOps init container image (`kit unpack` driven by MODELKIT_REF). */
export const KIT_INIT_IMAGE = `ghcr.io/kitops-ml/kitops-init:${KIT_VERSION}`;
