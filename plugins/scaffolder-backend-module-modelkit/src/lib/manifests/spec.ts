import {
  formatKitUri,
  formatOciReference,
  parseModelKitReference,
  parseOciRepository,
} from '@kitstage/plugin-modelkit-common';

/**
 * How the generated project serves its model.
 *
 * @internal
 */
export type ServingStyle = 'fastapi' | 'init-container' | 'kserve';

/**
 * The structured description the Kubernetes and Flux manifests are built from.
 *
 * @internal
 */
export interface ManifestsSpec {
  name: string;
  namespace: string;
  servingStyle: ServingStyle;
  framework: string;
  /** ModelKit repository (registry host included) and the tag deployed until CI pins a digest. */
  modelKit: { repository: string; tag: string };
  /** Serving image, for the styles that build one. */
  image?: { repository: string; tag: string };
  replicas: number;
  resources: {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
    gpu: number;
  };
  environments: string[];
  flux: {
    gitUrl: string;
    branch: string;
    clusterPath: string;
    interval: string;
    timeout: string;
  };
  kitInitImage: string;
}

/**
 * A file to write: its workspace-relative path, the objects it holds and a leading comment.
 *
 * @internal
 */
export interface ManifestFile {
  path: string;
  documents: Record<string, unknown>[];
  comment?: string;
}

/**
 * The ModelKit reference the manifests start with: the repository at the given tag. CI replaces
 * it with a digest reference after each push.
 *
 * @internal
 */
export function initialModelKitReference(spec: ManifestsSpec): string {
  return formatOciReference({
    ...parseOciRepository(spec.modelKit.repository),
    tag: spec.modelKit.tag,
  });
}

/**
 * The `kit://` URI of a ModelKit reference, as KServe storage URIs name it.
 *
 * @internal
 */
export function kitUri(reference: string): string {
  return formatKitUri(parseModelKitReference(reference));
}

/**
 * The `apiVersion` and `kind` of the workload that serves the model: a KServe InferenceService, or a Deployment.
 *
 * @internal
 */
export function workloadKind(spec: ManifestsSpec) {
  return spec.servingStyle === 'kserve'
    ? { apiVersion: 'serving.kserve.io/v1beta1', kind: 'InferenceService' }
    : { apiVersion: 'apps/v1', kind: 'Deployment' };
}
