import { mockErrorHandler } from '@backstage/backend-test-utils';
import { InputError } from '@backstage/errors';
import {
  ModelKitError,
  ModelKitErrorReason,
  RegistryError,
  RegistryErrorReason,
} from '@kitstage/plugin-modelkit-node';
import express from 'express';
import request from 'supertest';
import { toApiError } from './toApiError';

/** Answers with what Backstage's error middleware makes of `toApiError(error)`. */
async function respond(error: unknown) {
  const app = express();
  app.get('/', () => {
    throw toApiError(error);
  });
  app.use(mockErrorHandler());
  const response = await request(app).get('/');
  return { status: response.status, error: response.body.error };
}

// Typed as records, so a new reason fails to compile until it is given a status here.
const REGISTRY_STATUS: Record<RegistryErrorReason, [number, string]> = {
  'unknown-registry': [404, 'NotFoundError'],
  'not-found': [404, 'NotFoundError'],
  'unsupported-media-type': [404, 'NotFoundError'],
  'invalid-argument': [400, 'InputError'],
  network: [503, 'ServiceUnavailableError'],
  timeout: [503, 'ServiceUnavailableError'],
  'rate-limited': [503, 'ServiceUnavailableError'],
  aborted: [503, 'ServiceUnavailableError'],
  unauthorized: [502, 'BadGatewayError'],
  denied: [502, 'BadGatewayError'],
  'server-error': [502, 'BadGatewayError'],
  'http-error': [502, 'BadGatewayError'],
  truncated: [502, 'BadGatewayError'],
  'too-large': [502, 'BadGatewayError'],
  'size-mismatch': [502, 'BadGatewayError'],
  'digest-mismatch': [502, 'BadGatewayError'],
  'invalid-response': [502, 'BadGatewayError'],
  'too-many-pages': [502, 'BadGatewayError'],
  'too-many-redirects': [502, 'BadGatewayError'],
  'forbidden-host': [502, 'BadGatewayError'],
};

const MODELKIT_STATUS: Record<ModelKitErrorReason, [number, string]> = {
  'not-a-modelkit': [404, 'NotFoundError'],
  'invalid-kitfile': [502, 'BadGatewayError'],
  'invalid-config': [502, 'BadGatewayError'],
};

describe('toApiError', () => {
  it.each(Object.entries(REGISTRY_STATUS))(
    'answers a registry error of reason %s with %j',
    async (reason, [status, name]) => {
      // The registry's own status must not leak through as the response status.
      const error = new RegistryError({
        reason: reason as RegistryErrorReason,
        registry: 'internal',
        host: 'registry.example.com',
        repository: 'team/model',
        reference: 'v1',
        status: 418,
        detail: 'something happened',
        cause: new Error('the underlying failure'),
      });
      expect(await respond(error)).toEqual({
        status,
        error: {
          name,
          message:
            'Registry "internal" (registry.example.com), repository "team/model", reference "v1": something happened (HTTP 418); caused by Error: the underlying failure',
        },
      });
    },
  );

  it.each(Object.entries(MODELKIT_STATUS))(
    'answers a ModelKit error of reason %s with %j',
    async (reason, [status, name]) => {
      const error = new ModelKitError({
        reason: reason as ModelKitErrorReason,
        source: 'internal',
        repository: 'registry.example.com/team/model',
        reference: 'v1',
        detail: 'what was wrong',
        issues: [{ path: 'model.path', message: 'Required' }],
      });
      expect(await respond(error)).toEqual({
        status,
        error: {
          name,
          message:
            'ModelKit registry.example.com/team/model:v1 from "internal": what was wrong',
        },
      });
    },
  );

  it('answers a registry that is itself unavailable with 503', async () => {
    const error = new RegistryError({
      reason: 'server-error',
      registry: 'internal',
      status: 503,
      detail: 'the tags request failed',
    });
    expect(await respond(error)).toEqual({
      status: 503,
      error: {
        name: 'ServiceUnavailableError',
        message: 'Registry "internal": the tags request failed (HTTP 503)',
      },
    });
  });

  it('leaves other errors as they are', () => {
    const input = new InputError('limit must be an integer');
    const other = new Error('boom');
    expect(toApiError(input)).toBe(input);
    expect(toApiError(other)).toBe(other);
    expect(toApiError('text')).toBe('text');
  });
});
