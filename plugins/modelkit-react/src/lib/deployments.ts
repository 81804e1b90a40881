import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentCluster,
  DeploymentHealthStatus,
} from '@kitstage/plugin-modelkit-common';

/**
 * Narrows a value from the address or from untyped JSON to a status.
 *
 * @public
 */
export function isDeploymentHealthStatus(
  value: unknown,
): value is DeploymentHealthStatus {
  return (
    typeof value === 'string' &&
    (DEPLOYMENT_HEALTH_PRECEDENCE as readonly string[]).includes(value)
  );
}

const SIMULATED = /\bsimulated\b/i;
const SIMULATED_SUFFIX = /\s*\(\s*simulated\s*\)\s*/i;

/**
 * Whether a cluster is a simulated one, as the demo configuration names its
 * loopback cluster: its title or name says "simulated".
 *
 * @internal
 */
export function isSimulatedCluster(cluster: DeploymentCluster): boolean {
  return SIMULATED.test(cluster.title ?? '') || SIMULATED.test(cluster.name);
}

/**
 * The title to show for a cluster: its configured title without a
 * "(simulated)" note, which is shown as a label instead, or its name.
 *
 * @public
 */
export function clusterDisplayTitle(cluster: DeploymentCluster): string {
  const title = (cluster.title ?? '').replace(SIMULATED_SUFFIX, ' ').trim();
  return title || cluster.name;
}

/**
 * Names a Kubernetes object the way `kubectl` users read it:
 * `Kustomization flux-system/support-sentiment-api`.
 *
 * @public
 */
export function formatObjectRef(ref: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  return ref.namespace
    ? `${ref.kind} ${ref.namespace}/${ref.name}`
    : `${ref.kind} ${ref.name}`;
}
