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
  /**
   * ModelKit repository (registry host included) and the tag the environment CI pins into
   * starts on, until CI pins the digest of its first build.
   */
  modelKit: { repository: string; tag: string };
  /**
   * Serving image (the runtime the Deployment styles run), and the tag the environment CI pins
   * into starts on.
   */
  image?: { repository: string; tag: string };
  replicas: number;
  resources: {
    requests: { cpu: string; memory: string };
    limits: { cpu: string; memory: string };
    gpu: number;
  };
  environments: string[];
  /**
   * The environments of `environments` that are gated (see `readEnvironmentGates`): their
   * overlays start on {@link UNPINNED_DIGEST}, and only promotions change them.
   */
  gatedEnvironments: string[];
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
 * The digest that gated overlays, and the base, start pinned to: 64 zeros, which no content
 * hashes to. A pod that names it pulls nothing and serves nothing, so an environment runs no
 * ModelKit and no serving image until a promotion (for the image, a reviewed change) pins a real
 * digest; a mutable tag is never a fallback.
 *
 * @internal
 */
export const UNPINNED_DIGEST = `sha256:${'0'.repeat(64)}`;

/**
 * Whether an environment is gated in the spec: only promotions change its overlay.
 *
 * @internal
 */
export function isGated(spec: ManifestsSpec, environment: string): boolean {
  return spec.gatedEnvironments.includes(environment);
}

/**
 * Whether an environment's overlay starts on the tags of the spec: only an environment CI may
 * pin into (one that is not gated). Without an environment (the base), it does not.
 */
function startsOnTag(
  spec: ManifestsSpec,
  environment: string | undefined,
): boolean {
  return environment !== undefined && !isGated(spec, environment);
}

/**
 * The ModelKit reference an environment's overlay starts with: the repository at the spec's
 * tag for the environment CI pins a digest into after each push, and {@link UNPINNED_DIGEST}
 * for a gated environment (until its first promotion) and for the base.
 *
 * @internal
 */
export function initialModelKitReference(
  spec: ManifestsSpec,
  environment?: string,
): string {
  const repository = parseOciRepository(spec.modelKit.repository);
  return formatOciReference(
    startsOnTag(spec, environment)
      ? { ...repository, tag: spec.modelKit.tag }
      : { ...repository, digest: UNPINNED_DIGEST },
  );
}

/**
 * The Kustomize `images` entry of the serving image in an environment's overlay: the spec's tag
 * where CI pins the digest it built after each push, and {@link UNPINNED_DIGEST} in a gated
 * environment, where only a reviewed change sets the digest.
 *
 * @internal
 */
export function overlayImage(
  spec: ManifestsSpec,
  image: NonNullable<ManifestsSpec['image']>,
  environment: string,
): { name: string; newTag?: string; digest?: string } {
  return startsOnTag(spec, environment)
    ? { name: image.repository, newTag: image.tag }
    : { name: image.repository, digest: UNPINNED_DIGEST };
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
