import {
  coreServices,
  createBackendFeatureLoader,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitPermissions } from '@kitstage/plugin-modelkit-common';
import {
  modelkitAccessServiceRef,
  modelkitAttestationServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { registerModelKitActions } from './actions/registerModelKitActions';
import { ModelKitAttestationsService } from './attestations/ModelKitAttestationsService';
import { modelkitPolicyServiceRef } from './attestations/modelkitPolicyServiceRef';
import { modelkitPolicyStatusServiceFactory } from './attestations/modelkitPolicyStatusServiceFactory';
import { deploymentsServiceRef } from './deployments/deploymentsServiceRef';
import { readDeliveryActionsConfig } from './deployments/operate/config';
import { DeliveryActionsService } from './deployments/operate/DeliveryActionsService';
import { readLineageConfig } from './lineage/config';
import { LineageService } from './lineage/LineageService';
import { LiveMetricsService, readPrometheusConfig } from './metrics';
import { readModelCardConfig } from './modelcard/config';
import { ModelCardService } from './modelcard/ModelCardService';
import { createModelKitRouter } from './router';
import { ModelKitVersionsService } from './service/ModelKitVersionsService';

/**
 * The `modelkit` plugin itself: every service of its API constructed once, its router, and the
 * actions that answer AI agents with the same services.
 */
const modelkitApiPlugin = createBackendPlugin({
  pluginId: 'modelkit',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        access: modelkitAccessServiceRef,
        logger: coreServices.logger,
        auditor: coreServices.auditor,
        rootConfig: coreServices.rootConfig,
        deployments: deploymentsServiceRef,
        policy: modelkitPolicyServiceRef,
        attestations: modelkitAttestationServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { httpRouter, access, logger, rootConfig, deployments, policy } =
          deps;
        deps.permissionsRegistry.addPermissions(modelkitPermissions);
        const versions = ModelKitVersionsService.create({ access });
        const attestations = ModelKitAttestationsService.create({
          versions,
          policy,
        });
        const lineage = new LineageService({
          catalog: deps.catalog,
          access,
          versions,
          deployments,
          policy,
          config: readLineageConfig(rootConfig),
          logger: logger.child({ component: 'lineage' }),
        });
        httpRouter.use(
          await createModelKitRouter({
            httpAuth: deps.httpAuth,
            access,
            versions,
            attestations,
            lineage,
            modelCards: new ModelCardService({
              versions,
              config: readModelCardConfig(rootConfig),
            }),
            deployments,
            deliveryActions: new DeliveryActionsService({
              clusters: deployments.clusters,
              access,
              auditor: deps.auditor,
              config: readDeliveryActionsConfig(rootConfig),
              logger: logger.child({ component: 'delivery-actions' }),
            }),
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
        // The same services answer AI agents through the actions registry.
        registerModelKitActions(deps.actionsRegistry, {
          access,
          catalog: deps.catalog,
          versions,
          attestations,
          lineage,
          deployments,
          promotion: { config: rootConfig, attestations: deps.attestations },
        });
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
