import { HttpAuthService } from '@backstage/backend-plugin-api';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { LiveMetricsService } from './LiveMetricsService';

/**
 * What the live metrics routes need.
 *
 * @internal
 */
export interface MetricsRouterOptions {
  httpAuth: HttpAuthService;
  access: ModelKitAccessService;
  metrics: LiveMetricsService;
}

/**
 * The live metrics routes, under `/api/modelkit/metrics`. The running versions come from the
 * deployment views, which authorize them: the catalog's read permission and
 * `kitstage.modelkit.read` on the Component, and `kubernetes.resources.read`.
 *
 * @internal
 */
export async function createMetricsRouter(
  options: MetricsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, metrics } = options;
  const router = Router();

  router.get('/metrics/components/:namespace/:name', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const credentials = await httpAuth.credentials(req);
    // Authorized here as well, so that even the answer "not configured" is given only for a
    // Component the caller may read; the deployment view checks again when it is read.
    await access.readEntity(
      { kind: 'Component', ...entity },
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the live metrics of',
      },
    );
    const body = await metrics.getComponentLiveMetrics(entity, credentials);
    // The source is what the app configuration says, never what Prometheus or a cluster says.
    const source = metrics.source;
    res.json(body.configured && source ? { ...body, source } : body);
  });

  return router;
}
