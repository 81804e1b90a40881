import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  modelkitAccessServiceRef,
  modelkitPolicyStatusServiceRef,
  modelkitRegistryServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { readDeploymentsConfig } from './config';
import { DeploymentsService } from './DeploymentsService';
import { ClusterSnapshotService } from './kubernetes/ClusterSnapshotService';
import { KubernetesPluginClient } from './kubernetes/KubernetesPluginClient';
import { ModelKitResolver } from './modelkits/ModelKitResolver';

/**
 * The deployment views of the `modelkit` plugin, from cluster snapshots read through the
 * Kubernetes plugin, shared by the deployment routes and the lineage routes.
 *
 * @internal
 */
export const deploymentsServiceRef = createServiceRef<DeploymentsService>({
  id: 'modelkit.deployments',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        lifecycle: coreServices.lifecycle,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        registry: modelkitRegistryServiceRef,
        policy: modelkitPolicyStatusServiceRef,
        access: modelkitAccessServiceRef,
      },
      async factory(deps) {
        const config = readDeploymentsConfig(deps.rootConfig);
        const logger = deps.logger.child({ component: 'deployments' });
        const snapshots = new ClusterSnapshotService({
          client: new KubernetesPluginClient({
            auth: deps.auth,
            discovery: deps.discovery,
          }),
          config,
          logger,
        });
        deps.lifecycle.addShutdownHook(() => snapshots.stop());
        const resolver = new ModelKitResolver({
          registry: deps.registry,
          catalog: deps.catalog,
          access: deps.access,
          policy: deps.policy,
          config,
          logger,
        });
        return new DeploymentsService({
          snapshots,
          resolver,
          catalog: deps.catalog,
          access: deps.access,
          auth: deps.auth,
          logger,
          config,
        });
      },
    }),
});
