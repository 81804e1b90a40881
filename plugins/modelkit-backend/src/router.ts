import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { createAttestationsRouter } from './attestations/router';
import { ModelKitAttestationsService } from './attestations/ModelKitAttestationsService';
import { createDeploymentsRouter } from './deployments/router';
import { DeploymentsService } from './deployments/DeploymentsService';
import { DeliveryActionsService } from './deployments/operate/DeliveryActionsService';
import { LineageService } from './lineage/LineageService';
import { createLineageRouter } from './lineage/router';
import { createMetricsRouter, LiveMetricsService } from './metrics';
import { ModelCardService } from './modelcard/ModelCardService';
import { createModelCardRouter } from './modelcard/router';
import {
  createPromotionRouter,
  PromotionRouterOptions,
} from './promotion/router';
import { ModelKitVersionsService } from './service/ModelKitVersionsService';
import { apiErrorHandler } from './service/routeHelpers';
import { createVersionsRouter } from './service/router';

/**
 * The services the API of the `modelkit` plugin serves, each constructed once by the plugin.
 *
 * @internal
 */
export interface ModelKitRouterOptions {
  httpAuth: HttpAuthService;
  /** The one authorization helper every route goes through. */
  access: ModelKitAccessService;
  versions: ModelKitVersionsService;
  attestations: ModelKitAttestationsService;
  lineage: LineageService;
  modelCards: ModelCardService;
  deployments: DeploymentsService;
  /** Flux and Argo CD actions on the delivery objects of a Component. */
  deliveryActions: DeliveryActionsService;
  metrics: LiveMetricsService;
  /** What the promotion routes need besides `httpAuth`. */
  promotion: Omit<PromotionRouterOptions, 'httpAuth'>;
}

/**
 * The REST API of the `modelkit` plugin, mounted under `/api/modelkit`: one router assembled
 * from the feature routers, each of which parses its input, authorizes through the access
 * helper (directly or through its service) and answers; one error handler turns registry and
 * ModelKit errors into API errors for every route.
 *
 * @internal
 */
export async function createModelKitRouter(
  options: ModelKitRouterOptions,
): Promise<express.Router> {
  const { httpAuth, access } = options;
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.use(
    await createVersionsRouter({
      httpAuth,
      access,
      versions: options.versions,
    }),
  );
  router.use(
    await createAttestationsRouter({
      httpAuth,
      access,
      attestations: options.attestations,
    }),
  );
  router.use(
    await createLineageRouter({ httpAuth, access, lineage: options.lineage }),
  );
  router.use(
    await createModelCardRouter({
      httpAuth,
      access,
      modelCards: options.modelCards,
    }),
  );
  router.use(
    await createDeploymentsRouter({
      httpAuth,
      deployments: options.deployments,
      actions: options.deliveryActions,
    }),
  );
  router.use(
    await createMetricsRouter({
      httpAuth,
      access,
      metrics: options.metrics,
    }),
  );
  router.use(await createPromotionRouter({ httpAuth, ...options.promotion }));
  router.use(apiErrorHandler());
  return router;
}
