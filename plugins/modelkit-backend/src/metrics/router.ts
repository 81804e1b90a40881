import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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
  permissions: PermissionsService;
  metrics: LiveMetricsService;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The live metrics routes, under `/api/modelkit/metrics`. The running versions come from the
 * deployment views, so the same permissions apply: the catalog's read permission on the
 * Component and `kubernetes.resources.read`.
 *
 * @internal
 */
export async function createMetricsRouter(
  options: MetricsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, metrics } = options;
  const router = Router();

  router.get('/metrics/components/:namespace/:name', async (req, res) => {
    const { namespace, name } = req.params;
    for (const [key, value] of Object.entries({ namespace, name })) {
      if (!NAME.test(value)) {
        throw new InputError(
          `Invalid path: ${key} must be 1 to 63 letters, digits, ".", "_" or "-"`,
        );
      }
    }
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: kubernetesResourcesReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Live metrics need the permission ${kubernetesResourcesReadPermission.name}`,
      );
    }
    res.json(
      await metrics.getComponentLiveMetrics({ namespace, name }, credentials),
    );
  });

  return router;
}
