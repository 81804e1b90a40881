/*
 * The simulated clusters of the fleet benchmarks, in a process of their own so their work
 * (building and serialising lists, streaming watches) does not count as backend time.
 * Started by fleetHarness.ts with an IPC channel:
 *
 *   -> { services, clusters }           (argv: JSON)
 *   <- { type: 'ready', clusters: [{ name, url, token }], services: string[] }
 *   -> { type: 'counts' } / { type: 'clear' } / { type: 'exit' }
 *   <- { type: 'counts', requests, listCalls, listsPerKind, pages, discovery, watches,
 *        watchReopens, gone }
 *   -> { type: 'change', cluster, service, scenario }
 *   <- { type: 'changed', objects }      (the service's objects replaced by the scenario's)
 */
import type { KubernetesObject } from '@kitstage/plugin-modelkit-node/testUtils';
import {
  buildServiceScenario,
  buildSyntheticFleet,
  KubernetesScenario,
  startSimulatedFleet,
} from '@kitstage/plugin-modelkit-node/testUtils';

async function main() {
  const { services, clusters } = JSON.parse(process.argv[2] ?? '{}');
  const fleet = buildSyntheticFleet({ services, clusters });
  const running = await startSimulatedFleet(fleet);
  const send = (message: unknown) => process.send!(message);
  // What each service has on each cluster, as last applied.
  const applied = new Map<string, KubernetesObject[]>();
  const objectsOf = (cluster: string, service: string) => {
    const key = `${cluster}/${service}`;
    if (!applied.has(key)) {
      const spec = fleet.clusters.find(c => c.name === cluster)!;
      applied.set(
        key,
        spec.objects.filter(o => JSON.stringify(o).includes(service)),
      );
    }
    return applied.get(key)!;
  };
  process.on(
    'message',
    async (message: {
      type: string;
      cluster?: string;
      service?: string;
      scenario?: KubernetesScenario;
    }) => {
      if (message.type === 'counts') {
        const requests = running.clusters.flatMap(c => c.simulator.requests);
        // First pages of lists per cluster and resource type: each must be 1.
        const listsPerKind: Record<string, number> = {};
        for (const c of running.clusters) {
          for (const r of c.simulator.requests) {
            if (r.verb !== 'list' || r.query.continue) continue;
            const key = `${c.name} ${r.resource}`;
            listsPerKind[key] = (listsPerKind[key] ?? 0) + 1;
          }
        }
        send({
          type: 'counts',
          listsPerKind,
          requests: requests.length,
          discovery: requests.filter(r => r.verb === 'discovery').length,
          // A list call is the first page of a list; `continue` pages are extra requests.
          listCalls: requests.filter(
            r => r.verb === 'list' && !r.query.continue,
          ).length,
          pages: requests.filter(r => r.verb === 'list' && r.query.continue)
            .length,
          watches: requests.filter(r => r.verb === 'watch').length,
          // Watches opened again (after the cluster ended one, or after a failure): every
          // watch of a cluster and resource type after its first.
          watchReopens: running.clusters.reduce((n, c) => {
            const watched = c.simulator.requests.filter(
              r => r.verb === 'watch',
            );
            return (
              n + watched.length - new Set(watched.map(r => r.resource)).size
            );
          }, 0),
          gone: requests.filter(r => r.status === 410).length,
        });
      } else if (message.type === 'clear') {
        for (const c of running.clusters) c.simulator.clearRequests();
        send({ type: 'cleared' });
      } else if (message.type === 'change') {
        const cluster = running.clusters.find(c => c.name === message.cluster)!;
        for (const object of objectsOf(cluster.name, message.service!)) {
          cluster.simulator.delete(object);
        }
        // As buildSyntheticFleet places service number i.
        const i = Number(message.service!.replace(/^synthetic-/, ''));
        const objects = buildServiceScenario(message.scenario!, {
          service: message.service!,
          namespace: `team-${String(i % 20).padStart(2, '0')}`,
          cluster: cluster.name,
          modelKit: {
            repository: `registry.example.com/synthetic/model-${i % 40}`,
            tag: `v${(i % 3) + 2}.0.0`,
            pinnedByDigest: i % 4 !== 0,
          },
        });
        cluster.simulator.apply(objects);
        applied.set(`${cluster.name}/${message.service}`, objects);
        send({ type: 'changed', objects: objects.length });
      } else if (message.type === 'exit') {
        await running.close();
        process.exit(0);
      }
    },
  );
  send({
    type: 'ready',
    objectsPerCluster: Math.round(
      fleet.clusters.reduce((n, c) => n + c.objects.length, 0) /
        fleet.clusters.length,
    ),
    clusters: running.clusters.map(c => ({
      name: c.name,
      url: c.simulator.url,
      token: c.simulator.token,
    })),
    services: [...new Set(fleet.placements.map(p => p.service))],
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
