import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  MAX_POLICY_STATUS_DIGESTS,
  ModelKitAttestationsResponse,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  isOciDigest,
  isOciTag,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { parse, requestOptionsOf } from '../service/routeHelpers';
import { ModelKitAttestationsService } from './ModelKitAttestationsService';

/**
 * What the attestation routes need.
 *
 * @internal
 */
export interface AttestationsRouterOptions {
  httpAuth: HttpAuthService;
  access: ModelKitAccessService;
  attestations: ModelKitAttestationsService;
}

const DIGEST_RULE = 'sha256: with 64 or sha512: with 128 lowercase hex digits';
const REFERENCE_RULE = `a tag (letters, digits, '_', '.' and '-', at most 128 characters) or a digest (${DIGEST_RULE})`;
const DIGESTS_RULE = `a comma-separated list of at most ${MAX_POLICY_STATUS_DIGESTS} manifest digests (${DIGEST_RULE})`;

const requiredOnce = (rule: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? 'is required'
      : `must be given once, as ${rule}`,
});

const versionParams = z.object({
  reference: z
    .string(requiredOnce(REFERENCE_RULE))
    .refine(value => isOciTag(value) || isOciDigest(value), {
      error: issue =>
        `must be ${REFERENCE_RULE}, got ${JSON.stringify(
          String(issue.input).slice(0, 140),
        )}`,
    }),
});

const policyQuery = z.object({
  digests: z.string(requiredOnce(DIGESTS_RULE)).transform((value, ctx) => {
    const digests = value === '' ? [] : value.split(',');
    if (digests.length > MAX_POLICY_STATUS_DIGESTS) {
      ctx.addIssue({
        code: 'custom',
        message: `must name at most ${MAX_POLICY_STATUS_DIGESTS} digests, got ${digests.length}`,
      });
      return z.NEVER;
    }
    const bad = digests.findIndex(digest => !isOciDigest(digest));
    if (bad >= 0) {
      ctx.addIssue({
        code: 'custom',
        path: [bad],
        message: `must be a manifest digest (${DIGEST_RULE}), got ${JSON.stringify(
          digests[bad].slice(0, 140),
        )}`,
      });
      return z.NEVER;
    }
    return digests;
  }),
});

/**
 * The attestation routes of the `modelkit` plugin, under `/api/modelkit`:
 *
 * - `GET /modelkits/:namespace/:name/versions/:reference/attestations`
 * - `GET /modelkits/:namespace/:name/policy?digests=sha256:…,sha256:…`
 * - `GET /modelkits/:namespace/:name/policy/latest`
 *
 * @internal
 */
export async function createAttestationsRouter(
  options: AttestationsRouterOptions,
): Promise<express.Router> {
  const { httpAuth, access, attestations } = options;
  const router = Router();

  const requestOptions = requestOptionsOf(httpAuth);

  router.get(
    '/modelkits/:namespace/:name/versions/:reference/attestations',
    async (req, res) => {
      const entity = access.parseEntityName(req.params);
      const params = parse(versionParams, req.params, 'path');
      const body: ModelKitAttestationsResponse =
        await attestations.getAttestations(
          entity,
          params.reference,
          await requestOptions(req, res),
        );
      res.json(body);
    },
  );

  router.get('/modelkits/:namespace/:name/policy/latest', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const body: ModelKitLatestPolicyStatusResponse =
      await attestations.getLatestPolicyStatus(
        entity,
        await requestOptions(req, res),
      );
    res.json(body);
  });

  router.get('/modelkits/:namespace/:name/policy', async (req, res) => {
    const entity = access.parseEntityName(req.params);
    const { digests } = parse(policyQuery, req.query, 'query');
    const body: ModelKitPolicyStatusResponse =
      await attestations.getPolicyStatus(
        entity,
        digests,
        await requestOptions(req, res),
      );
    res.json(body);
  });

  return router;
}
