import type { AttestationPolicyStatus } from '../attestation/evaluateAttestationPolicy';
import type {
  DeploymentEntitySummary,
  DeploymentObjectRef,
} from './objectTypes';

/**
 * Where a ModelKit reference was found on a workload.
 *
 * - `kit-uri`: a `kit://` storage URI (KServe `storageUri`, an LLMInferenceService's
 *   `spec.model.uri`, a storage-initializer argument).
 * - `oci-uri`: an `oci://` or `oci+native://` storage URI: a ModelKit served as an OCI model
 *   (a KServe "modelcar").
 * - `image-volume`: a pod volume that mounts the ModelKit as an image
 *   (`volumes[].image.reference`).
 * - `kit-unpack`: a `kit unpack <ref>` command of an init container or container.
 * - `env`: a `MODELKIT_REF` or `MODELKIT_URI` environment variable.
 * - `annotation`: the `kitstage.dev/modelkit` annotation.
 *
 * @public
 */
export type ModelKitReferenceSource =
  | 'kit-uri'
  | 'oci-uri'
  | 'image-volume'
  | 'kit-unpack'
  | 'env'
  | 'annotation';

/**
 * The attestation policy outcome for a running ModelKit digest.
 *
 * @public
 */
export interface DeploymentModelKitPolicy {
  /** `passed`, `failed` (a rule failed) or `missing` (a rule lacks verified evidence). */
  status: AttestationPolicyStatus;
  /** One sentence: the rule that failed or is missing evidence, or what passed. */
  message?: string;
  /** The ModelKit entity's lifecycle whose policy was applied. */
  lifecycle?: string;
}

/**
 * One ModelKit version a service runs on a cluster.
 *
 * @public
 */
export interface DeployedModelKit {
  /** The reference as the workload names it (the first place found), without `kit://`. */
  reference: string;
  /** `host/path` of the OCI repository: the form of a ModelKit entity's `spec.repository`. */
  repository: string;
  /** The tag the reference names; absent for a reference by digest only. */
  tag?: string;
  /** The manifest digest: named by the reference, or resolved from the tag. */
  digest?: string;
  /** Whether the workload names the version by digest rather than by a mutable tag. */
  pinnedByDigest: boolean;
  /** Where the digest comes from: the reference itself, or the registry resolving the tag now. */
  digestFrom?: 'reference' | 'registry';
  /** Why the tag could not be resolved to a digest (registry not configured, tag not found...). */
  resolveError?: string;
  /** The ModelKit entity whose `spec.repository` is this repository, if the caller may see it. */
  entity?: DeploymentEntitySummary;
  /** The attestation policy outcome for the digest; absent when not evaluated. */
  policy?: DeploymentModelKitPolicy;
  /** Where the reference was found. */
  foundIn: Array<{
    object: DeploymentObjectRef;
    via: ModelKitReferenceSource;
    /** The field, e.g. `spec.template.spec.initContainers[0].command` or `spec.predictor.model.storageUri`. */
    field: string;
  }>;
  /** How many pods of the service run it. */
  pods: number;
  /**
   * The share of traffic served by what runs it: the InferenceService revisions that run it,
   * or its side of an Argo Rollouts canary (the canary's weight, or the rest for the stable
   * version).
   */
  trafficPercent?: number;
  /**
   * Its side of an Argo Rollouts canary under way: the stable ReplicaSet's version, or the
   * canary's (from the ReplicaSets whose `rollouts-pod-template-hash` is the Rollout's
   * `status.stableRS` or `status.currentPodHash`).
   */
  rolloutRole?: 'stable' | 'canary';
}
