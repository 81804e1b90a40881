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
 *
 * @throws NotAllowedError naming the annotation and what is wrong with it.
 * @internal
 */
export function requireNarrowSelector(
  found: FoundDeliveryObject,
  matcher: ServiceMatcher,
  componentRef: string,
): void {
  const problem = broadSelectorProblem(found.snapshot, matcher);
  if (problem) {
    throw new NotAllowedError(
      `Actions on delivery objects are refused for ${componentRef}: its ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} "${matcher.labelSelector?.text}" ${problem}; use ${KUBERNETES_ANNOTATION} or a selector of one service's own labels`,
    );
  }
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
 * label selector is too broad to act with (see `requireNarrowSelector`) are not counted.
 *
 * @param all - Every Component with deployment annotations, listed with Kitstage's own
 *   credentials (see `ComponentVisibility.allServices`).
 * @throws ConflictError naming how many other Components claim the object, without their
 *   names.
 * @internal
 */
export function requireSoleClaimant(
  found: FoundDeliveryObject,
  componentRef: string,
  all: ReadonlyMap<string, ServiceMatcher>,
): void {
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
  if (others > 0) {
    throw new ConflictError(
      `${found.object.kind ?? 'The object'} ${namespace}/${name} on cluster ${
        found.snapshot.name
      } is claimed by ${others} other Component${
        others === 1 ? '' : 's'
      } besides ${componentRef}; actions are allowed only on a delivery object exactly one Component claims. Remove or correct the other Component's ${KUBERNETES_ANNOTATION}, ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} or argocd/app-name annotation`,
    );
  }
}
