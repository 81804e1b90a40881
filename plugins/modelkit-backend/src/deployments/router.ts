import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import { DeploymentsService } from './DeploymentsService';

/**
 * What the deployment routes need.
 *
 * @internal
 */
export interface DeploymentsRouterOptions {
  httpAuth: HttpAuthService;
  deployments: DeploymentsService;
}

const MAX_FILTER_VALUES = 50;

/** A query value given once or repeated, as Express parses it, as a list. */
const repeated = <T extends z.ZodType>(item: T) =>
  z
    .preprocess(
      value => (value === undefined || Array.isArray(value) ? value : [value]),
      z.array(item).max(MAX_FILTER_VALUES, {
        error: `may be given at most ${MAX_FILTER_VALUES} times`,
      }),
    )
    .optional();

const entityRefValue = z
  .string()
  .min(1, 'must not be empty')
  .max(300, 'is longer than 300 characters');

const fleetQuery = z.strictObject(
  {
    owner: repeated(entityRefValue),
    system: repeated(entityRefValue),
    status: repeated(
      z.enum(
        DEPLOYMENT_HEALTH_PRECEDENCE as [
          DeploymentHealthStatus,
          ...DeploymentHealthStatus[],
        ],
        {
          error: issue =>
            `must be one of ${DEPLOYMENT_HEALTH_PRECEDENCE.join(
              ', ',
            )}, got ${JSON.stringify(String(issue.input).slice(0, 60))}`,
        },
      ),
    ),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `has unknown parameters ${issue.keys.join(
            ', ',
          )}; use owner, system or status`
        : undefined,
  },
);

/**
 * The deployment health routes, under `/api/modelkit/deployments`.
 *
 * @remarks
 * The service authorizes every view (see `DeploymentsService`): the catalog's read permission
 * through the caller's credentials, `kitstage.modelkit.read` on the entity shown and
 * `kubernetes.resources.read`.
 *
 * @internal
 */
export async function createDeploymentsRouter(
  options: DeploymentsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, deployments } = options;
  const router = Router();

  router.get('/deployments/components/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(
      await deployments.getComponentDeployments(req.params, credentials),
    );
  });

  router.get('/deployments/modelkits/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await deployments.getModelKitDeployments(req.params, credentials));
  });

  router.get('/deployments/fleet', async (req, res) => {
    const query = parse(fleetQuery, req.query, 'query', { positions: false });
    const credentials = await httpAuth.credentials(req);
    res.json(await deployments.getFleet(query, credentials));
  });

  return router;
}
