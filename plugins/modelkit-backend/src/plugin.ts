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
import { deploymentsRouterServiceRef } from './deployments/deploymentsRouterServiceRef';
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
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
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
        rootConfig,
        logger,
        attestations,
      }) {
        permissionsRegistry.addPermissions(modelkitPermissions);
        httpRouter.use(
          await createRouter({
            httpAuth,
            versions: ModelKitVersionsService.create({
              catalog,
              registries,
              permissions,
            }),
          }),
        );
        httpRouter.use(deploymentsRouter);
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
