import {
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  PromotionEvaluation,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  evaluatePromotion,
  readPromotionEnvironments,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { DEFAULT_MAX_HISTORY_COMMITS, readPromotionHistory } from './history';
import { allowRemote, componentRemote } from './remotes';

/**
 * What the promotion routes need.
 *
 * @internal
 */
export interface PromotionRouterOptions {
  config: Config;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  registry: RegistryService;
  attestations: AttestationService;
  permissions: PermissionsService;
}

const NAME = z.string().min(1).max(253);
const ENVIRONMENT = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be an environment name');

const evaluateBody = z.object({
  environment: ENVIRONMENT,
  version: z
    .string()
    .regex(
      /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64})$/,
      'must be a tag or a sha256 digest',
    ),
  modelKit: z.string().max(255).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${where}: ${result.error.issues
        .map(i => `${i.path.join('.') || '(body)'} ${i.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

/**
 * The promotion routes of the modelkit plugin:
 *
 * - `GET /environments`: the configured environments and their gates.
 * - `POST /components/:namespace/:name/promotions/evaluate`: every gate of a promotion, for
 *   the calling user, without writing anything.
 * - `GET /components/:namespace/:name/promotions?environment=`: the promotion history read
 *   from the Git history of the overlays.
 *
 * @internal
 */
export async function createPromotionRouter(
  options: PromotionRouterOptions,
): Promise<express.Router> {
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  const environments = readPromotionEnvironments(options.config);
  const maxCommits =
    options.config.getOptionalNumber('kitstage.promotion.maxHistoryCommits') ??
    DEFAULT_MAX_HISTORY_COMMITS;

  router.get('/environments', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: environments });
  });

  router.post(
    '/components/:namespace/:name/promotions/evaluate',
    async (req, res) => {
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user'],
      });
      const namespace = parse(NAME, req.params.namespace, 'namespace');
      const name = parse(NAME, req.params.name, 'name');
      const body = parse(evaluateBody, req.body, 'request body');
      const { evaluation } = await evaluatePromotion({
        config: options.config,
        catalog: options.catalog,
        registry: options.registry,
        attestations: options.attestations,
        permissions: options.permissions,
        credentials,
        component: stringifyEntityRef({ kind: 'component', namespace, name }),
        environment: body.environment,
        version: body.version,
        modelKit: body.modelKit,
      });
      const response: PromotionEvaluation = evaluation;
      res.json(response);
    },
  );

  router.get('/components/:namespace/:name/promotions', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const namespace = parse(NAME, req.params.namespace, 'namespace');
    const name = parse(NAME, req.params.name, 'name');
    const environmentName =
      req.query.environment === undefined
        ? undefined
        : parse(ENVIRONMENT, req.query.environment, 'environment');
    const componentRef = stringifyEntityRef({
      kind: 'component',
      namespace,
      name,
    });
    const component = await options.catalog.getEntityByRef(componentRef, {
      credentials,
    });
    if (!component) {
      throw new NotFoundError(`No Component ${componentRef} in the catalog`);
    }
    const selected = environmentName
      ? environments.filter(e => e.name === environmentName)
      : environments;
    if (environmentName && selected.length === 0) {
      throw new InputError(
        `Environment "${environmentName}" is not configured under kitstage.environments`,
      );
    }
    const remote = allowRemote(options.config, componentRemote(component));
    let history;
    try {
      history = await readPromotionHistory({
        remote,
        environments: selected,
        maxCommits,
      });
    } catch (error) {
      if (error instanceof NotAllowedError || error instanceof InputError) {
        throw error;
      }
      options.logger.warn(
        `Could not read the promotion history of ${componentRef}: ${
          (error as Error).message
        }`,
      );
      throw new ServiceUnavailableError(
        `Could not read the Git history of ${remote.url}: ${
          (error as Error).message
        }`,
      );
    }
    const response: PromotionHistoryResponse = {
      componentEntityRef: componentRef,
      repository: remote.url,
      branch: history.branch,
      entries: history.entries,
      truncated: history.truncated,
    };
    res.json(response);
  });

  return router;
}
