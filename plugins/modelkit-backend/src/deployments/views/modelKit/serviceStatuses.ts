import type { DeploymentHealthStatus } from '@kitstage/plugin-modelkit-common';
import type { ServiceJob, ServiceOnCluster } from '../../ServiceEvaluator';
import type { RunningVersion } from './findRunningVersions';

/**
 * Which service on which cluster a running version belongs to: its Component, or else the
 * workload's `backstage.io/kubernetes-id`; undefined when it has neither.
 *
 * @internal
 */
export function serviceKey(entry: RunningVersion): string | undefined {
  if (entry.service) {
    return `${entry.snapshot.name}\u0000${entry.service.summary.ref}`;
  }
  return entry.kubernetesId
    ? `${entry.snapshot.name}\u0000id:${entry.kubernetesId}`
    : undefined;
}

/**
 * The health of each service on each cluster that runs a version, evaluated once per
 * service, by {@link serviceKey}.
 *
 * @internal
 */
export async function serviceStatuses(
  found: RunningVersion[],
  evaluate: (jobs: ServiceJob[]) => Promise<ServiceOnCluster[]>,
): Promise<Map<string, DeploymentHealthStatus>> {
  const jobs = new Map<string, ServiceJob>();
  for (const entry of found) {
    const key = serviceKey(entry);
    if (key && !jobs.has(key)) {
      jobs.set(key, {
        snapshot: entry.snapshot,
        matcher: entry.service?.matcher ?? {
          selector: { kubernetesId: entry.kubernetesId },
        },
      });
    }
  }
  const keys = [...jobs.keys()];
  const statuses = new Map<string, DeploymentHealthStatus>();
  (await evaluate([...jobs.values()])).forEach((evaluated, i) =>
    statuses.set(keys[i], evaluated.health.status),
  );
  return statuses;
}
