import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  ANNOTATION_OPERATED_BY,
  type ComponentDeploymentCard,
  type DeliveryActionRefusal,
  type DeploymentObjectRef,
  type KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import { annotationsOf, nameOf, namespaceOf } from '../matching/objects';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import { DELIVERY_RESOURCES } from '../matching/SnapshotIndex';
import { actionsNotTakenBy } from './deliveryPatches';

/** A reference as the catalog compares it: kind and namespace filled in, lower case. */
function normalisedRef(ref: string): string | undefined {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref.trim(), {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return undefined;
  }
}

/**
 * Why no action may touch a delivery object for a Component, or undefined when it may be
 * operated: the object itself must name the Component in its `kitstage.dev/operated-by`
 * annotation.
 *
 * @remarks
 * A Component's view finds its delivery objects through what its annotations and the labels
 * of its workloads point at, and anyone may register a Component or write a workload in
 * their own namespace with labels that name any Kustomization, HelmRelease or Application: no
 * such pointer can decide what the backend changes with its cluster credentials. The
 * object's own annotation is written by whoever may change the object (in `flux-system` or
 * `argocd`, the platform or the team's GitOps repository), so it says who may operate it.
 * The reason is the same whether the object has no annotation or names other Components: it
 * never tells whether, or which, other Components are named, as the caller may not see them.
 *
 * @internal
 */
export function actionRefusalOf(
  object: KubernetesObjectLike,
  cluster: string,
  componentRef: string,
): NotAllowedError | undefined {
  const own = normalisedRef(componentRef);
  const value = annotationsOf(object)?.[ANNOTATION_OPERATED_BY];
  const named = (value ?? '').split(',').map(normalisedRef);
  if (own && named.includes(own)) return undefined;
  return new NotAllowedError(
    `${object.kind ?? 'The object'} ${namespaceOf(object)}/${nameOf(
      object,
    )} on cluster ${cluster} does not name ${componentRef} in a ${ANNOTATION_OPERATED_BY} annotation; actions are done only on a delivery object whose own ${ANNOTATION_OPERATED_BY} annotation names the Component, as only those who may change the object can set it`,
  );
}

/** The object a card shows, as the cluster's snapshot holds it. */
function objectOf(
  snapshot: ClusterSnapshot,
  ref: DeploymentObjectRef,
): KubernetesObjectLike | undefined {
  const resource = DELIVERY_RESOURCES[ref.kind];
  return resource
    ? snapshot.objects[resource]?.find(
        o => nameOf(o) === ref.name && namespaceOf(o) === ref.namespace,
      )
    : undefined;
}

/**
 * The delivery objects of a Component's cards, by cluster name, that no action may touch
 * (see `actionRefusalOf`) or that take none although their kind does (see
 * `actionsNotTakenBy`), each with why; clusters that cannot be read are left out.
 *
 * @internal
 */
export function refusalsByCluster(
  snapshots: readonly ClusterSnapshot[],
  cards: readonly ComponentDeploymentCard[],
  componentRef: string,
): Map<string, DeliveryActionRefusal[]> {
  const refused = new Map<string, DeliveryActionRefusal[]>();
  for (const card of cards) {
    const snapshot = snapshots.find(s => s.name === card.cluster.name);
    if (!snapshot || snapshot.error) continue;
    const refs = card.deliveries.flatMap(d =>
      d.source ? [d.object, d.source] : [d.object],
    );
    const list: DeliveryActionRefusal[] = [];
    for (const ref of refs) {
      const object = objectOf(snapshot, ref);
      if (!object) continue;
      const reason =
        actionRefusalOf(object, snapshot.name, componentRef)?.message ??
        actionsNotTakenBy(object);
      if (reason) {
        list.push({
          object: { kind: ref.kind, namespace: ref.namespace, name: ref.name },
          reason,
        });
      }
    }
    if (list.length > 0) refused.set(snapshot.name, list);
  }
  return refused;
}
