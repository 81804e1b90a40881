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
import {
  DeliveryActionBody,
  DeliveryActionsService,
} from './operate/DeliveryActionsService';
import { FLEET_PAGE_LIMITS } from './views/fleet/FleetViews';

/**
 * What the deployment routes need.
 *
 * @internal
 */
export interface DeploymentsRouterOptions {
  httpAuth: HttpAuthService;
  deployments: DeploymentsService;
  /** Flux and Argo CD actions on the delivery objects of a Component. */
  actions: DeliveryActionsService;
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

/** A whole number in a query value, within bounds. */
const wholeNumber = (min: number, max: number) =>
  z
    .string({ error: 'must be given once' })
    .regex(/^\d{1,9}$/, {
      error: issue =>
        `must be a whole number, got ${JSON.stringify(
          String(issue.input).slice(0, 60),
        )}`,
    })
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    )
    .optional();

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
    limit: wholeNumber(1, FLEET_PAGE_LIMITS.max),
    offset: wholeNumber(0, 100_000_000),
  },
  {
    error: issue =>
      issue.code === 'unrecognized_keys'
        ? `has unknown parameters ${issue.keys.join(
            ', ',
          )}; use owner, system, status, limit or offset`
        : undefined,
  },
);

/**
 * Whether an `If-None-Match` header names the version. Compared here, not by Express's
 * `req.fresh`: a fetch with `If-None-Match` also sends `Cache-Control: no-cache`, which
 * `req.fresh` takes as a wish for the whole answer.
 */
function sendsBack(ifNoneMatch: string | undefined, version: string) {
  return (
    ifNoneMatch !== undefined &&
    ifNoneMatch
      .split(',')
      .some(tag => tag.trim().replace(/^W\//, '') === `"${version}"`)
  );
}

/**
 * The deployment health routes, under `/api/modelkit/deployments`.
 *
 * @remarks
 * The service authorizes every view (see `DeploymentsService`): the catalog's read permission
 * through the caller's credentials, `kitstage.modelkit.read` on the entity shown and
 * `kubernetes.resources.read`. Each card of the Component view says whether the caller may act
 * on its delivery objects; `POST .../actions` acts on one of them (see
 * `DeliveryActionsService`).
 *
 * @internal
 */
export async function createDeploymentsRouter(
  options: DeploymentsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, deployments, actions } = options;
  const router = Router();

  router.get('/deployments/components/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    const view = await deployments.getComponentDeployments(
      req.params,
      credentials,
    );
    const available = await actions.availability(view.entity.ref, credentials);
    const refused = available.permitted
      ? await actions.refusals(view.entity.ref, view.clusters)
      : undefined;
    res.json({
      ...view,
      clusters: view.clusters.map(card => ({
        ...card,
        actions: actions.availabilityOn(card, available, refused),
      })),
    });
  });

  // A body that is not JSON, or too long, reaches the service as such: it refuses it in the
  // audit record of the action, as every other refusal.
  const jsonBody = express.json({ limit: '4kb' });
  router.post(
    '/deployments/components/:namespace/:name/actions',
    (req, res, next) =>
      jsonBody(req, res, error => {
        if (error) res.locals.bodyError = (error as Error).message;
        next();
      }),
    async (req, res) => {
      const credentials = await httpAuth.credentials(req);
      const body: DeliveryActionBody =
        typeof res.locals.bodyError === 'string'
          ? { error: res.locals.bodyError }
          : { value: req.body };
      res.json(await actions.run(req.params, body, credentials));
    },
  );

  router.get('/deployments/modelkits/:namespace/:name', async (req, res) => {
    const credentials = await httpAuth.credentials(req);
    res.json(await deployments.getModelKitDeployments(req.params, credentials));
  });

  router.get('/deployments/fleet', async (req, res) => {
    const query = parse(fleetQuery, req.query, 'query', { positions: false });
    const credentials = await httpAuth.credentials(req);
    const { body, version } = await deployments.getFleet(query, credentials);
    // Revalidated by the client that sends the version back; never stored by a cache.
    res.set('Cache-Control', 'no-store');
    res.set('ETag', `"${version}"`);
    if (sendsBack(req.get('If-None-Match'), version)) {
      res.status(304).end();
      return;
    }
    // What the caller may do is added to the shared page, outside its version: it changes
    // only with the configuration and the caller.
    const offered = JSON.stringify(actions.fleetAvailability(credentials));
    res
      .type('application/json')
      .send(`${body.slice(0, -1)},"actions":${offered}}`);
  });

  return router;
}
