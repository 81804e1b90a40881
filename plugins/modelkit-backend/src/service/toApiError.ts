import {
  CustomErrorBase,
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  ModelKitError,
  ModelKitErrorReason,
  RegistryError,
  RegistryErrorReason,
} from '@kitstage/plugin-modelkit-node';

/**
 * The registry answered, but not with something the backend can serve: an error status, a
 * refused credential, content that fails verification, or a malformed or oversized document.
 * Answered with HTTP 502.
 *
 * @remarks
 *
 * `@backstage/errors` has no error for 502. Backstage's error middleware takes the status from
 * a `statusCode` property; it is a getter on the prototype, so the response body keeps the
 * usual `{ name, message }` shape.
 *
 * @internal
 */
export class BadGatewayError extends CustomErrorBase {
  name = 'BadGatewayError' as const;

  /** The HTTP status of the response. */
  get statusCode(): number {
    return 502;
  }
}

/** What an API client is told, by the kind of failure. */
type Outcome =
  /** The reference, repository or registry does not exist here: 404. */
  | 'not-found'
  /** The request named something malformed: 400. */
  | 'bad-request'
  /** The registry cannot be reached right now; trying later may work: 503. */
  | 'unavailable'
  /** The registry answered wrongly or served content that cannot be used: 502. */
  | 'bad-gateway';

const REGISTRY_OUTCOMES: Record<RegistryErrorReason, Outcome> = {
  'unknown-registry': 'not-found',
  'not-found': 'not-found',
  // A manifest type no ModelKit uses, such as Docker schema 1: the reference names no ModelKit.
  'unsupported-media-type': 'not-found',
  'invalid-argument': 'bad-request',
  network: 'unavailable',
  timeout: 'unavailable',
  'rate-limited': 'unavailable',
  aborted: 'unavailable',
  // The backend's own registry credentials were refused: a problem of the portal, not the caller.
  unauthorized: 'bad-gateway',
  denied: 'bad-gateway',
  'server-error': 'bad-gateway',
  'http-error': 'bad-gateway',
  truncated: 'bad-gateway',
  'too-large': 'bad-gateway',
  'size-mismatch': 'bad-gateway',
  'digest-mismatch': 'bad-gateway',
  'invalid-response': 'bad-gateway',
  'too-many-pages': 'bad-gateway',
  'too-many-redirects': 'bad-gateway',
  'forbidden-host': 'bad-gateway',
};

const MODELKIT_OUTCOMES: Record<ModelKitErrorReason, Outcome> = {
  'not-a-modelkit': 'not-found',
  'invalid-kitfile': 'bad-gateway',
  'invalid-config': 'bad-gateway',
};

/**
 * Turns the errors of the registry client and the ModelKit reader into the errors of
 * `@backstage/errors` that Backstage's error middleware answers with the right status:
 * `NotFoundError` (404), `InputError` (400), `ServiceUnavailableError` (503) or
 * {@link BadGatewayError} (502). Every `RegistryError` and `ModelKitError` reason has an entry;
 * other errors are returned as they are.
 *
 * @remarks
 *
 * The message is kept: it names the registry, host, repository and reference, and never holds
 * credentials. The original error is not attached as the cause, so that the response body
 * carries no registry internals beyond the message.
 *
 * @internal
 */
export function toApiError(error: unknown): unknown {
  if (RegistryError.is(error)) {
    let outcome = REGISTRY_OUTCOMES[error.reason] ?? 'bad-gateway';
    if (error.reason === 'server-error' && error.status === 503) {
      outcome = 'unavailable';
    }
    return errorFor(outcome, error.message);
  }
  if (ModelKitError.is(error)) {
    return errorFor(
      MODELKIT_OUTCOMES[error.reason] ?? 'bad-gateway',
      error.message,
    );
  }
  return error;
}

function errorFor(outcome: Outcome, message: string): Error {
  switch (outcome) {
    case 'not-found':
      return new NotFoundError(message);
    case 'bad-request':
      return new InputError(message);
    case 'unavailable':
      return new ServiceUnavailableError(message);
    default:
      return new BadGatewayError(message);
  }
}
