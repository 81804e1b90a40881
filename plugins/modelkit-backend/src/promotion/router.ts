import { HttpAuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  InputError,
  NotAllowedError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  modelkitReadPermission,
  type PromotionEvaluation,
  type PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  GitRemotePolicy,
  ModelKitAccessService,
  readPromotionEnvironments,
} from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import {
  ENVIRONMENT_NAME,
  evaluateComponentPromotion,
} from './evaluateComponentPromotion';
import {
  DEFAULT_MAX_HISTORY_BLOBS,
  DEFAULT_MAX_HISTORY_COMMITS,
  readPromotionHistory,
} from './history';
import {
  DEFAULT_HISTORY_CACHE_SECONDS,
  PromotionHistoryCache,
} from './historyCache';

/**
 * What the promotion routes need.
 *
 * @internal
 */
export interface PromotionRouterOptions {
  config: Config;
  logger: LoggerService;
  httpAuth: HttpAuthService;
  /**
   * The authorization helper: entities are read and permissions decided through it, as the
   * caller.
   */
  access: ModelKitAccessService;
  attestations: AttestationService;
}

const historyQuery = z.object({ environment: ENVIRONMENT_NAME.optional() });

/**
 * The promotion routes of the modelkit plugin:
 *
 * - `GET /environments`: the configured environments and their gates.
 * - `POST /components/:namespace/:name/promotions/evaluate`: every gate of a promotion, for
 *   the caller, without writing anything. A service principal that is not listed under
 *   `kitstage.authorization.servicePrincipals` gets the permission gate refused.
 * - `GET /components/:namespace/:name/promotions?environment=`: the promotion history read
 *   from the Git history of the overlays in the Component's deploy repository, only when it is
 *   under `kitstage.promotion.allowedRemotes` and the Component may name it
 *   (`GitRemotePolicy.forComponent`: registered from a file of that repository, or from a
 *   location under `kitstage.provenance.trustedLocations`). Histories are kept per remote and
 *   branch for `kitstage.promotion.historyCacheSeconds` ({@link PromotionHistoryCache}:
 *   concurrent requests share one read, one read per remote and a few in all at a time, a few
 *   branches per remote kept), and each read is bounded by `maxHistoryCommits` (which also
 *   bounds the clone's depth) and `maxHistoryBlobs`.
 *
 * @internal
 */
export async function createPromotionRouter(
  options: PromotionRouterOptions,
): Promise<express.Router> {
  const { access, config } = options;
  const router = Router();
  router.use(express.json({ limit: '16kb' }));
  const environments = readPromotionEnvironments(config);
  const remotes = GitRemotePolicy.fromConfig(config);
  const maxCommits = Math.min(
    config.getOptionalNumber('kitstage.promotion.maxHistoryCommits') ??
      DEFAULT_MAX_HISTORY_COMMITS,
    5000,
  );
  const maxBlobs = Math.min(
    config.getOptionalNumber('kitstage.promotion.maxHistoryBlobs') ??
      DEFAULT_MAX_HISTORY_BLOBS,
    20000,
  );
  const cache = new PromotionHistoryCache<
    Awaited<ReturnType<typeof readPromotionHistory>>
  >({
    ttlSeconds:
      config.getOptionalNumber('kitstage.promotion.historyCacheSeconds') ??
      DEFAULT_HISTORY_CACHE_SECONDS,
  });

  router.get('/environments', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: environments });
  });

  router.post(
    '/components/:namespace/:name/promotions/evaluate',
    async (req, res) => {
      const credentials = await options.httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const response: PromotionEvaluation = await evaluateComponentPromotion({
        config,
        access,
        attestations: options.attestations,
        credentials,
        component: access.parseEntityName(req.params),
        request: req.body,
      });
      res.json(response);
    },
  );

  router.get('/components/:namespace/:name/promotions', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const name = access.parseEntityName(req.params);
    const { environment: environmentName } = parse(
      historyQuery,
      req.query,
      'query',
    );
    const component = await access.readEntity(
      { kind: 'Component', ...name },
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the promotion history of',
      },
    );
    const componentRef = stringifyEntityRef(component);
    if (
      environmentName &&
      !environments.some(e => e.name === environmentName)
    ) {
      throw new InputError(
        `Environment "${environmentName}" is not configured under kitstage.environments`,
      );
    }
    // The Component names its remote, but configuration decides whether the backend reads it
    // with its credentials, and the Component's provenance whether it may name it: a
    // Component registered elsewhere may not read another team's deploy repository.
    const remote = remotes.forComponent(component);
    let history;
    try {
      history = await cache.get(
        { remote: remote.url, branch: remote.branch ?? '' },
        () =>
          readPromotionHistory({ remote, environments, maxCommits, maxBlobs }),
      );
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
      entries: environmentName
        ? history.entries.filter(e => e.environment === environmentName)
        : history.entries,
      truncated: history.truncated,
    };
    res.json(response);
  });

  return router;
}
