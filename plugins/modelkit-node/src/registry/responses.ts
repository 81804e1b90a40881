import { RegistryConfig } from './configTypes';
import { RegistryError, RegistryErrorReason } from './errors';
import { TransportResponse } from './transportTypes';

/**
 * Turns an unsuccessful registry response into a `RegistryError` whose reason follows the
 * status and whose message quotes the Distribution API error codes of the body.
 *
 * @param what - What was asked for, e.g. `manifest` or `the tag list`.
 * @internal
 */
export function errorForResponse(
  registry: RegistryConfig,
  response: TransportResponse,
  context: { repository?: string; reference?: string },
  what: string,
): RegistryError {
  const { status } = response;
  const { maxRetries } = registry.limits;
  let reason: RegistryErrorReason;
  let detail: string;
  if (status === 401) {
    reason = 'unauthorized';
    detail =
      registry.auth.type === 'anonymous'
        ? `the registry asks for credentials for the ${what} and none are configured (auth in kitstage.registries)`
        : `the registry refused the configured credentials for the ${what}`;
  } else if (status === 403) {
    reason = 'denied';
    detail = `access to the ${what} is denied`;
  } else if (status === 404) {
    reason = 'not-found';
    detail = `${what} not found`;
  } else if (status === 429) {
    reason = 'rate-limited';
    detail = `still rate limited after ${maxRetries} retries`;
  } else if (status >= 500) {
    reason = 'server-error';
    detail = `the registry failed with a server error for the ${what}, also after ${maxRetries} retries`;
  } else {
    reason = 'http-error';
    detail = `unexpected answer for the ${what}`;
  }
  const summary = summarizeErrorBody(response.body);
  return new RegistryError({
    reason,
    registry: registry.name,
    host: response.url.host,
    status,
    detail: summary ? `${detail} (${summary})` : detail,
    ...context,
  });
}

/**
 * A short, printable summary of a Distribution API error body
 * (`{"errors":[{"code":"MANIFEST_UNKNOWN","message":"..."}]}`); other bodies are not quoted.
 *
 * @internal
 */
export function summarizeErrorBody(body: Buffer): string {
  if (body.byteLength === 0) {
    return '';
  }
  let text = '';
  try {
    const json = JSON.parse(body.toString('utf8')) as {
      errors?: Array<{ code?: unknown; message?: unknown }>;
    };
    if (Array.isArray(json.errors)) {
      text = json.errors
        .slice(0, 3)
        .map(e =>
          [e.code, e.message].filter(v => typeof v === 'string').join(': '),
        )
        .join('; ');
    }
  } catch {
    // Not a Distribution API error body.
  }
  return text
    .replace(/[^\x20-\x7e\u00a0-\uffff]+/g, ' ')
    .trim()
    .slice(0, 200);
}
