import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import {
  buildServiceScenario,
  buildSyntheticFleet,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { snapshotOf } from '../__testUtils__/snapshotOf';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import { HiddenServices } from './hiddenWorkloads';
import { parseLabelSelector } from './labelSelector';
import {
  APPLIED_RESOURCES,
  fluxOwnersOf,
  fluxSourceOf,
  matchService,
  ServiceMatcher,
} from './matchService';
import { nameOf } from './objects';
import { DELIVERY_RESOURCES, SnapshotIndex } from './SnapshotIndex';

const REPO = 'registry.example.com/team/model';

/**
 * The answer of one pass over every applied object of the cluster, as the views computed it
 * before they asked only about the delivery objects they show: the oracle the restricted
 * answer is held to.
 */
function fullPass(
  matchers: ServiceMatcher[],
  snapshot: ClusterSnapshot,
): Map<KubernetesObjectLike, Set<ServiceMatcher>> {
  const hidden = new HiddenServices(matchers);
  const index = SnapshotIndex.of(snapshot);
  const reached = new Map<KubernetesObjectLike, Set<ServiceMatcher>>();
  const add = (
    object: KubernetesObjectLike,
    found: Iterable<ServiceMatcher>,
  ) => {
    const set = reached.get(object) ?? new Set<ServiceMatcher>();
    for (const m of found) set.add(m);
    reached.set(object, set);
  };
  for (const id of [...APPLIED_RESOURCES, 'helmReleases' as const]) {
    for (const object of snapshot.objects[id]) {
      const claimants = hidden.claimantsOf(object);
      if (claimants.length === 0) continue;
      for (const { owner } of fluxOwnersOf(index, object))
        add(owner, claimants);
      for (const application of index.applicationsOf(object)) {
        add(application, claimants);
      }
    }
  }
  for (const id of [
    'kustomizations',
    'helmReleases',
    'applications',
  ] as const) {
    for (const object of snapshot.objects[id]) {
      const claimants = hidden.claimantsOf(object);
      if (claimants.length > 0) add(object, claimants);
    }
  }
  for (const matcher of matchers) {
    for (const name of matcher.argoCdAppNames ?? []) {
      for (const application of index.applicationsByName.get(name) ?? []) {
        add(application, [matcher]);
      }
    }
  }
  for (const [object, found] of [...reached]) {
    const source =
      object.kind === 'Application' ? undefined : fluxSourceOf(index, object);
    if (source) add(source.source, found);
  }
  return reached;
}

const allObjects = (snapshot: ClusterSnapshot) =>
  Object.values(snapshot.objects).flat();

/** Each object's reachers, as indexes into `matchers`, for objects reached at all. */
function answers(
  matchers: ServiceMatcher[],
  objects: KubernetesObjectLike[],
  reachersOf: (object: KubernetesObjectLike) => Iterable<ServiceMatcher>,
): Map<KubernetesObjectLike, number[]> {
  const result = new Map<KubernetesObjectLike, number[]>();
  for (const object of objects) {
    const found = [...reachersOf(object)].map(m => matchers.indexOf(m)).sort();
    if (found.length > 0) result.set(object, found);
  }
  return result;
}

const flux = (kind: 'kustomize' | 'helm', name: string) => ({
  [`${kind}.toolkit.fluxcd.io/name`]: name,
  [`${kind}.toolkit.fluxcd.io/namespace`]: 'flux-system',
});

const deployment = (
  name: string,
  namespace: string,
  labels: Record<string, string>,
): KubernetesObjectLike => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace, uid: `uid-${namespace}-${name}`, labels },
  spec: { replicas: 1 },
});

const kustomization = (
  name: string,
  source: string,
  labels: Record<string, string> = {},
): KubernetesObjectLike => ({
  apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  kind: 'Kustomization',
  metadata: { name, namespace: 'flux-system', labels },
  spec: { sourceRef: { kind: 'GitRepository', name: source } },
});

const gitRepository = (name: string): KubernetesObjectLike => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  metadata: { name, namespace: 'flux-system' },
  spec: { url: `https://git.example.com/${name}` },
});

const scenario = (
  service: string,
  namespace: string,
  delivery: 'kustomization' | 'argocd' | 'helm-release',
) =>
  buildServiceScenario('healthy', {
    service,
    namespace,
    delivery,
    modelKit: { repository: REPO, tag: 'v1' },
  });

