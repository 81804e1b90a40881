import {
  buildServiceScenario,
  fixtureModelKitDigest,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { snapshotOf } from '../__testUtils__/snapshotOf';
import { collectModelKits } from '../modelkits/collectModelKits';
import { parseLabelSelector } from './labelSelector';
import { matchService } from './matchService';
import { nameOf } from './objects';
import { SnapshotIndex } from './SnapshotIndex';
import { summarizeDeliveries, summarizeWorkloads } from './summarize';

const REPO = 'registry.example.com/team/model';
const now = new Date('2026-05-01T12:00:00Z');

function names(list: Array<{ kind?: string; metadata?: { name?: string } }>) {
  return list.map(o => `${o.kind}/${nameOf(o)}`).sort();
}

describe('matchService', () => {
  const snapshot = snapshotOf('test', [
    ...buildServiceScenario('reconciling', {
      service: 'api',
      namespace: 'team',
      modelKit: { repository: REPO, tag: 'v2' },
      previousModelKit: { repository: REPO, tag: 'v1' },
      now,
    }),
    ...buildServiceScenario('kserve-canary', {
      service: 'scorer',
      namespace: 'team',
      modelKit: { repository: REPO, tag: 'v2' },
      previousModelKit: { repository: REPO, tag: 'v1' },
      delivery: 'argocd',
      now,
    }),
    ...buildServiceScenario('healthy', {
      service: 'charted',
      namespace: 'other',
      modelKit: { repository: REPO, tag: 'v1', pinnedByDigest: false },
      delivery: 'helm-release',
      now,
    }),
  ]);
  const index = SnapshotIndex.of(snapshot);

  it('finds a Deployment, its ReplicaSets and Pods, and the Kustomization and GitRepository applying it', () => {
    const matched = matchService(index, {
      selector: { kubernetesId: 'api' },
    });
    expect(names(matched.kustomizations)).toEqual(['Kustomization/api']);
    expect(names(matched.gitRepositories)).toEqual(['GitRepository/api']);
    expect(names(matched.deployments)).toEqual(['Deployment/api']);
    expect(names(matched.services)).toEqual(['Service/api']);
    expect(matched.replicaSets).toHaveLength(2);
    expect(matched.pods).toHaveLength(3);
    expect(matched.applications).toEqual([]);
    expect(matched.inferenceServices).toEqual([]);

    // Rolling out: one pod runs v2, two still run v1 from the previous ReplicaSet.
    const versions = collectModelKits(matched);
    expect(
      versions.map(v => ({
        tag: v.parsed.tag,
        pods: v.pods,
        kinds: [...new Set(v.foundIn.map(f => f.object.kind))],
      })),
    ).toEqual([
      { tag: 'v2', pods: 1, kinds: ['Deployment'] },
      { tag: 'v1', pods: 2, kinds: ['ReplicaSet'] },
    ]);
    expect(versions[0].parsed.digest).toBe(fixtureModelKitDigest(REPO, 'v2'));

    const [delivery] = summarizeDeliveries(matched);
    expect(delivery.object).toMatchObject({
      kind: 'Kustomization',
      name: 'api',
    });
    expect(delivery.attemptedRevision).not.toEqual(delivery.appliedRevision);
    expect(delivery.source?.revision).toBe(delivery.attemptedRevision);
  });

  it('finds an Argo CD Application by its tracking and the traffic split of a KServe canary', () => {
    const matched = matchService(index, {
      selector: { kubernetesId: 'scorer' },
    });
    expect(names(matched.applications)).toEqual(['Application/scorer']);
    expect(names(matched.inferenceServices)).toEqual([
      'InferenceService/scorer',
    ]);
    expect(matched.kustomizations).toEqual([]);
    const versions = collectModelKits(matched);
    expect(versions.map(v => [v.parsed.tag, v.trafficPercent, v.pods])).toEqual(
      [
        ['v2', 10, 1],
        ['v1', 90, 1],
      ],
    );
    const [workload] = summarizeWorkloads(matched);
    expect(workload.traffic?.map(t => [t.percent, t.latest])).toEqual([
      [10, true],
      [90, false],
    ]);
  });

  it('finds a HelmRelease and its OCIRepository by the helm-controller labels', () => {
    const matched = matchService(index, {
      selector: { kubernetesId: 'charted' },
    });
    expect(names(matched.helmReleases)).toEqual(['HelmRelease/charted']);
    expect(names(matched.ociRepositories)).toEqual(['OCIRepository/charted']);
    expect(collectModelKits(matched).map(v => v.reference)).toEqual([
      `${REPO}:v1`,
    ]);
  });

  it('matches a label selector and honours the namespace annotation', () => {
    const selector = parseLabelSelector(
      'app.kubernetes.io/name in (api,charted)',
      'test',
    );
    const all = matchService(index, {
      selector: { labelSelector: selector.text },
      labelSelector: selector,
    });
    expect(names(all.deployments)).toEqual([
      'Deployment/api',
      'Deployment/charted',
    ]);
    const one = matchService(index, {
      selector: { labelSelector: selector.text, namespace: 'other' },
      labelSelector: selector,
    });
    expect(names(one.deployments)).toEqual(['Deployment/charted']);
  });

  it('finds nothing for an unknown service', () => {
    const matched = matchService(index, {
      selector: { kubernetesId: 'nope' },
    });
    expect(Object.values(matched).flat()).toEqual([]);
  });

  it('finds a Bucket and a HelmRepository as sources, and reads a source reference of any other kind without failing', () => {
    const objects = [
      ...buildServiceScenario('healthy', {
        service: 'bucketed',
        namespace: 'team',
        modelKit: { repository: REPO, tag: 'v1' },
        fluxSource: 'bucket',
        now,
      }),
      ...buildServiceScenario('healthy', {
        service: 'charted',
        namespace: 'team',
        modelKit: { repository: REPO, tag: 'v1' },
        delivery: 'helm-release',
        fluxSource: 'helm-repository',
        now,
      }),
    ];
    const own = SnapshotIndex.of(snapshotOf('sources', objects));
    const bucketed = matchService(own, {
      selector: { kubernetesId: 'bucketed' },
    });
    expect(names(bucketed.buckets)).toEqual(['Bucket/bucketed']);
    expect(summarizeDeliveries(bucketed)[0].source).toMatchObject({
      kind: 'Bucket',
      name: 'bucketed',
      url: 'minio.example.com/bucketed',
    });
    const charted = matchService(own, {
      selector: { kubernetesId: 'charted' },
    });
    expect(names(charted.helmRepositories)).toEqual(['HelmRepository/charted']);
    expect(summarizeDeliveries(charted)[0].source).toMatchObject({
      kind: 'HelmRepository',
      url: 'https://charts.example.com',
    });

    // Cluster content names any kind; names of object properties are kinds like any other.
    const odd = objects.map(object =>
      object.kind === 'Kustomization'
        ? {
            ...object,
            spec: {
              ...(object.spec as object),
              sourceRef: { kind: 'constructor', name: 'bucketed' },
            },
          }
        : object,
    );
    const oddMatch = matchService(SnapshotIndex.of(snapshotOf('odd', odd)), {
      selector: { kubernetesId: 'bucketed' },
    });
    expect(oddMatch.buckets).toEqual([]);
    expect(summarizeDeliveries(oddMatch)[0].source).toEqual({
      kind: 'constructor',
      name: 'bucketed',
      namespace: 'flux-system',
      suspended: false,
    });
  });
});
