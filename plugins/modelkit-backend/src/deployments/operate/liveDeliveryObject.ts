import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import { ClusterRequestError } from '../kubernetes/ClusterRequestError';
import type { ClusterSnapshot } from '../kubernetes/readClusterSnapshot';
import type { HiddenServices } from '../matching/hiddenWorkloads';
import type { ServiceMatcher } from '../matching/matchService';
import { nameOf, namespaceOf, readString } from '../matching/objects';
import { actionRefusalOf } from './actionRefusals';
import type { FoundDeliveryObject } from './findDeliveryObject';

/**
 * What the actions read and change on clusters (`DeploymentsService.clusters`): the snapshots
 * the views read, which objects on them the views leave out for a caller, one object as the
 * cluster holds it now, and a merge patch, both through the Kubernetes plugin's proxy with the
 * cluster credentials it is configured with.
 *
 * @internal
 */
export interface DeliveryClusters {
  /** A snapshot of every configured cluster. */
  getSnapshots(): Promise<ClusterSnapshot[]>;
  /**
   * The other Components that claim or reach any of a Component's objects on these snapshots
   * and that the caller may not see or read, as the Component's view decides them (see
   * `ComponentVisibility.hiddenClaimantsOf`): their objects are left out of the view, and no
   * action finds them.
   */
  hiddenClaimantsOf(
    componentRef: string,
    matcher: ServiceMatcher,
    credentials: BackstageCredentials,
    snapshots: ClusterSnapshot[],
  ): Promise<HiddenServices>;
  /** One object as the cluster holds it now; throws a `ClusterRequestError`. */
  getObject(cluster: string, path: string, what: string): Promise<unknown>;
  /** Sends a merge patch of one object; throws a `ClusterRequestError`. */
  patchObject(
    cluster: string,
    path: string,
    patch: Record<string, unknown>,
    what: string,
  ): Promise<unknown>;
  /** Makes the next views of a cluster show a change just made. */
  refresh(
    cluster: string,
    changed?: { uid?: string; resourceVersion?: string },
  ): Promise<void>;
}

/** The object an action is sent to, as the cluster holds it now. @internal */
export interface LiveDeliveryObject {
  object: KubernetesObjectLike;
  /** Its `metadata.uid`, checked to be the one of the object the view matched. */
  uid: string;
  /** Its `metadata.resourceVersion`: the patch is refused if the object changed since. */
  resourceVersion: string;
}

/** Turns a cluster's refusal of a request about the object into an API error. */
function apiErrorOf(error: unknown, what: string): unknown {
  if (!(error instanceof ClusterRequestError)) return error;
  if (error.statusCode === 404) return new NotFoundError(error.message);
  if (error.statusCode === 409) {
    return new ConflictError(
      `${what} was not sent: the object changed since it was read; look at it again before acting (${error.message})`,
    );
  }
  if (error.statusCode === 422 && /metadata\.uid/.test(error.message)) {
    return new ConflictError(replacedMessage(what, error.message));
  }
  return new ServiceUnavailableError(error.message, error);
}

function replacedMessage(what: string, detail?: string): string {
  return `${what} was not sent: the object was deleted and created again since it was read; look at it again before acting${
    detail ? ` (${detail})` : ''
  }`;
}

/**
 * Reads the object an action is about as the cluster holds it now, through the same proxy and
 * credentials the patch uses, and checks on it what the snapshot showed: that it is the same
 * object (its uid) and that its own `kitstage.dev/operated-by` annotation still names the
 * Component. A snapshot may be older than a change of either (a watch not yet caught up, a
 * cached list), so neither is trusted from it alone.
 *
 * @throws NotAllowedError when the live object does not name the Component; ConflictError
 *   when it was replaced or has no uid or resource version; NotFoundError when it is gone;
 *   ServiceUnavailableError when the cluster cannot be read.
 * @internal
 */
export async function readLiveDeliveryObject(
  clusters: DeliveryClusters,
  found: FoundDeliveryObject,
  target: { cluster: string; what: string; componentRef: string },
): Promise<LiveDeliveryObject> {
  const { cluster, what, componentRef } = target;
  const seen = readString(found.object.metadata?.uid);
  const name = `${found.object.kind} ${namespaceOf(found.object)}/${nameOf(
    found.object,
  )}`;
  if (!seen) {
    throw new ConflictError(
      `${name} was read without a metadata.uid, so a change could not be held to that object; nothing was sent`,
    );
  }
  let live: KubernetesObjectLike;
  try {
    live = (await clusters.getObject(
      cluster,
      found.path,
      `read ${name} before ${what}`,
    )) as KubernetesObjectLike;
  } catch (error) {
    throw apiErrorOf(error, what);
  }
  const uid = readString(live?.metadata?.uid);
  const resourceVersion = readString(live?.metadata?.resourceVersion);
  if (uid !== seen) throw new ConflictError(replacedMessage(what));
  const refusal = actionRefusalOf(live, cluster, componentRef);
  if (refusal) throw refusal;
  if (!resourceVersion) {
    throw new ConflictError(
      `${name} was read without a metadata.resourceVersion, so a change could not be held to that version; nothing was sent`,
    );
  }
  return { object: live, uid, resourceVersion };
}

/**
 * The merge patch of an action with the object's uid and resource version, as read live, as
 * its preconditions: the API server refuses to change a uid (422), so an object deleted and
 * created again is not patched in its place, and answers 409 Conflict when the resource
 * version is no longer the object's, so a change made since the object was checked (its
 * annotation removed, say) is never patched over.
 *
 * @internal
 */
export function withPreconditions(
  patch: Record<string, unknown>,
  live: LiveDeliveryObject,
): Record<string, unknown> {
  const metadata = (patch.metadata ?? {}) as Record<string, unknown>;
  return {
    ...patch,
    // The preconditions last, so nothing in the patch itself can replace them.
    metadata: {
      ...metadata,
      uid: live.uid,
      resourceVersion: live.resourceVersion,
    },
  };
}

/**
 * Sends the merge patch of an action (see `withPreconditions`).
 *
 * @returns the object as the cluster answers it.
 * @throws ConflictError when a precondition fails; NotFoundError when the object is gone;
 *   ServiceUnavailableError when the cluster refuses the change or cannot be reached.
 * @internal
 */
export async function sendDeliveryPatch(
  clusters: DeliveryClusters,
  target: { cluster: string; path: string; what: string },
  patch: Record<string, unknown>,
): Promise<{ metadata?: { uid?: string; resourceVersion?: string } }> {
  try {
    return (await clusters.patchObject(
      target.cluster,
      target.path,
      patch,
      target.what,
    )) as { metadata?: { uid?: string; resourceVersion?: string } };
  } catch (error) {
    throw apiErrorOf(error, target.what);
  }
}
