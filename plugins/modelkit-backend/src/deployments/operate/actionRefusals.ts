import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import { matchesLabelSelector } from '../matching/labelSelector';
import { matchService, ServiceMatcher } from '../matching/matchService';
import { labelsOf, nameOf, namespaceOf } from '../matching/objects';
import {
  KUBERNETES_ID_LABEL,
  LABELLED_RESOURCES,
  SnapshotIndex,
} from '../matching/SnapshotIndex';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { FoundDeliveryObject } from './findDeliveryObject';

/** What the refusals are decided on: the object, its resource type and its cluster's snapshot. */
type ClaimedObject = Pick<
  FoundDeliveryObject,
  'object' | 'resource' | 'snapshot'
>;

/**
 * What makes a Component's label selector too broad to act with, or undefined: a selector
 * without a requirement that a label be present (such as `zz notin (a)`, which selects nearly
 * everything), or one that selects objects of more than one `backstage.io/kubernetes-id` on
 * the cluster.
 */
function broadSelectorProblem(
  snapshot: ClusterSnapshot,
  matcher: ServiceMatcher,
): string | undefined {
  const selector = matcher.labelSelector;
  if (!selector) return undefined;
  const positive = selector.requirements.some(
    r => r.operator === 'exists' || r.operator === 'in',
  );
  if (!positive) return 'requires no label, so it selects nearly everything';
  const ids = new Set<string>();
  for (const resource of LABELLED_RESOURCES) {
    for (const object of snapshot.objects[resource]) {
      const labels = labelsOf(object);
      const id = labels?.[KUBERNETES_ID_LABEL];
      if (id && matchesLabelSelector(selector, labels)) ids.add(id);
    }
  }
  return ids.size > 1
    ? `selects the objects of ${ids.size} different ${KUBERNETES_ID_LABEL} values on cluster ${snapshot.name}`
    : undefined;
}

/**
 * Refuses a Component whose label selector is too broad to act with: one that requires no
 * label to be present, or that selects objects of more than one `backstage.io/kubernetes-id`
 * on the cluster.
 */
function narrowSelectorRefusal(
  found: ClaimedObject,
  matcher: ServiceMatcher,
  componentRef: string,
): NotAllowedError | undefined {
  const problem = broadSelectorProblem(found.snapshot, matcher);
  return problem
    ? new NotAllowedError(
        `Actions on delivery objects are refused for ${componentRef}: its ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} "${matcher.labelSelector?.text}" ${problem}; use ${KUBERNETES_ANNOTATION} or a selector of one service's own labels`,
      )
    : undefined;
}

/** Whether a Component could claim anything on the cluster, before matching it fully. */
function mayClaim(index: SnapshotIndex, matcher: ServiceMatcher): boolean {
  if (matcher.labelSelector || matcher.argoCdAppNames?.length) return true;
  const id = matcher.selector.kubernetesId;
  return id !== undefined && index.byKubernetesId.has(id);
}

/**
 * Refuses an action unless the Component acting is the only Component in the whole catalog
 * whose view shows the delivery object: anyone may register a Component with another team's
 * `backstage.io/kubernetes-id`, a label selector or an `argocd/app-name` that matches their
 * objects, and the backend's cluster credentials must not act for them. Components whose
 * label selector is too broad to act with are not counted.
 */
function soleClaimantRefusal(
  found: ClaimedObject,
  componentRef: string,
  all: ReadonlyMap<string, ServiceMatcher>,
): ConflictError | undefined {
  const index = SnapshotIndex.of(found.snapshot);
  const own = componentRef.toLocaleLowerCase('en-US');
  const namespace = namespaceOf(found.object);
  const name = nameOf(found.object);
  let others = 0;
  for (const [ref, matcher] of all) {
    if (ref.toLocaleLowerCase('en-US') === own) continue;
    if (!mayClaim(index, matcher)) continue;
    const theirs = matchService(index, matcher)[found.resource] ?? [];
    if (
      theirs.some(o => namespaceOf(o) === namespace && nameOf(o) === name) &&
      // A Component too broad to act with never acts, so it takes no object from its
      // owner: anyone registering one must not stop every team's actions.
      !broadSelectorProblem(found.snapshot, matcher)
    ) {
      others++;
    }
  }
  if (others === 0) return undefined;
  return new ConflictError(
    `${found.object.kind ?? 'The object'} ${namespace}/${name} on cluster ${
      found.snapshot.name
    } is claimed by ${others} other Component${
      others === 1 ? '' : 's'
    } besides ${componentRef}; actions are allowed only on a delivery object exactly one Component claims. Remove or correct the other Component's ${KUBERNETES_ANNOTATION}, ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} or argocd/app-name annotation`,
  );
}

/**
 * Refuses an object that only the Component's own `argocd/app-name` annotation links to it:
 * the cluster itself must link a delivery object to the Component before the backend acts on
 * it with its cluster credentials, through the `backstage.io/kubernetes-id` label (or the
 * label selector) on the object or on a workload it delivers. Otherwise anyone could register
 * a Component naming an Application that no Component claims and operate it.
 */
function clusterLinkRefusal(
  found: ClaimedObject,
  matcher: ServiceMatcher,
  componentRef: string,
): NotAllowedError | undefined {
  if (!matcher.argoCdAppNames?.length) return undefined;
  const linked =
    matchService(SnapshotIndex.of(found.snapshot), {
      ...matcher,
      argoCdAppNames: undefined,
    })[found.resource] ?? [];
  const namespace = namespaceOf(found.object);
  const name = nameOf(found.object);
  if (linked.some(o => namespaceOf(o) === namespace && nameOf(o) === name)) {
    return undefined;
  }
  const kind = found.object.kind ?? 'The object';
  return new NotAllowedError(
    `${kind} ${namespace}/${name} on cluster ${found.snapshot.name} is shown for ${componentRef} only because its argocd/app-name annotation names it; actions need the cluster to link the ${kind} to the Component: it must carry the Component's ${KUBERNETES_ID_LABEL} label, or deliver a workload that does`,
  );
}

/**
 * Why no action may touch a delivery object of a Component, or undefined when it may be
 * operated: the Component's label selector is too broad to act with, another Component in
 * the catalog claims the object too, or only the Component's own `argocd/app-name`
 * annotation links it.
 *
 * @param all - Every Component with deployment annotations, listed with Kitstage's own
 *   credentials (see `ComponentVisibility.allServices`).
 * @returns NotAllowedError for a selector too broad or an object the cluster does not link
 *   to the Component; ConflictError naming how many other Components claim the object,
 *   without their names.
 * @internal
 */
export function actionRefusalOf(
  found: ClaimedObject,
  matcher: ServiceMatcher,
  componentRef: string,
  all: ReadonlyMap<string, ServiceMatcher>,
): NotAllowedError | ConflictError | undefined {
  return (
    narrowSelectorRefusal(found, matcher, componentRef) ??
    soleClaimantRefusal(found, componentRef, all) ??
    clusterLinkRefusal(found, matcher, componentRef)
  );
}
