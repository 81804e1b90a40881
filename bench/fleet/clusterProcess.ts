/*
 * The simulated clusters of the fleet benchmark, in a process of their own so their work
 * (building and serialising lists) does not count as backend time. Started by
 * fleetBenchmark.ts with an IPC channel:
 *
 *   -> { services, clusters }           (argv: JSON)
 *   <- { type: 'ready', clusters: [{ name, url, token }], services: string[] }
 *   -> { type: 'counts' } / { type: 'clear' } / { type: 'exit' }
 *   <- { type: 'counts', requests, listCalls, pages, discovery }
 */
import {
  buildSyntheticFleet,
  startSimulatedFleet,
} from '@kitstage/plugin-modelkit-node/testUtils';

async function main() {
  const { services, clusters } = JSON.parse(process.argv[2] ?? '{}');
  const fleet = buildSyntheticFleet({ services, clusters });
  const running = await startSimulatedFleet(fleet);
  const send = (message: unknown) => process.send!(message);
  process.on('message', async (message: { type: string }) => {
    if (message.type === 'counts') {
      const requests = running.clusters.flatMap(c => c.simulator.requests);
      send({
        type: 'counts',
        requests: requests.length,
        discovery: requests.filter(r => r.verb === 'discovery').length,
        // A list call is the first page of a list; `continue` pages are extra requests.
        listCalls: requests.filter(r => r.verb === 'list' && !r.query.continue)
          .length,
        pages: requests.filter(r => r.verb === 'list' && r.query.continue)
          .length,
      });
    } else if (message.type === 'clear') {
      for (const c of running.clusters) c.simulator.clearRequests();
      send({ type: 'cleared' });
    } else if (message.type === 'exit') {
      await running.close();
      process.exit(0);
    }
  });
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
