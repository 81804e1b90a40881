import {
  buildDemoFleet,
  KubernetesSimulator,
  startKubernetesSimulator,
} from '@kitstage/plugin-modelkit-node/testUtils';
import { createDemoModule } from './createDemoModule';

/**
 * Serves the demo clusters of `buildDemoFleet` (prod-eu, prod-us and staging, with the demo
 * services in a mix of states) as loopback Kubernetes API simulators, for the demo portal
 * only. Nothing starts unless `kitstage.demo.simulatedClusters` is configured:
 *
 * ```yaml
 * kitstage:
 *   demo:
 *     simulatedClusters:
 *       token: ${KITSTAGE_DEMO_CLUSTER_TOKEN:-kitstage-demo}
 *       clusters:
 *         - { name: prod-eu, port: 7101 }
 * ```
 *
 * The Kubernetes plugin reads them like any cluster, from `kubernetes.clusterLocatorMethods`
 * with `url: http://127.0.0.1:<port>`, `authProvider: serviceAccount` and the same token as
 * `serviceAccountToken`. The simulators listen on 127.0.0.1 only and stop with the backend.
 */
export const kubernetesModuleSimulatedClusters = createDemoModule({
  pluginId: 'kubernetes',
  moduleId: 'kitstage-simulated-clusters',
  configKey: 'simulatedClusters',
  async start({ settings, logger }) {
    const token = settings.getString('token');
    const fleet = buildDemoFleet();
    const simulators: KubernetesSimulator[] = [];
    const stop = async () => {
      await Promise.all(simulators.map(simulator => simulator.close()));
    };
    try {
      for (const entry of settings.getConfigArray('clusters')) {
        const name = entry.getString('name');
        const port = entry.getNumber('port');
        const spec = fleet.clusters.find(cluster => cluster.name === name);
        if (!spec) {
          throw new Error(
            `kitstage.demo.simulatedClusters.clusters names "${name}", which is not a demo cluster; use one of ${fleet.clusters
              .map(cluster => cluster.name)
              .join(', ')}`,
          );
        }
        const simulator = await startKubernetesSimulator({
          port,
          apis: spec.apis,
          objects: spec.objects,
          tokens: { [token]: {} },
        });
        simulators.push(simulator);
        logger.info(
          `Simulated cluster ${name} serves ${spec.objects.length} demo objects at ${simulator.url}`,
        );
      }
    } catch (error) {
      await stop();
      throw error;
    }
    return { stop };
  },
});

export default kubernetesModuleSimulatedClusters;
