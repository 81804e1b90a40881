import { ResponseError } from '@backstage/errors';

/**
 * The error the ModelKit client throws for an error response of the backend,
 * built from the body Backstage's error handler writes.
 */
export async function backendError(options: {
  status: number;
  statusText: string;
  name: string;
  message: string;
  url: string;
}): Promise<ResponseError> {
  const body = {
    error: { name: options.name, message: options.message },
    request: { method: 'GET', url: options.url },
    response: { statusCode: options.status },
  };
  const headers = {
    get: (name: string) =>
      name.toLowerCase() === 'content-type'
        ? 'application/json; charset=utf-8'
        : null,
  } as unknown as Headers;
  return ResponseError.fromResponse({
    ok: false,
    status: options.status,
    statusText: options.statusText,
    headers,
    redirected: false,
    type: 'basic',
    url: `http://localhost:7007${options.url}`,
    text: async () => JSON.stringify(body),
  });
}

/** The backend's answer when the registry of a ModelKit cannot be reached. */
export function registryUnreachable(url: string): Promise<ResponseError> {
  return backendError({
    status: 502,
    statusText: 'Bad Gateway',
    name: 'ServiceUnavailableError',
    message:
      'Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
    url,
  });
}
