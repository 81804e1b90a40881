import { KubernetesObject } from './ObjectStore';
import type { KubernetesSimulator } from './simulatorTypes';
import { startKubernetesSimulator } from './startKubernetesSimulator';

function pod(name: string, phase = 'Running'): KubernetesObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'nlp', labels: { app: name } },
    status: { phase },
  };
}

interface WatchEvent {
  type: string;
  object: any;
}

/** Reads a watch stream line by line; `next` waits for the next event. */
async function openWatch(simulator: KubernetesSimulator, query: string) {
  const controller = new AbortController();
  const response = await fetch(`${simulator.url}/api/v1/pods?${query}`, {
    headers: { authorization: `Bearer ${simulator.token}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const events: WatchEvent[] = [];
  const next = async (): Promise<WatchEvent | undefined> => {
    for (;;) {
      const newline = buffered.indexOf('\n');
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        const event = JSON.parse(line) as WatchEvent;
        events.push(event);
        return event;
      }
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffered += decoder.decode(value, { stream: true });
    }
  };
  /** The next event that is not a bookmark. */
  const nextChange = async () => {
    for (;;) {
      const event = await next();
      if (event?.type !== 'BOOKMARK') return event;
    }
  };
  return {
    response,
    next,
    nextChange,
    events,
    close: () => controller.abort(),
  };
}

describe('watches of the Kubernetes simulator', () => {
  let simulator: KubernetesSimulator;

  beforeEach(async () => {
    simulator = await startKubernetesSimulator({
      objects: [pod('api-1'), pod('api-2')],
      bookmarkIntervalMs: 50,
    });
  });

  afterEach(() => simulator.close());

  const list = async () => {
    const response = await fetch(`${simulator.url}/api/v1/pods`, {
      headers: { authorization: `Bearer ${simulator.token}` },
    });
    return (await response.json()) as any;
  };

  it('streams the changes after the resource version of a list', async () => {
    const listed = await list();
    expect(listed.items).toHaveLength(2);
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${listed.metadata.resourceVersion}`,
    );
    expect(watch.response.status).toBe(200);
    simulator.apply(pod('api-1', 'Failed'));
    simulator.apply(pod('api-3'));
    simulator.delete(pod('api-2'));

    const modified = await watch.nextChange();
    expect(modified).toMatchObject({
      type: 'MODIFIED',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { name: 'api-1' },
        status: { phase: 'Failed' },
      },
    });
    expect(await watch.nextChange()).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'api-3' } },
    });
    const deleted = await watch.nextChange();
    expect(deleted).toMatchObject({
      type: 'DELETED',
      object: { metadata: { name: 'api-2' } },
    });
    expect(Number(deleted!.object.metadata.resourceVersion)).toBeGreaterThan(
      Number(modified!.object.metadata.resourceVersion),
    );
    expect(deleted!.object.metadata.resourceVersion).toBe(
      simulator.resourceVersion,
    );
    expect(simulator.countRequests({ verb: 'watch' })).toBe(1);
    expect(simulator.countRequests({ verb: 'list' })).toBe(1);
    watch.close();
  });

  it('replays the changes a resumed watch missed, and sends every object to a watch without resource version', async () => {
    const { metadata } = await list();
    simulator.apply(pod('api-3'));
    const resumed = await openWatch(
      simulator,
      `watch=true&resourceVersion=${metadata.resourceVersion}`,
    );
    expect(await resumed.nextChange()).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'api-3' } },
    });
    resumed.close();

    const fresh = await openWatch(simulator, 'watch=1&labelSelector=app=api-2');
    expect(await fresh.nextChange()).toMatchObject({
      type: 'ADDED',
      object: { metadata: { name: 'api-2' } },
    });
    simulator.apply(pod('api-1', 'Failed'));
    simulator.apply(pod('api-2', 'Failed'));
    // The change of api-1 does not match the selector.
    expect(await fresh.nextChange()).toMatchObject({
      type: 'MODIFIED',
      object: { metadata: { name: 'api-2' } },
    });
    fresh.close();
  });

  it('sends bookmarks with the current resource version only when allowed', async () => {
    const { metadata } = await list();
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${metadata.resourceVersion}&allowWatchBookmarks=true`,
    );
    const bookmark = await watch.next();
    expect(bookmark).toEqual({
      type: 'BOOKMARK',
      object: {
        kind: 'Pod',
        apiVersion: 'v1',
        metadata: { resourceVersion: metadata.resourceVersion },
      },
    });
    watch.close();

    const quiet = await openWatch(
      simulator,
      `watch=1&resourceVersion=${metadata.resourceVersion}`,
    );
    simulator.apply(pod('api-4'));
    // Without bookmarks the first event is the change, although bookmarks are due by now.
    await new Promise(resolve => setTimeout(resolve, 120));
    simulator.apply(pod('api-5'));
    expect((await quiet.next())?.type).toBe('ADDED');
    expect((await quiet.next())?.type).toBe('ADDED');
    quiet.close();
  });

  it('ends a watch after timeoutSeconds', async () => {
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${simulator.resourceVersion}&timeoutSeconds=1`,
    );
    expect(await watch.next()).toBeUndefined();
    expect(simulator.openWatches).toBe(0);
  });

  it('expires resource versions: an ERROR event with 410 on open watches, 410 for a watch from an old version', async () => {
    const { metadata } = await list();
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${metadata.resourceVersion}`,
    );
    simulator.apply(pod('api-3'));
    expect((await watch.nextChange())?.type).toBe('ADDED');
    simulator.expireResourceVersions();
    expect(await watch.nextChange()).toMatchObject({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired' },
    });
    expect(await watch.next()).toBeUndefined();

    const late = await fetch(
      `${simulator.url}/api/v1/pods?watch=1&resourceVersion=${metadata.resourceVersion}`,
      { headers: { authorization: `Bearer ${simulator.token}` } },
    );
    expect(late.status).toBe(410);
    expect(await late.json()).toMatchObject({
      kind: 'Status',
      code: 410,
      reason: 'Expired',
      message: expect.stringContaining('too old resource version'),
    });
    // A new list's resource version may be watched again.
    const relisted = await list();
    const again = await openWatch(
      simulator,
      `watch=1&resourceVersion=${relisted.metadata.resourceVersion}`,
    );
    expect(again.response.status).toBe(200);
    again.close();
  });

  it('drops watch connections on request', async () => {
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${simulator.resourceVersion}`,
    );
    expect(simulator.openWatches).toBe(1);
    simulator.dropWatches();
    await expect(watch.next()).rejects.toThrow();
    expect(simulator.openWatches).toBe(0);
  });

  it('silences open watches while it hangs and drops them when it answers again', async () => {
    const watch = await openWatch(
      simulator,
      `watch=1&resourceVersion=${simulator.resourceVersion}&allowWatchBookmarks=1`,
    );
    expect((await watch.next())?.type).toBe('BOOKMARK');
    await simulator.setMode('hang');
    const seen = watch.events.length;
    simulator.apply(pod('api-3'));
    // Several bookmark intervals pass without a line.
    await new Promise(resolve => setTimeout(resolve, 200));
    expect(watch.events.length).toBe(seen);
    await simulator.setMode('up');
    await expect(watch.next()).rejects.toThrow();
  });

  it('refuses a watch the token may not list, and a bad resource version', async () => {
    simulator.setToken('limited', { forbiddenResources: ['pods'] });
    const forbidden = await fetch(`${simulator.url}/api/v1/pods?watch=1`, {
      headers: { authorization: 'Bearer limited' },
    });
    expect(forbidden.status).toBe(403);
    expect(((await forbidden.json()) as any).message).toContain(
      'cannot watch resource "pods"',
    );
    const bad = await fetch(
      `${simulator.url}/api/v1/pods?watch=1&resourceVersion=abc`,
      { headers: { authorization: `Bearer ${simulator.token}` } },
    );
    expect(bad.status).toBe(400);
  });
});
