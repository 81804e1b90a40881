/**
 * The fields of a Kubernetes `Status` object that a failed request answers with.
 *
 * @internal
 */
export interface StatusBody {
  /** The HTTP status code. */
  code: number;
  /** The machine-readable reason, e.g. `NotFound` or `Forbidden`. */
  reason: string;
  /** The message, worded as the API server words it. */
  message: string;
  /** The kind, group and name the failure is about. */
  details?: Record<string, unknown>;
}

/**
 * Thrown by a request handler to answer with a `Status` object and its status code.
 *
 * @internal
 */
export class StatusError extends Error {
  constructor(readonly body: StatusBody) {
    super(body.message);
  }
}

/**
 * The `Status` object (`kind: Status`, `status: Failure`) the API server answers a failed
 * request with.
 *
 * @internal
 */
export function statusObject(body: StatusBody) {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: body.message,
    reason: body.reason,
    details: body.details ?? {},
    code: body.code,
  };
}

/**
 * The answer to a path the API server does not serve.
 *
 * @internal
 */
export const NOT_FOUND: StatusBody = {
  code: 404,
  reason: 'NotFound',
  message: 'the server could not find the requested resource',
};
