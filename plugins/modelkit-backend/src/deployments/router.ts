import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DeploymentsService } from './DeploymentsService';

/**
 * What the deployment routes need.
 *
 * @internal
 */
export interface DeploymentsRouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  deployments: DeploymentsService;
}

const MAX_FILTER_VALUES = 50;

const entityName = z.object({
  namespace: z
    .string()
    .min(1, 'must not be empty')
    .max(63, 'is longer than 63 characters'),
  name: z
    .string()
    .min(1, 'must not be empty')
    .max(63, 'is longer than 63 characters'),
});

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

/** Parses request input, or throws an InputError naming every bad field. */
function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'path' | 'query',
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${where}: ${result.error.issues
        .map(issue =>
          // The position of a repeated value says nothing: `status`, not `status.1`.
          [
            issue.path
              .filter(p => typeof p !== 'number')
              .map(String)
              .join('.'),
            issue.message,
          ]
            .filter(Boolean)
            .join(' '),
        )
        .join('; ')}`,
    );
  }
  return result.data;
}

/**
 * The deployment health routes, under `/api/modelkit/deployments`.
 *
 * @remarks
 * Entities are read with the caller's credentials, so the catalog's read permission applies.
 * Cluster objects are read by Kitstage's own service credentials through the Kubernetes
 * plugin, so the caller must also hold `kubernetes.resources.read`, the permission the
 * Kubernetes plugin requires to show the same objects.
 *
 * @internal
 */
export async function createDeploymentsRouter(
  options: DeploymentsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, deployments } = options;
  const router = Router();

  const authorize = async (req: Request) => {
    const credentials = await httpAuth.credentials(req);
    const [decision] = await permissions.authorize(
      [{ permission: kubernetesResourcesReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Deployment health needs the permission ${kubernetesResourcesReadPermission.name}`,
      );
    }
    return credentials;
  };

  router.get('/deployments/components/:namespace/:name', async (req, res) => {
    const entity = parse(entityName, req.params, 'path');
    const credentials = await authorize(req);
    res.json(await deployments.getComponentDeployments(entity, credentials));
  });

  router.get('/deployments/modelkits/:namespace/:name', async (req, res) => {
    const entity = parse(entityName, req.params, 'path');
    const credentials = await authorize(req);
    res.json(await deployments.getModelKitDeployments(entity, credentials));
  });

  router.get('/deployments/fleet', async (req, res) => {
    const query = parse(fleetQuery, req.query, 'query');
    const credentials = await authorize(req);
    res.json(await deployments.getFleet(query, credentials));
  });

  return router;
}