// Hidden and visible Components on one cluster, sharing delivery objects and not: a visible
// workload naming a hidden service's Kustomization, a GitRepository read by a hidden and a
// visible Kustomization, a hidden HelmRelease applied by a visible Kustomization and tracked
// by an Application, a hidden `argocd/app-name` naming a visible Application, label selectors
// (one limited to another namespace), and two hidden services claiming the same objects.
const snapshot = snapshotOf('mixed', [
  ...scenario('secret-flux', 'secret', 'kustomization'),
  ...scenario('secret-argo', 'secret', 'argocd'),
  ...scenario('secret-helm', 'secret', 'helm-release'),
  ...scenario('mine-api', 'mine', 'kustomization'),
  ...scenario('mine-argo', 'mine', 'argocd'),
  deployment('spoof', 'mine', {
    'backstage.io/kubernetes-id': 'spoof-labels',
    ...flux('kustomize', 'secret-flux'),
  }),
  gitRepository('platform'),
  kustomization('hidden-infra', 'platform'),
  kustomization('visible-infra', 'platform'),
  deployment('infra', 'mine', {
    'backstage.io/kubernetes-id': 'infra',
    ...flux('kustomize', 'visible-infra'),
  }),
  deployment('secret-infra', 'secret', {
    'backstage.io/kubernetes-id': 'secret-flux',
    ...flux('kustomize', 'hidden-infra'),
  }),
  {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: {
      name: 'shared-chart',
      namespace: 'flux-system',
      labels: {
        'backstage.io/kubernetes-id': 'hidden-chart',
        ...flux('kustomize', 'visible-infra'),
      },
    },
    spec: { chartRef: { kind: 'OCIRepository', name: 'secret-helm' } },
  },
  {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: 'tracks-chart', namespace: 'argocd' },
    status: {
      resources: [
        { kind: 'HelmRelease', namespace: 'flux-system', name: 'shared-chart' },
      ],
    },
  },
  kustomization('gold-ks', 'gold-src', { tier: 'gold' }),
  gitRepository('gold-src'),
]);

const gold = parseLabelSelector('tier=gold', 'the test selector');
const hiddenMatchers: ServiceMatcher[] = [
  { selector: { kubernetesId: 'secret-flux' } },
  { selector: { kubernetesId: 'secret-argo' } },
  { selector: { kubernetesId: 'secret-helm' } },
  { selector: { kubernetesId: 'spoof-id' }, argoCdAppNames: ['mine-argo'] },
  { selector: { labelSelector: 'tier=gold' }, labelSelector: gold },
  {
    selector: { labelSelector: 'tier=gold', namespace: 'elsewhere' },
    labelSelector: gold,
  },
  { selector: { kubernetesId: 'hidden-chart' } },
  { selector: { kubernetesId: 'mine-api', namespace: 'nowhere' } },
  { selector: { kubernetesId: 'secret-flux', namespace: 'secret' } },
];
const visibleMatchers: Record<string, ServiceMatcher> = {
  'mine-api': { selector: { kubernetesId: 'mine-api' } },
  'mine-argo': { selector: { kubernetesId: 'mine-argo' } },
  'spoof-labels': { selector: { kubernetesId: 'spoof-labels' } },
  infra: { selector: { kubernetesId: 'infra' } },
};

const DELIVERY_IDS = Object.values(DELIVERY_RESOURCES);
const deliveriesShown = (matched: ReturnType<typeof matchService>) =>
  DELIVERY_IDS.flatMap(id =>
    matched[id].map(o => `${o.kind} ${nameOf(o)}`),
  ).sort();

