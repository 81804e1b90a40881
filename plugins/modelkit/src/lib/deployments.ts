import { Entity } from '@backstage/catalog-model';
import { DeploymentObjectRef } from '@kitstage/plugin-modelkit-common';
import { shortDigest } from '@kitstage/plugin-modelkit-react';

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
