import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type {
  ModelKitDiff,
  ModelKitVersion,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import { isOciDigest, isOciTag } from '@kitstage/plugin-modelkit-node';
import express, { Request, Response } from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ModelKitVersionsService } from './ModelKitVersionsService';
import { toApiError } from './toApiError';

/**
 * What the router needs.
 *
 * @internal
 */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  versions: ModelKitVersionsService;
}

const MAX_LIMIT = 100;

const entityName = z.object({
  namespace: z.string().min(1, 'must not be empty').max(253, 'is too long'),
  name: z.string().min(1, 'must not be empty').max(253, 'is too long'),
});

const reference = z
  .string()
  .refine(value => isOciTag(value) || isOciDigest(value), {
    error: issue =>
      `must be a tag (letters, digits, '_', '.' and '-', at most 128 characters) or a digest (sha256:<64 hex digits>), got ${JSON.stringify(
        String(issue.input).slice(0, 140),
      )}`,
  });

const versionsQuery = z.object({
  cursor: z
    .string({ error: 'must be given once, as a string' })
    .regex(/^[A-Za-z0-9_-]{1,512}$/, {
      error: 'is not valid; pass the nextCursor of a previous page unchanged',
    })
    .optional(),
  limit: z
    .string({
      error: `must be given once, as an integer from 1 to ${MAX_LIMIT}`,
    })
    .regex(/^[0-9]{1,3}$/, {
      error: `must be an integer from 1 to ${MAX_LIMIT}`,
    })
    .transform(Number)
    .refine(value => value >= 1 && value <= MAX_LIMIT, {
      error: `must be an integer from 1 to ${MAX_LIMIT}`,
    })
    .optional(),
});

const versionParams = entityName.extend({ reference });

const diffQuery = z.object({
  from: reference.optional().refine(v => v !== undefined, 'is required'),
  to: reference.optional().refine(v => v !== undefined, 'is required'),
});

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
        .map(issue => `${issue.path.map(String).join('.')} ${issue.message}`)
        .join('; ')}`,
    );
  }
  return result.data;
}

/** A signal that fires when the client goes away before the response is complete. */
function clientSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) {
      controller.abort();
    }
  });
  return controller.signal;
}

/**
 * The REST API of the `modelkit` plugin, mounted under `/api/modelkit`.
 *
 * @internal
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, versions } = options;
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const requestOptions = async (req: Request, res: Response) => ({
    credentials: await httpAuth.credentials(req),
    signal: clientSignal(res),
  });

  router.get('/modelkits/:namespace/:name/versions', async (req, res) => {
    const entity = parse(entityName, req.params, 'path');
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
      const params = parse(versionParams, req.params, 'path');
      const body: ModelKitVersion = await versions.getVersion(
        { namespace: params.namespace, name: params.name },
        params.reference,
        await requestOptions(req, res),
      );
      res.json(body);
    },
  );

  router.get('/modelkits/:namespace/:name/diff', async (req, res) => {
    const entity = parse(entityName, req.params, 'path');
    const { from, to } = parse(diffQuery, req.query, 'query');
    const body: ModelKitDiff = await versions.diff(
      entity,
      from!,
      to!,
      await requestOptions(req, res),
    );
    res.json(body);
  });

  // The one place where registry and ModelKit errors become API errors; Backstage's error
  // middleware then writes them with their status.
  router.use(
    (
      error: unknown,
      _req: Request,
      _res: Response,
      next: (error: unknown) => void,
    ) => {
      next(toApiError(error));
    },
  );

  return router;
}
