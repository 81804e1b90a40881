import {
  DeployedModelKit,
  formatOciReference,
  KubernetesObjectLike,
  OciReference,
} from '@kitstage/plugin-modelkit-common';
import type { MatchedObjects } from '../matching/matchService';
import {
  labelsOf,
  nameOf,
  namespaceOf,
  readNumber,
  ownerUidsOf,
  readPath,
  refOf,
  uidOf,
} from '../matching/objects';
import {
  ROLLOUT_POD_HASH_LABEL,
  rolloutProgress,
} from '../matching/rolloutProgress';
import { isLivePod, podsOf, predictorTraffic } from '../matching/summarize';
import { extractModelKitReferences } from './extractModelKitReferences';

/**
 * A ModelKit version found on a service's objects, before its digest, entity and policy are
 * looked up.
 *
 * @internal
 */
export interface CollectedModelKit {
  /** The normalised reference: `registry/repository[:tag][@digest]`. */
  key: string;
  /** The reference as first written. */
  reference: string;
  parsed: OciReference;
  /** `registry/repository`. */
  repository: string;
  foundIn: DeployedModelKit['foundIn'];
  pods: number;
  trafficPercent?: number;
  rolloutRole?: 'stable' | 'canary';
}

const KNATIVE_REVISION = 'serving.knative.dev/revision';
const KSERVE_ISVC = 'serving.kserve.io/inferenceservice';

/**
 * Collects the ModelKit versions of a service on a cluster: from Deployment and Argo Rollout
 * pod templates, ReplicaSets that still have replicas (the previous version during a rollout,
 * the stable version of a canary), InferenceServices, LLMInferenceServices and live Pods.
 * Each version comes once, with where it was found, how many pods run it and, for a KServe
 * canary or an Argo Rollouts canary, the share of traffic it serves (and, for the latter,
 * whether it is the stable or the canary side).
 *
 * @internal
 */
export function collectModelKits(matched: MatchedObjects): CollectedModelKit[] {
  const versions = new Map<string, CollectedModelKit>();
  /**
   * Records the versions an object names. `declares`: Deployments and InferenceServices
   * list where each version is found. `fallback`: ReplicaSets and Pods list it only for a
   * version no declaring object names (the previous ReplicaSet of a rollout, a bare Pod),
   * and only the first such object, so the list stays short.
   */
  const record = (
    object: KubernetesObjectLike,
    role: 'declares' | 'fallback',
  ): Set<string> => {
    const keys = new Set<string>();
    const firstSeen = new Set<string>();
    for (const found of extractModelKitReferences(object)) {
      const key = formatOciReference(found.parsed);
      keys.add(key);
      let version = versions.get(key);
      if (!version) {
        version = {
          key,
          reference: found.reference,
          parsed: found.parsed,
          repository: `${found.parsed.registry}/${found.parsed.repository}`,
          foundIn: [],
          pods: 0,
        };
        versions.set(key, version);
        firstSeen.add(key);
      }
      if (role === 'declares' || firstSeen.has(key)) {
        version.foundIn.push({
          object: refOf(object),
          via: found.via,
          field: found.field,
        });
      }
    }
    return keys;
  };

  // An LLMInferenceService names its model before the Deployments it runs it in.
  for (const service of matched.llmInferenceServices) {
    record(service, 'declares');
  }
  for (const deployment of matched.deployments) record(deployment, 'declares');
  for (const rollout of matched.rollouts) record(rollout, 'declares');
  for (const service of matched.inferenceServices) record(service, 'declares');
  const replicaSetKeys = new Map<KubernetesObjectLike, Set<string>>();
  for (const replicaSet of matched.replicaSets) {
    const replicas =
      readNumber(readPath(replicaSet.status, 'replicas')) ??
      readNumber(readPath(replicaSet.spec, 'replicas')) ??
      0;
    if (replicas > 0)
      replicaSetKeys.set(replicaSet, record(replicaSet, 'fallback'));
  }

  const podKeys = new Map<KubernetesObjectLike, Set<string>>();
  for (const pod of matched.pods.filter(isLivePod)) {
    const keys = record(pod, 'fallback');
    podKeys.set(pod, keys);
    for (const key of keys) {
      versions.get(key)!.pods += 1;
    }
  }

  for (const service of matched.inferenceServices) {
    const traffic = predictorTraffic(service);
    if (!traffic) continue;
    const pods = podsOf(matched, service).filter(isLivePod);
    for (const { revision, percent } of traffic) {
      const keys = new Set<string>();
      for (const pod of pods) {
        if (
          labelsOf(pod)?.[KNATIVE_REVISION] === revision &&
          labelsOf(pod)?.[KSERVE_ISVC] === nameOf(service) &&
          namespaceOf(pod) === namespaceOf(service)
        ) {
          for (const key of podKeys.get(pod) ?? []) keys.add(key);
        }
      }
      for (const key of keys) {
        const version = versions.get(key)!;
        version.trafficPercent = (version.trafficPercent ?? 0) + percent;
      }
    }
  }
  for (const rollout of matched.rollouts) {
    markRolloutSides(matched, rollout, replicaSetKeys, versions);
  }
  return [...versions.values()];
}

/**
 * Marks the versions of an Argo Rollouts canary under way: those of the ReplicaSet whose
 * `rollouts-pod-template-hash` is `status.currentPodHash` are the canary's, with its weight;
 * those of the `status.stableRS` ReplicaSet are the stable version's, with the rest.
 */
function markRolloutSides(
  matched: MatchedObjects,
  rollout: KubernetesObjectLike,
  replicaSetKeys: Map<KubernetesObjectLike, Set<string>>,
  versions: Map<string, CollectedModelKit>,
) {
  const progress = rolloutProgress(rollout);
  const weight = progress.canaryWeight ?? 0;
  if (
    progress.strategy !== 'canary' ||
    !progress.canaryHash ||
    !progress.stableHash ||
    progress.canaryHash === progress.stableHash ||
    progress.aborted
  ) {
    return;
  }
  const uid = uidOf(rollout);
  const sides: Array<['stable' | 'canary', string, number]> = [
    ['stable', progress.stableHash, 100 - weight],
    ['canary', progress.canaryHash, weight],
  ];
  for (const [role, hash, percent] of sides) {
    const replicaSet = matched.replicaSets.find(
      rs =>
        labelsOf(rs)?.[ROLLOUT_POD_HASH_LABEL] === hash &&
        ownerUidsOf(rs).includes(uid ?? ''),
    );
    // The canary's template is the Rollout's own, before its ReplicaSet has replicas.
    const keys =
      (replicaSet && replicaSetKeys.get(replicaSet)) ??
      (role === 'canary'
        ? new Set(
            extractModelKitReferences(rollout).map(found =>
              formatOciReference(found.parsed),
            ),
          )
        : new Set<string>());
    for (const key of keys) {
      const version = versions.get(key);
      // A version on both sides (a configuration-only change) gets no side.
      if (!version || version.rolloutRole) {
        if (version) {
          delete version.rolloutRole;
          delete version.trafficPercent;
        }
        continue;
      }
      version.rolloutRole = role;
      version.trafficPercent = percent;
    }
  }
}
