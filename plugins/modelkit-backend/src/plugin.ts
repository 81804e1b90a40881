import {
  coreServices,
  createBackendFeatureLoader,
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
import { modelkitPolicyStatusServiceFactory } from './attestations/modelkitPolicyStatusServiceFactory';
import { deploymentsServiceRef } from './deployments/deploymentsServiceRef';
import { readLineageConfig } from './lineage/config';
import { LineageService } from './lineage/LineageService';
import { LiveMetricsService, readPrometheusConfig } from './metrics';
import { readModelCardConfig } from './modelcard/config';
import { ModelCardService } from './modelcard/ModelCardService';
import { createModelKitRouter } from './router';
import { ModelKitVersionsService } from './service/ModelKitVersionsService';

/**
 * The `modelkit` plugin itself: every service of its API constructed once, and its router.
 */
const modelkitApiPlugin = createBackendPlugin({
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
        const lineageConfig = readLineageConfig(rootConfig);
        const modelCardConfig = readModelCardConfig(rootConfig);
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
              config: lineageConfig,
              logger: logger.child({ component: 'lineage' }),
            }),
            modelCards: new ModelCardService({
              versions,
              config: modelCardConfig,
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

/**
 * The Kitstage backend plugin, serving its API under `/api/modelkit`, with the default
 * implementation of `modelkitPolicyStatusServiceRef` (from `@kitstage/plugin-modelkit-node`):
 * the attestation policy status of running ModelKit versions. A service factory for that ref
 * added to the backend takes the default's place.
 *
 * @public
 */
export const modelkitPlugin = createBackendFeatureLoader({
  loader() {
    return [modelkitApiPlugin, modelkitPolicyStatusServiceFactory];
  },
});
