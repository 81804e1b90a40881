import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { ErrorRequestHandler, Request, Response } from 'express';
import { z } from 'zod';
import { toApiError } from './toApiError';

/**
 * Parses request input, or throws an InputError naming every bad field: the one parser of
 * every route and action of the plugin.
 *
 * @param where - what is parsed, for the message: `path`, `query` or `request body` of a
 *   route, or `input` of an action.
 * @param options - `positions: false` names a repeated query value by its field alone
 *   (`status`, not `status.1`), where its position says nothing.
 * @internal
 */
export function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: 'path' | 'query' | 'request body' | 'input',
  options: { positions?: boolean } = {},
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      `Invalid ${where}: ${result.error.issues
        .map(issue =>
          [
            issue.path
              .filter(p => options.positions !== false || typeof p !== 'number')
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
 * A signal that fires when the client goes away before the response is complete.
 *
 * @internal
 */
export function clientSignal(res: Response): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) {
      controller.abort();
    }
  });
  return controller.signal;
}

/**
 * What a route passes to its service: the caller's credentials and the client's signal.
 *
 * @internal
 */
export function requestOptionsOf(
  httpAuth: HttpAuthService,
): (
  req: Request,
  res: Response,
) => Promise<{ credentials: BackstageCredentials; signal: AbortSignal }> {
  return async (req, res) => ({
    credentials: await httpAuth.credentials(req),
    signal: clientSignal(res),
  });
}

/**
 * The error handler that turns registry and ModelKit errors into API errors; Backstage's error
 * middleware then writes them with their status.
 *
 * @internal
 */
export function apiErrorHandler(): ErrorRequestHandler {
  return (error: unknown, _req, _res, next) => {
    next(toApiError(error));
  };
}
