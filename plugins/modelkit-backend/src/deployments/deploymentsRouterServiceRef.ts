import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitRegistryServiceRef } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import { readDeploymentsConfig } from './config';
import { DeploymentsService } from './DeploymentsService';
import { ClusterSnapshotService } from './kubernetes/ClusterSnapshotService';
import { KubernetesPluginClient } from './kubernetes/KubernetesPluginClient';
import { ModelKitResolver } from './modelkits/ModelKitResolver';
import { modelKitPolicyStatusServiceRef } from './policy/modelKitPolicyStatusServiceRef';
import { createDeploymentsRouter } from './router';

/**
 * The deployment health routes of the `modelkit` plugin (`/deployments/...`), wired from
 * their services: cluster access through the Kubernetes plugin, the catalog, the registry
 * service and the policy status seam. The plugin mounts it with `httpRouter.use`.
 *
 * @internal
 */
export const deploymentsRouterServiceRef = createServiceRef<express.Router>({
  id: 'kitstage.deployments.router',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        registry: modelkitRegistryServiceRef,
        policy: modelKitPolicyStatusServiceRef,
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
        const resolver = new ModelKitResolver({
          registry: deps.registry,
          catalog: deps.catalog,
          policy: deps.policy,
          config,
          logger,
        });
        return createDeploymentsRouter({
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          deployments: new DeploymentsService({
            snapshots,
            resolver,
            catalog: deps.catalog,
            logger,
          }),
        });
      },
    }),
});
