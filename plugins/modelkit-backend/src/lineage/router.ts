import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  ComponentLineageResponse,
  LINEAGE_DEFAULTS,
  ModelKitLineageResponse,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { requestOptionsOf } from '../service/routeHelpers';
import { parseVersionReference } from '../service/versionReference';
import { LineageService } from './LineageService';

const DEPTH_RULE = `an integer from 0 to ${LINEAGE_DEFAULTS.maxDepthLimit}`;

function maxDepth(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n =
    typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : NaN;
  if (!(n >= 0 && n <= LINEAGE_DEFAULTS.maxDepthLimit)) {
    throw new InputError(
      `Invalid query: maxDepth must be given once, as ${DEPTH_RULE}`,
    );
  }
  return n;
}

/**
 * The lineage routes of the `modelkit` plugin:
 *
 * - `GET /modelkits/:namespace/:name/lineage?version=&maxDepth=`
 * - `GET /components/:namespace/:name/lineage?maxDepth=`
 *
 * @internal
 */
export async function createLineageRouter(options: {
  httpAuth: HttpAuthService;
  access: ModelKitAccessService;
  lineage: LineageService;
}): Promise<express.Router> {
  const { httpAuth, access, lineage } = options;
  const router = Router();
  const requestOptions = requestOptionsOf(httpAuth);

  router.get('/modelkits/:namespace/:name/lineage', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const version =
      req.query.version === undefined
        ? undefined
        : parseVersionReference(req.query.version, 'query: version');
    const body: ModelKitLineageResponse = await lineage.getModelKitLineage(
      entity,
      { version, maxDepth: maxDepth(req.query.maxDepth) },
      await requestOptions(req, res),
    );
    res.json(body);
  });

  router.get('/components/:namespace/:name/lineage', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const body: ComponentLineageResponse = await lineage.getComponentLineage(
      entity,
      { maxDepth: maxDepth(req.query.maxDepth) },
      await requestOptions(req, res),
    );
    res.json(body);
  });

  return router;
}
