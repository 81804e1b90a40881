import type { DeploymentCluster } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';

/**
 * The cluster a view names: its name, and its title and dashboard link when configured.
 *
 * @internal
 */
export function clusterOf(snapshot: ClusterSnapshot): DeploymentCluster {
  const { name, title, dashboardUrl } = snapshot;
  return {
    name,
    ...(title ? { title } : {}),
    ...(dashboardUrl ? { dashboardUrl } : {}),
  };
}

/**
 * What a view says about a cluster's snapshot: everything but its objects.
 *
 * @internal
 */
export function stateOf(snapshot: ClusterSnapshot) {
  const { objects: _objects, ...state } = snapshot;
  return state;
}
