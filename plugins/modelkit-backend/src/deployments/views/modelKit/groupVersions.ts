import type {
  DeployedModelKit,
  DeploymentHealthStatus,
  ModelKitVersionDeployments,
} from '@kitstage/plugin-modelkit-common';
import { refOf } from '../../matching/objects';
import { clusterOf } from '../clusterViews';
import type { RunningVersion } from './findRunningVersions';
import { serviceKey } from './serviceStatuses';

/** A new group for a resolved version, with what is known of it. */
function newVersion(modelKit: DeployedModelKit): ModelKitVersionDeployments {
  return {
    tags: [],
    references: [],
    deployments: [],
    ...(modelKit.digest ? { digest: modelKit.digest } : {}),
    ...(modelKit.policy ? { policy: modelKit.policy } : {}),
    ...(modelKit.resolveError ? { resolveError: modelKit.resolveError } : {}),
  };
}

/**
 * Groups the running versions by digest (by reference when the digest is not known), each
 * with its tags, references and deployments; the versions deployed most come first, then by
 * tag (or digest).
 *
 * @param resolved - The running versions resolved, in the order of `found`.
 * @param statuses - The health of each service, by {@link serviceKey}.
 * @internal
 */
export function groupVersions(
  found: RunningVersion[],
  resolved: DeployedModelKit[],
  statuses: Map<string, DeploymentHealthStatus>,
): ModelKitVersionDeployments[] {
  const versions = new Map<string, ModelKitVersionDeployments>();
  found.forEach((entry, i) => {
    const modelKit = resolved[i];
    const versionKey = modelKit.digest ?? entry.version.key;
    let version = versions.get(versionKey);
    if (!version) {
      version = newVersion(modelKit);
      versions.set(versionKey, version);
    }
    if (modelKit.tag && !version.tags.includes(modelKit.tag)) {
      version.tags.push(modelKit.tag);
    }
    if (!version.references.includes(modelKit.reference)) {
      version.references.push(modelKit.reference);
    }
    const key = serviceKey(entry);
    const status = key ? statuses.get(key) : undefined;
    version.deployments.push({
      cluster: clusterOf(entry.snapshot),
      ...(entry.service ? { component: entry.service.summary } : {}),
      ...(entry.kubernetesId ? { kubernetesId: entry.kubernetesId } : {}),
      workload: refOf(entry.workload),
      ...(status ? { status } : {}),
      pods: modelKit.pods,
      ...(modelKit.trafficPercent !== undefined
        ? { trafficPercent: modelKit.trafficPercent }
        : {}),
      pinnedByDigest: modelKit.pinnedByDigest,
    });
  });
  return [...versions.values()].sort(
    (a, b) =>
      b.deployments.length - a.deployments.length ||
      (a.tags[0] ?? a.digest ?? '').localeCompare(b.tags[0] ?? b.digest ?? ''),
  );
}
