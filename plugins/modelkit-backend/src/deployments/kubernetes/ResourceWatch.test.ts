import type { KubernetesPluginClient } from './KubernetesPluginClient';
import { RESOURCE_TYPES } from './resources';
import { ResourceWatch } from './ResourceWatch';

// A unit test of the list-then-watch loop with a stand-in client: the watch path against the
// Kubernetes simulator is covered by watch.test.ts.

const pods = RESOURCE_TYPES.find(r => r.id === 'pods')!;

/** A client whose lists answer at once (unless their signal ended) and whose watches stay open. */
function client(lists: string[]) {
  return {
    async get(
      _cluster: string,
      path: string,
      options: { signal?: AbortSignal },
    ) {
      options.signal?.throwIfAborted();
      lists.push(path);
      return {
        items: [
          {
            metadata: {
              name: 'api-0',
              namespace: 'nlp',
              uid: 'u1',
              resourceVersion: '5',
            },
          },
        ],
        metadata: { resourceVersion: '5' },
      };
    },
    watch(
      _cluster: string,
      _path: string,
      options: { signal: AbortSignal; onOpen(): void },
    ) {
      options.onOpen();
      return new Promise<void>(resolve =>
        options.signal.addEventListener('abort', () => resolve(), {
          once: true,
        }),
      );
    },
  } as unknown as KubernetesPluginClient;
}

describe('ResourceWatch', () => {
  it('times a list from its start, not while it waits for one of the cluster list slots', async () => {
    const lists: string[] = [];
    const watch = new ResourceWatch({
      context: {
        client: client(lists),
        cluster: { name: 'prod' },
        pageSize: 500,
        maxPages: 10,
      },
      resource: pods,
      versions: ['v1'],
      listTimeoutMs: 50,
      stallTimeoutMs: 60_000,
      retryUnlistedMs: 60_000,
      // The cluster's other lists hold every slot for longer than one list may take.
      limitList: async call => {
        await new Promise(resolve => setTimeout(resolve, 200));
        return call();
      },
      onChange: () => {},
    });
    watch.start();
    await watch.firstAttempt;
    watch.stop();
    expect(watch.error).toBeUndefined();
    expect(watch.listed).toBe(true);
    expect(lists).toEqual(['/api/v1/pods']);
    expect(watch.objects().map(o => o.metadata?.name)).toEqual(['api-0']);
  });
});
