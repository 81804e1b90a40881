import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import { readBoundedString, readPath, readString } from './objects';

/** How long a handled reconcile request may be in a view; longer ones are cut. */
const MAX_RECONCILE_REQUEST = 64;

/**
 * Flux `status.lastHandledReconcileAt`: the `reconcile.fluxcd.io/requestedAt` value the
 * controller last handled. Any client may have written the annotation, so it is any string
 * (usually RFC 3339), cut to 64 characters.
 *
 * @internal
 */
export function lastHandledReconcileAt(
  object: KubernetesObjectLike,
): string | undefined {
  return readBoundedString(
    readPath(object.status, 'lastHandledReconcileAt'),
    MAX_RECONCILE_REQUEST,
  );
}

/**
 * Where a Flux Bucket fetches from: `spec.endpoint` and `spec.bucketName` as
 * `<endpoint>/<bucketName>`; undefined for other kinds or when either is missing.
 *
 * @internal
 */
export function bucketUrl(source: KubernetesObjectLike): string | undefined {
  const endpoint = readString(readPath(source.spec, 'endpoint'));
  const bucket = readString(readPath(source.spec, 'bucketName'));
  return source.kind === 'Bucket' && endpoint && bucket
    ? `${endpoint}/${bucket}`
    : undefined;
}
