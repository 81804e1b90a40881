import type { DeploymentClusterErrorKind } from '@kitstage/plugin-modelkit-common';

/**
 * A failed request to a cluster through the Kubernetes plugin, classified.
 *
 * @internal
 */
export class ClusterRequestError extends Error {
  readonly kind: DeploymentClusterErrorKind;
  readonly statusCode?: number;
  /** The `reason` of a Kubernetes `Status` answer, e.g. `NotFound`, `Forbidden`, `Expired`. */
  readonly reason?: string;

  constructor(options: {
    kind: DeploymentClusterErrorKind;
    message: string;
    statusCode?: number;
    reason?: string;
    cause?: unknown;
  }) {
    super(options.message, { cause: options.cause });
    this.name = 'ClusterRequestError';
    this.kind = options.kind;
    this.statusCode = options.statusCode;
    this.reason = options.reason;
  }
}

const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface KubernetesStatus {
  kind: 'Status';
  message?: string;
  reason?: string;
  code?: number;
}

interface BackstageErrorBody {
  error: {
    name?: string;
    message?: string;
    cause?: { code?: string; message?: string };
  };
}

function isKubernetesStatus(body: unknown): body is KubernetesStatus {
  return (
    typeof body === 'object' &&
    body !== null &&
    (body as { kind?: unknown }).kind === 'Status'
  );
}

function isBackstageError(body: unknown): body is BackstageErrorBody {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { error?: unknown }).error === 'object' &&
    (body as { error?: unknown }).error !== null
  );
}

function clip(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * Classifies a non-2xx answer of the Kubernetes plugin's proxy: either the cluster's own
 * `Status` object, passed through, or a Backstage error raised by the plugin itself (unknown
 * cluster, permission denied, connection failure).
 *
 * @internal
 */
export function classifyResponse(options: {
  cluster: string;
  what: string;
  statusCode: number;
  body: unknown;
  text: string;
}): ClusterRequestError {
  const { cluster, what, statusCode, body } = options;
  if (isKubernetesStatus(body)) {
    const detail = clip(body.message ?? body.reason ?? `HTTP ${statusCode}`);
    let kind: DeploymentClusterErrorKind = 'error';
    let sentence = `Cluster ${cluster} could not ${what}`;
    if (statusCode === 403) {
      kind = 'forbidden';
      sentence = `Cluster ${cluster} forbids Kitstage to ${what}`;
    } else if (statusCode === 401) {
      kind = 'unauthorized';
      sentence = `Cluster ${cluster} rejected the credentials configured under kubernetes.clusterLocatorMethods to ${what}`;
    }
    return new ClusterRequestError({
      kind,
      statusCode,
      reason: body.reason,
      message: `${sentence}: ${detail}`,
    });
  }
  if (isBackstageError(body)) {
    const message = clip(body.error.message ?? body.error.name ?? '');
    const code = body.error.cause?.code;
    if (statusCode === 404 && body.error.name === 'NotFoundError') {
      return new ClusterRequestError({
        kind: 'not-found',
        statusCode,
        message: `The Kubernetes plugin does not know cluster ${cluster}: ${message}`,
      });
    }
    if (statusCode === 403) {
      return new ClusterRequestError({
        kind: 'forbidden',
        statusCode,
        message: `The Kubernetes plugin refused to proxy to cluster ${cluster} (permission kubernetes.proxy): ${message}`,
      });
    }
    if (statusCode === 401) {
      return new ClusterRequestError({
        kind: 'unauthorized',
        statusCode,
        message: `The Kubernetes plugin rejected Kitstage's service credentials: ${message}`,
      });
    }
    if (code && UNREACHABLE_CODES.has(code)) {
      return new ClusterRequestError({
        kind: 'unreachable',
        statusCode,
        message: `Cluster ${cluster} is unreachable: ${clip(
          body.error.cause?.message ?? code,
        )}`,
      });
    }
    return new ClusterRequestError({
      kind: 'error',
      statusCode,
      message: `Cluster ${cluster} could not ${what}: ${message}`,
    });
  }
  return new ClusterRequestError({
    kind: 'error',
    statusCode,
    message: `Cluster ${cluster} could not ${what}: HTTP ${statusCode} ${clip(
      options.text.trim(),
      200,
    )}`.trim(),
  });
}
