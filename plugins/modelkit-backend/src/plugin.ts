import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitPermissions } from '@kitstage/plugin-modelkit-common';
import {
  modelkitAccessServiceRef,
  modelkitAttestationServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { ModelKitAttestationsService } from './attestations/ModelKitAttestationsService';
import { modelkitPolicyServiceRef } from './attestations/modelkitPolicyServiceRef';
import { deploymentsServiceRef } from './deployments/deploymentsServiceRef';
import { readLineageConfig } from './lineage/config';
import { LineageService } from './lineage/LineageService';
import { LiveMetricsService, readPrometheusConfig } from './metrics';
import { createModelKitRouter } from './router';
import { ModelKitVersionsService } from './service/ModelKitVersionsService';

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
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        access: modelkitAccessServiceRef,
        logger: coreServices.logger,
        rootConfig: coreServices.rootConfig,
        deployments: deploymentsServiceRef,
        policy: modelkitPolicyServiceRef,
        attestations: modelkitAttestationServiceRef,
      },
      async init(deps) {
        const { httpRouter, access, logger, rootConfig, deployments, policy } =
          deps;
        deps.permissionsRegistry.addPermissions(modelkitPermissions);
        const versions = ModelKitVersionsService.create({ access });
        httpRouter.use(
          await createModelKitRouter({
            httpAuth: deps.httpAuth,
            access,
            versions,
            attestations: ModelKitAttestationsService.create({
              versions,
              policy,
            }),
            lineage: new LineageService({
              catalog: deps.catalog,
              access,
              versions,
              deployments,
              policy,
              config: readLineageConfig(rootConfig),
              logger: logger.child({ component: 'lineage' }),
            }),
            deployments,
            metrics: new LiveMetricsService({
              config: readPrometheusConfig(rootConfig),
              deployments,
            }),
            promotion: {
              config: rootConfig,
              logger: logger.child({ component: 'promotion' }),
              access,
              attestations: deps.attestations,
            },
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
