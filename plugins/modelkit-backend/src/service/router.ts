import { HttpAuthService } from '@backstage/backend-plugin-api';
import type {
  ModelKitDiff,
  ModelKitVersion,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  isOciDigest,
  isOciTag,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ModelKitVersionsService } from './ModelKitVersionsService';
import { parse, requestOptionsOf } from './routeHelpers';
import { REFERENCE_RULE } from './versionReference';

/**
 * What the router needs.
 *
 * @internal
 */
export interface VersionsRouterOptions {
  httpAuth: HttpAuthService;
  access: ModelKitAccessService;
  versions: ModelKitVersionsService;
}

const MAX_LIMIT = 100;
const MAX_CURSOR_LENGTH = 512;
const LIMIT_RULE = `an integer from 1 to ${MAX_LIMIT}`;

/** Says "is required" for a missing value, and otherwise what the value must be. */
const stringOnce = (rule: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? 'is required'
      : `must be given once, as ${rule}`,
});

const reference = z
  .string(stringOnce(REFERENCE_RULE))
  .refine(value => isOciTag(value) || isOciDigest(value), {
    error: issue =>
      `must be ${REFERENCE_RULE}, got ${JSON.stringify(
        String(issue.input).slice(0, 140),
      )}`,
  });

const versionsQuery = z.object({
  // The cursor is opaque: listModelKitVersions checks what it holds.
  cursor: z
    .string(stringOnce('the nextCursor of a previous page'))
    .max(MAX_CURSOR_LENGTH, {
      error: 'is not valid; pass the nextCursor of a previous page unchanged',
    })
    .optional(),
  limit: z
    .string(stringOnce(LIMIT_RULE))
    .regex(/^[0-9]{1,3}$/, { error: `must be ${LIMIT_RULE}` })
    .transform(Number)
    .refine(value => value >= 1 && value <= MAX_LIMIT, {
      error: `must be ${LIMIT_RULE}`,
    })
    .optional(),
});

const versionParams = z.object({ reference });

const diffQuery = z.object({ from: reference, to: reference });

/**
 * The version routes of the `modelkit` plugin: versions, one version, and diffs.
 *
 * @internal
 */
export async function createVersionsRouter(
  options: VersionsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, versions } = options;
  const router = Router();

  const requestOptions = requestOptionsOf(httpAuth);

  router.get('/modelkits/:namespace/:name/versions', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const page = parse(versionsQuery, req.query, 'query');
    const body: ModelKitVersionsResponse = await versions.listVersions(
      entity,
      page,
      await requestOptions(req, res),
    );
    res.json(body);
  });

  router.get(
    '/modelkits/:namespace/:name/versions/:reference',
    async (req, res) => {
      const entity = access.parseEntityName(req.params);
      const params = parse(versionParams, req.params, 'path');
      const body: ModelKitVersion = await versions.getVersion(
        entity,
        params.reference,
        await requestOptions(req, res),
      );
      res.json(body);
    },
  );

  router.get('/modelkits/:namespace/:name/diff', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const { from, to } = parse(diffQuery, req.query, 'query');
    const body: ModelKitDiff = await versions.diff(
      entity,
      from,
      to,
      await requestOptions(req, res),
    );
    res.json(body);
  });

  return router;
}
