import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import { resourceVersionOf, WatchedObjects } from './WatchedObjects';

const pod = (
  name: string,
  resourceVersion?: string,
  namespace = 'nlp',
): KubernetesObjectLike => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace,
    ...(resourceVersion ? { resourceVersion } : {}),
  },
});

describe('WatchedObjects', () => {
  it('answers what a list added, changed and removed, and keeps the rest', () => {
    const objects = new WatchedObjects();
    expect(objects.replace([pod('a', '1'), pod('b', '1')])).toEqual([
      pod('a', '1'),
      pod('b', '1'),
    ]);
    // a is unchanged, b has a new version, c is new; the object of another namespace too.
    expect(
      objects.replace([
        pod('a', '1'),
        pod('b', '2'),
        pod('c', '1'),
        pod('a', '1', 'other'),
      ]),
    ).toEqual([
      pod('b', '1'),
      pod('b', '2'),
      pod('c', '1'),
      pod('a', '1', 'other'),
    ]);
    expect(objects.replace([pod('a', '1')])).toEqual([
      pod('b', '2'),
      pod('c', '1'),
      pod('a', '1', 'other'),
    ]);
    expect(objects.values()).toEqual([pod('a', '1')]);
  });

  it('keeps the object it had when a list finds the same uid and resource version', () => {
    const objects = new WatchedObjects();
    const kept = {
      ...pod('a', '5'),
      metadata: { ...pod('a', '5').metadata, uid: 'u1' },
    };
    objects.replace([kept]);
    const relisted = structuredClone(kept);
    expect(objects.replace([relisted])).toEqual([]);
    expect(objects.values()[0]).toBe(kept);
    // The same name and resource version with another uid is another object.
    const recreated = {
      ...relisted,
      metadata: { ...relisted.metadata, uid: 'u2' },
    };
    expect(objects.replace([recreated])).toEqual([kept, recreated]);
    expect(objects.values()[0]).toBe(recreated);
  });

  it('counts an object without a resource version as changed on every list', () => {
    const objects = new WatchedObjects();
    objects.replace([pod('a')]);
    expect(objects.replace([pod('a')])).toEqual([pod('a'), pod('a')]);
  });

  it('applies events, answering the object before and after', () => {
    const objects = new WatchedObjects();
    expect(objects.apply('ADDED', pod('a', '1'))).toEqual([pod('a', '1')]);
    expect(objects.apply('MODIFIED', pod('a', '2'))).toEqual([
      pod('a', '1'),
      pod('a', '2'),
    ]);
    expect(objects.apply('DELETED', pod('a', '3'))).toEqual([
      pod('a', '2'),
      pod('a', '3'),
    ]);
    expect(objects.values()).toEqual([]);
  });

  it('reads only a non-empty string resource version', () => {
    expect(resourceVersionOf(pod('a', '7'))).toBe('7');
    expect(resourceVersionOf({ metadata: { resourceVersion: 7 } })).toBe(
      undefined,
    );
    expect(resourceVersionOf({ metadata: { resourceVersion: '' } })).toBe(
      undefined,
    );
    expect(resourceVersionOf(null)).toBe(undefined);
  });
});
