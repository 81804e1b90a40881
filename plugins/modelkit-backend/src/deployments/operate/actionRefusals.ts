import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import { matchesLabelSelector } from '../matching/labelSelector';
import type {
  DeliveryActionRefusal,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import {
  matchService,
  selectsObject,
  ServiceMatcher,
} from '../matching/matchService';
import {
  isRecord,
  labelsOf,
  nameOf,
  namespaceOf,
  readPath,
  readString,
} from '../matching/objects';
import {
  KUBERNETES_ID_LABEL,
  LABELLED_RESOURCES,
  SnapshotIndex,
} from '../matching/SnapshotIndex';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import {
  DELIVERY_RESOURCES,
  type FoundDeliveryObject,
} from './findDeliveryObject';

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
      // A Component too broad to act with, or one the object's controller does not link
      // to, never acts on it, so it takes no object from its owner: anyone registering one
      // must not stop other teams' actions.
      !broadSelectorProblem(found.snapshot, matcher) &&
      !controllerLinkRefusal(found, matcher, ref)
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

/** The kinds whose objects are a service's workloads, which its delivery objects apply. */
const WORKLOADS = [
  'deployments',
  'services',
  'inferenceServices',
  'llmInferenceServices',
  'rollouts',
] as const;

/** How Flux's inventory names an object: `<namespace>_<name>_<group>_<kind>`. */
function inventoryIdOf(object: KubernetesObjectLike): string {
  const apiVersion = object.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  return `${namespaceOf(object) ?? ''}_${nameOf(object)}_${group}_${
    object.kind ?? ''
  }`;
}

/**
 * Whether the delivery object's controller records that it delivers one of the workloads:
 * a Kustomization lists it in `status.inventory`, a HelmRelease installs into its namespace
 * (`spec.targetNamespace`, else its own), an Argo CD Application lists it in
 * `status.resources`. Labels and annotations on a workload prove nothing: whoever may write
 * the workload may write them, naming any Kustomization, HelmRelease or Application.
 */
function deliversOne(
  delivery: KubernetesObjectLike,
  workloads: readonly KubernetesObjectLike[],
): boolean {
  switch (delivery.kind) {
    case 'Kustomization': {
      const entries = readPath(delivery.status, 'inventory', 'entries');
      if (!Array.isArray(entries)) return false;
      const ids = new Set(
        entries.map(entry => readString(readPath(entry, 'id'))),
      );
      return workloads.some(w => ids.has(inventoryIdOf(w)));
    }
    case 'HelmRelease': {
      const target =
        readString(readPath(delivery.spec, 'targetNamespace')) ??
        namespaceOf(delivery);
      const name = nameOf(delivery);
      return workloads.some(
        w =>
          namespaceOf(w) === target &&
          labelsOf(w)?.['helm.toolkit.fluxcd.io/name'] === name,
      );
    }
    case 'Application': {
      const resources = readPath(delivery.status, 'resources');
      if (!Array.isArray(resources)) return false;
      return resources.some(
        resource =>
          isRecord(resource) &&
          workloads.some(
            w =>
              readString(resource.kind) === w.kind &&
              readString(resource.name) === nameOf(w) &&
              (readString(resource.namespace) ?? '') === (namespaceOf(w) ?? ''),
          ),
      );
    }
    default:
      return false;
  }
}

/** Whether a Flux object names the source as its `sourceRef` or chart's source. */
function usesSource(
  referrer: KubernetesObjectLike,
  source: KubernetesObjectLike,
): boolean {
  const ref =
    readPath(referrer.spec, 'sourceRef') ??
    readPath(referrer.spec, 'chartRef') ??
    readPath(referrer.spec, 'chart', 'spec', 'sourceRef');
  if (!isRecord(ref)) return false;
  return (
    readString(ref.kind) === source.kind &&
    readString(ref.name) === nameOf(source) &&
    (readString(ref.namespace) ?? namespaceOf(referrer)) === namespaceOf(source)
  );
}

/**
 * Refuses a delivery object that the cluster's controllers do not link to the Component. A
 * Component's view shows what its annotations and the labels of its workloads point at, but
 * those are written by whoever registers the Component or may write its workloads: an
 * `argocd/app-name` can name any Application, and a workload of one's own can carry
 * `kustomize.toolkit.fluxcd.io/name`, `helm.toolkit.fluxcd.io/name` or Argo CD's tracking
 * label naming another team's or the platform's object. Before the backend acts with its
 * cluster credentials, the object must carry the Component's own selecting labels (as only
 * those who may write it can set), or its controller must record that it delivers one of
 * the Component's workloads (see `deliversOne`); a source is linked through a linked
 * Kustomization or HelmRelease that uses it.
 */
function controllerLinkRefusal(
  found: ClaimedObject,
  matcher: ServiceMatcher,
  componentRef: string,
): NotAllowedError | undefined {
  const object = found.object;
  if (selectsObject(matcher, object)) return undefined;
  const matched = matchService(SnapshotIndex.of(found.snapshot), matcher);
  const workloads = WORKLOADS.flatMap(id => matched[id] ?? []).filter(w =>
    selectsObject(matcher, w),
  );
  const linked = (delivery: KubernetesObjectLike) =>
    selectsObject(matcher, delivery) || deliversOne(delivery, workloads);
  if (
    object.kind === 'Application' ||
    object.kind === 'Kustomization' ||
    object.kind === 'HelmRelease'
  ) {
    if (linked(object)) return undefined;
  } else if (
    [...(matched.kustomizations ?? []), ...(matched.helmReleases ?? [])].some(
      referrer => usesSource(referrer, object) && linked(referrer),
    )
  ) {
    return undefined;
  }
  const kind = object.kind ?? 'The object';
  const namespace = namespaceOf(object);
  const name = nameOf(object);
  return new NotAllowedError(
    `${kind} ${namespace}/${name} on cluster ${found.snapshot.name} is shown for ${componentRef}, but nothing its controller records links it to the Component's workloads (a Kustomization's status.inventory, a HelmRelease's target namespace, an Application's status.resources), and it does not carry the Component's ${KUBERNETES_ID_LABEL} label; actions need that link, not only labels or annotations that name it`,
  );
}

/**
 * Why no action may touch a delivery object of a Component, or undefined when it may be
 * operated: the Component's label selector is too broad to act with, no record of the
 * object's controller links it to the Component's workloads, or another Component in the
 * catalog claims it too (counting only Components that could act on it themselves).
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
    controllerLinkRefusal(found, matcher, componentRef) ??
    soleClaimantRefusal(found, componentRef, all)
  );
}

/**
 * The delivery objects of a Component, by cluster name, that no action may touch (see
 * `actionRefusalOf`), each with why; clusters that cannot be read are left out.
 *
 * @param all - Every Component with deployment annotations, the Component's own included.
 * @internal
 */
export function refusalsByCluster(
  snapshots: readonly ClusterSnapshot[],
  componentRef: string,
  all: ReadonlyMap<string, ServiceMatcher>,
): Map<string, DeliveryActionRefusal[]> {
  const matcher = all.get(componentRef);
  const refused = new Map<string, DeliveryActionRefusal[]>();
  if (!matcher) return refused;
  for (const snapshot of snapshots) {
    if (snapshot.error) continue;
    const matched = matchService(SnapshotIndex.of(snapshot), matcher);
    for (const resource of new Set(Object.values(DELIVERY_RESOURCES))) {
      for (const object of matched[resource] ?? []) {
        const refusal = actionRefusalOf(
          { object, resource, snapshot },
          matcher,
          componentRef,
          all,
        );
        if (!refusal) continue;
        const list = refused.get(snapshot.name) ?? [];
        list.push({
          object: {
            kind: object.kind ?? '',
            namespace: namespaceOf(object),
            name: nameOf(object),
          },
          reason: refusal.message,
        });
        refused.set(snapshot.name, list);
      }
    }
  }
  return refused;
}
