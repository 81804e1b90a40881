import { Entity } from '@backstage/catalog-model';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentCluster,
  DeploymentHealthStatus,
  DeploymentObjectRef,
} from '@kitstage/plugin-modelkit-common';
import { shortDigest } from './format';

/**
 * The annotation whose value the workloads of a Component carry as their
 * `backstage.io/kubernetes-id` label, as the Kubernetes plugin reads it.
 *
 * @internal
 */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';

/**
 * The annotation holding a label selector for the workloads of a Component,
 * as the Kubernetes plugin reads it.
 *
 * @internal
 */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * Whether a Component names its workloads with one of the annotations the
 * Kubernetes plugin reads, so the backend can find them on clusters.
 *
 * @internal
 */
export function hasDeploymentAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return [KUBERNETES_ID_ANNOTATION, KUBERNETES_LABEL_SELECTOR_ANNOTATION].some(
    key =>
      typeof annotations[key] === 'string' && annotations[key].trim() !== '',
  );
}

/**
 * Every status, worst first: the order of counts, legends and filters.
 *
 * @internal
 */
export const STATUSES: readonly DeploymentHealthStatus[] =
  DEPLOYMENT_HEALTH_PRECEDENCE;

/**
 * Narrows a value from the address or from untyped JSON to a status.
 *
 * @internal
 */
export function isDeploymentHealthStatus(
  value: unknown,
): value is DeploymentHealthStatus {
  return (
    typeof value === 'string' && (STATUSES as readonly string[]).includes(value)
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
 * @internal
 */
export function clusterDisplayTitle(cluster: DeploymentCluster): string {
  const title = (cluster.title ?? '').replace(SIMULATED_SUFFIX, ' ').trim();
  return title || cluster.name;
}

/**
 * Names a Kubernetes object the way `kubectl` users read it:
 * `Kustomization flux-system/support-sentiment-api`.
 *
 * @internal
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

/**
 * A stable key for a Kubernetes object, for React lists.
 *
 * @internal
 */
export function objectKey(ref: DeploymentObjectRef): string {
  return `${ref.apiVersion ?? ''}|${ref.kind}|${ref.namespace ?? ''}|${
    ref.name
  }`;
}

const GIT_SHA = /^[0-9a-f]{40}$/;

/**
 * Shortens a GitOps revision for display: the digest of a Flux revision
 * (`main@sha1:…`, `1.4.0@sha256:…`) or a bare Git commit (Argo CD) is cut to
 * twelve hex digits; anything else is kept as it is.
 *
 * @internal
 */
export function shortRevision(revision: string): string {
  const at = revision.lastIndexOf('@');
  if (at > 0 && revision.slice(at + 1).includes(':')) {
    return `${revision.slice(0, at)}@${shortDigest(revision.slice(at + 1))}`;
  }
  if (GIT_SHA.test(revision)) {
    return revision.slice(0, 12);
  }
  if (/^[a-z0-9]+:[0-9a-f]{32,}$/.test(revision)) {
    return shortDigest(revision);
  }
  return revision;
}
