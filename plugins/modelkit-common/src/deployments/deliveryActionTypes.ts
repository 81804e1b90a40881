import type { DeploymentObjectRef } from './objectTypes';

/**
 * What can be done to a delivery object from the Deployments view: Flux `reconcile`,
 * `suspend` and `resume` (Kustomization, HelmRelease and their GitRepository,
 * OCIRepository, HelmRepository or Bucket), Argo CD `refresh` and `sync` (Application).
 *
 * @public
 */
export type DeliveryActionName =
  | 'reconcile'
  | 'suspend'
  | 'resume'
  | 'refresh'
  | 'sync';

/**
 * The kinds of delivery objects that can be operated, and the actions each takes.
 *
 * @public
 */
export const DELIVERY_ACTIONS_BY_KIND: Readonly<
  Record<string, readonly DeliveryActionName[]>
> = Object.freeze({
  Kustomization: ['reconcile', 'suspend', 'resume'],
  HelmRelease: ['reconcile', 'suspend', 'resume'],
  GitRepository: ['reconcile', 'suspend', 'resume'],
  OCIRepository: ['reconcile', 'suspend', 'resume'],
  HelmRepository: ['reconcile', 'suspend', 'resume'],
  Bucket: ['reconcile', 'suspend', 'resume'],
  Application: ['refresh', 'sync'],
});

/**
 * Body of `POST /deployments/components/:namespace/:name/actions`: one action on one
 * delivery object of the Component on one cluster. The backend acts only on an object it
 * matched to the Component itself.
 *
 * @public
 */
export interface DeliveryActionRequest {
  /** The cluster's name, as the Kubernetes plugin knows it. */
  cluster: string;
  /**
   * The object's kind: `Kustomization`, `HelmRelease`, `GitRepository`, `OCIRepository`,
   * `HelmRepository`, `Bucket` or `Application`.
   */
  kind: string;
  /** The object's namespace. */
  namespace: string;
  /** The object's name. */
  name: string;
  /** What to do. */
  action: DeliveryActionName;
}

/**
 * Response of `POST /deployments/components/:namespace/:name/actions`: what was sent to the
 * cluster.
 *
 * @public
 */
export interface DeliveryActionResponse {
  /** The action done. */
  action: DeliveryActionName;
  /** The cluster it was sent to. */
  cluster: string;
  /** The object changed, with its API version. */
  object: DeploymentObjectRef;
  /** The JSON merge patch sent to the object. */
  patch: Record<string, unknown>;
  /** The object's `metadata.resourceVersion` after the change, when the cluster said. */
  resourceVersion?: string;
  /** When the action was sent (ISO 8601). */
  requestedAt: string;
}

/**
 * Whether the caller may act on a Component's delivery objects, in its deployments response.
 *
 * @public
 */
export interface DeliveryActionsAvailability {
  /** Whether `kitstage.deployments.actions.enabled` is set; the portal is read-only otherwise. */
  enabled: boolean;
  /**
   * Whether the caller may operate this Component's delivery objects: actions are enabled,
   * the caller is a writer and holds `kitstage.deployments.operate` on the Component.
   */
  permitted: boolean;
  /** Whether an Argo CD sync prunes resources no longer in Git (`kitstage.deployments.actions.prune`). */
  prune: boolean;
  /** Why the caller may not act, when `permitted` is false. */
  reason?: string;
  /**
   * The delivery objects on this card that take no action although the caller may act on
   * the Component's others, each with why (another Component claims it too, or only the
   * Component's own annotation links it); only when `permitted`.
   */
  refused?: DeliveryActionRefusal[];
}

/**
 * A delivery object of a Component that no action may touch, and why.
 *
 * @public
 */
export interface DeliveryActionRefusal {
  /** The object, by kind, namespace and name. */
  object: DeploymentObjectRef;
  /** Why no action may touch it, in words for the person who would act. */
  reason: string;
}
