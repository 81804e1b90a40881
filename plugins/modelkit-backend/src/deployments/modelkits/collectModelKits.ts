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
  readPath,
  refOf,
} from '../matching/objects';
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
}

const KNATIVE_REVISION = 'serving.knative.dev/revision';
const KSERVE_ISVC = 'serving.kserve.io/inferenceservice';

/**
 * Collects the ModelKit versions of a service on a cluster: from Deployment pod templates,
 * ReplicaSets that still have replicas (the previous version during a rollout),
 * InferenceServices and live Pods. Each version comes once, with where it was found, how many
 * pods run it and, for KServe, the share of traffic its revisions serve.
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

  for (const deployment of matched.deployments) record(deployment, 'declares');
  for (const service of matched.inferenceServices) record(service, 'declares');
  for (const replicaSet of matched.replicaSets) {
    const replicas =
      readNumber(readPath(replicaSet.status, 'replicas')) ??
      readNumber(readPath(replicaSet.spec, 'replicas')) ??
      0;
    if (replicas > 0) record(replicaSet, 'fallback');
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
  return [...versions.values()];
}
