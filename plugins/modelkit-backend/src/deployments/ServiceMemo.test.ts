import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import { buildServiceScenario } from '@kitstage/plugin-modelkit-node/testUtils';
import { snapshotOf } from './__testUtils__/snapshotOf';
import { recordSnapshotChanges } from './kubernetes/snapshotChanges';
import type { ServiceMatcher } from './matching/matchService';
import { nameOf } from './matching/objects';
import { ServiceMemo } from './ServiceMemo';

const REPO = 'registry.example.com/team/model';
const now = new Date('2026-05-01T12:00:00Z');

function matcher(id: string): ServiceMatcher {
  return { selector: { kubernetesId: id } };
}

/** Generations of one cluster kept current by watches, with the changes between them. */
function series(initial: KubernetesObjectLike[]) {
  const id = {};
  const log: Array<{ generation: number; objects: KubernetesObjectLike[] }> =
    [];
  let objects = initial;
  let generation = 0;
  const snapshot = () => {
    const made = snapshotOf('cluster', objects);
    const at = generation;
    recordSnapshotChanges(made, {
      series: id,
      generation: at,
      since: from =>
        log
          .filter(e => e.generation > from && e.generation <= at)
          .flatMap(e => e.objects),
    });
    return made;
  };
  /** Replaces an object (matched by kind and name) with a changed copy. */
  const change = (
    kind: string,
    name: string,
    edit: (o: KubernetesObjectLike) => KubernetesObjectLike,
  ) => {
    const before = objects.find(o => o.kind === kind && nameOf(o) === name)!;
    const after = edit(structuredClone(before));
    objects = objects.map(o => (o === before ? after : o));
    generation += 1;
    log.push({ generation, objects: [before, after] });
    return snapshot();
  };
  return { snapshot, change };
}

describe('ServiceMemo', () => {
  const objects = [
    ...buildServiceScenario('healthy', {
      service: 'api',
      namespace: 'team',
      modelKit: { repository: REPO, tag: 'v1' },
      now,
    }),
    ...buildServiceScenario('healthy', {
      service: 'scorer',
      namespace: 'team',
      modelKit: { repository: REPO, tag: 'v2' },
      now,
    }),
  ] as KubernetesObjectLike[];
  const api = matcher('api');
  const scorer = matcher('scorer');

  it('keeps each service until a change touches it, then matches it again once', () => {
    const memo = new ServiceMemo();
    const cluster = series(objects);
    const first = cluster.snapshot();
    const apiBefore = memo.of(first, api);
    const scorerBefore = memo.of(first, scorer);
    expect(apiBefore.matched.deployments.map(nameOf)).toEqual(['api']);
    expect(memo.of(first, matcher('api'))).toBe(apiBefore);

    // A Pod of api changes: api is matched again, scorer is kept.
    const pod = apiBefore.matched.pods[0];
    expect(pod).toBeDefined();
    const second = cluster.change('Pod', nameOf(pod), o => ({
      ...o,
      status: { phase: 'Failed' },
    }));
    const apiAfter = memo.of(second, api);
    expect(apiAfter).not.toBe(apiBefore);
    expect(
      apiAfter.matched.pods.find(p => nameOf(p) === nameOf(pod))?.status,
    ).toEqual({ phase: 'Failed' });
    expect(memo.of(second, scorer)).toBe(scorerBefore);
    expect(memo.of(second, api)).toBe(apiAfter);
  });

  it('matches again the service whose Flux Kustomization changed, and only it', () => {
    const memo = new ServiceMemo();
    const cluster = series(objects);
    const first = cluster.snapshot();
    const apiBefore = memo.of(first, api);
    const scorerBefore = memo.of(first, scorer);
    const kustomization = apiBefore.matched.kustomizations[0];
    expect(kustomization).toBeDefined();

    const second = cluster.change(
      'Kustomization',
      nameOf(kustomization),
      o => ({
        ...o,
        status: { conditions: [{ type: 'Ready', status: 'False' }] },
      }),
    );
    const apiAfter = memo.of(second, api);
    expect(apiAfter).not.toBe(apiBefore);
    expect(apiAfter.matched.kustomizations[0].status).toEqual({
      conditions: [{ type: 'Ready', status: 'False' }],
    });
    expect(memo.of(second, scorer)).toBe(scorerBefore);
  });

  it('matches again a service when an object its selector picks appears', () => {
    const memo = new ServiceMemo();
    const cluster = series(objects);
    const first = cluster.snapshot();
    const scorerBefore = memo.of(first, scorer);
    const service = objects.find(o => o.kind === 'Service')!;
    const second = cluster.change('Service', nameOf(service), o => ({
      ...o,
      metadata: {
        ...o.metadata,
        labels: { 'backstage.io/kubernetes-id': 'scorer' },
      },
    }));
    expect(memo.of(second, scorer)).not.toBe(scorerBefore);
  });

  it('matches everything again when the changes are no longer known', () => {
    const memo = new ServiceMemo();
    const first = snapshotOf('cluster', objects);
    const before = memo.of(first, api);
    // A snapshot of a one-time list shares nothing with another.
    expect(memo.of(snapshotOf('cluster', objects), api)).not.toBe(before);
    expect(memo.of(first, api)).toBe(before);
  });
});