describe('HiddenServices.reachersOf', () => {
  it('gives every object of a mixed cluster the same reachers as a pass over the whole cluster', () => {
    const expected = answers(
      hiddenMatchers,
      allObjects(snapshot),
      o => fullPass(hiddenMatchers, snapshot).get(o) ?? [],
    );
    // The scenario reaches delivery objects in every way, some by several hidden services.
    const named = (object: KubernetesObjectLike) =>
      `${object.kind} ${nameOf(object)}`;
    expect(
      Object.fromEntries([...expected].map(([o, found]) => [named(o), found])),
    ).toEqual({
      'Kustomization secret-flux': [0, 8],
      'GitRepository secret-flux': [0, 8],
      'Application secret-argo': [1],
      'HelmRelease secret-helm': [2],
      'OCIRepository secret-helm': [2, 6],
      'Application mine-argo': [3],
      'Kustomization gold-ks': [4],
      'GitRepository gold-src': [4],
      'HelmRelease shared-chart': [6],
      'Kustomization visible-infra': [6],
      'Application tracks-chart': [6],
      'Kustomization hidden-infra': [0, 8],
      'GitRepository platform': [0, 6, 8],
    });

    const hidden = new HiddenServices(hiddenMatchers);
    expect(
      answers(hiddenMatchers, allObjects(snapshot), o =>
        hidden.reachersOf(snapshot, o),
      ),
    ).toEqual(expected);
    // Kept answers do not depend on the order of the questions (sources before readers).
    const reversed = new HiddenServices(hiddenMatchers);
    expect(
      answers(hiddenMatchers, allObjects(snapshot).reverse(), o =>
        reversed.reachersOf(snapshot, o),
      ),
    ).toEqual(expected);
  });

  it('leaves the same delivery objects out of each visible view as the pass over the whole cluster', () => {
    const reached = fullPass(hiddenMatchers, snapshot);
    const hidden = new HiddenServices(hiddenMatchers);
    const index = SnapshotIndex.of(snapshot);
    const shown: Record<string, string[]> = {};
    for (const [service, matcher] of Object.entries(visibleMatchers)) {
      const matched = matchService(index, matcher);
      const kept = hidden.withoutHidden(snapshot, matched);
      const oracle = Object.fromEntries(
        Object.entries(matched).map(([id, list]) => [
          id,
          DELIVERY_IDS.includes(id as never)
            ? list.filter(o => !reached.has(o))
            : list,
        ]),
      ) as typeof matched;
      expect(deliveriesShown(kept)).toEqual(deliveriesShown(oracle));
      shown[service] = deliveriesShown(kept);
    }
    expect(shown).toEqual({
      'mine-api': ['GitRepository mine-api', 'Kustomization mine-api'],
      'mine-argo': [],
      'spoof-labels': [],
      infra: [],
    });
    // With nothing hidden every view keeps its delivery objects.
    const none = new HiddenServices([]);
    const infra = matchService(index, visibleMatchers.infra);
    expect(deliveriesShown(none.withoutHidden(snapshot, infra))).toEqual([
      'GitRepository platform',
      'Kustomization visible-infra',
    ]);
  });

  it('matches the pass over the whole cluster on a synthetic fleet with most Components hidden', () => {
    const fleet = buildSyntheticFleet({ services: 60, clusters: 1 });
    const cluster = snapshotOf('synthetic', fleet.clusters[0].objects);
    const services = Array.from(
      { length: 60 },
      (_, i) => `synthetic-${String(i + 1).padStart(4, '0')}`,
    );
    // Every service but one in three is hidden; two hidden ones copy a visible one's id or
    // name its Application.
    const matchers: ServiceMatcher[] = [
      ...services
        .filter((_, i) => i % 3 !== 0)
        .map(kubernetesId => ({ selector: { kubernetesId } })),
      { selector: { kubernetesId: services[0] } },
      { selector: { kubernetesId: 'spoof' }, argoCdAppNames: [services[3]] },
    ];
    const reached = fullPass(matchers, cluster);
    const expected = answers(
      matchers,
      allObjects(cluster),
      o => reached.get(o) ?? [],
    );
    expect(expected.size).toBeGreaterThan(50);
    // The visible services' delivery objects that the two reach.
    const reachedVisible = [...expected.keys()]
      .filter(o => [services[0], services[3]].includes(nameOf(o)))
      .map(o => `${o.kind} ${nameOf(o)}`)
      .sort();
    expect(reachedVisible).toEqual(
      expect.arrayContaining([
        `Application ${services[3]}`,
        `Kustomization ${services[0]}`,
      ]),
    );
    const hidden = new HiddenServices(matchers);
    expect(
      answers(matchers, allObjects(cluster), o =>
        hidden.reachersOf(cluster, o),
      ),
    ).toEqual(expected);
  });
});
