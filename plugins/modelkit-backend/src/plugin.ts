import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitPermissions } from '@kitstage/plugin-modelkit-common';
import {
  modelkitAttestationServiceRef,
  modelkitRegistryServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { attestationsRouterServiceRef } from './attestations/attestationsRouterServiceRef';
import { modelkitPolicyServiceRef } from './attestations/modelkitPolicyServiceRef';
import { deploymentsRouterServiceRef } from './deployments/deploymentsRouterServiceRef';
import { deploymentsServiceRef } from './deployments/deploymentsServiceRef';
import { readLineageConfig } from './lineage/config';
import { LineageService } from './lineage/LineageService';
import { createLineageRouter } from './lineage/router';
import {
  createMetricsRouter,
  LiveMetricsService,
  readPrometheusConfig,
} from './metrics';
import { createPromotionRouter } from './promotion/router';
import { ModelKitVersionsService } from './service/ModelKitVersionsService';
import { createRouter } from './service/router';

/**
 * The Kitstage backend plugin, serving its API under `/api/modelkit`.
 *
 * @public
 */
export const modelkitPlugin = createBackendPlugin({
  pluginId: 'modelkit',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        registries: modelkitRegistryServiceRef,
        deploymentsRouter: deploymentsRouterServiceRef,
        attestationsRouter: attestationsRouterServiceRef,
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        deployments: deploymentsServiceRef,
        policy: modelkitPolicyServiceRef,
        attestations: modelkitAttestationServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        permissions,
        permissionsRegistry,
        catalog,
        registries,
        deploymentsRouter,
        attestationsRouter,
        logger,
        rootConfig,
        deployments,
        policy,
        attestations,
      }) {
        permissionsRegistry.addPermissions(modelkitPermissions);
        const versions = ModelKitVersionsService.create({
          catalog,
          registries,
          permissions,
        });
        httpRouter.use(await createRouter({ httpAuth, versions }));
        httpRouter.use(
          await createLineageRouter({
            httpAuth,
            lineage: new LineageService({
              catalog,
              permissions,
              versions,
              deployments,
              policy,
              config: readLineageConfig(rootConfig),
              logger: logger.child({ component: 'lineage' }),
            }),
          }),
        );
        httpRouter.use(deploymentsRouter);
        httpRouter.use(
          await createMetricsRouter({
            httpAuth,
            permissions,
            metrics: new LiveMetricsService({
              config: readPrometheusConfig(rootConfig),
              deployments,
            }),
          }),
        );
        httpRouter.use(attestationsRouter);
        httpRouter.use(
          await createPromotionRouter({
            config: rootConfig,
            logger: logger.child({ component: 'promotion' }),
            httpAuth,
            catalog,
            registry: registries,
            attestations,
            permissions,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
