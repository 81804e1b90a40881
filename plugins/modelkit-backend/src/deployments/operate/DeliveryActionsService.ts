import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  ComponentDeploymentCard,
  DeliveryActionRefusal,
  DeliveryActionResponse,
  DeliveryActionsAvailability,
  FleetActionsAvailability,
  modelkitDeploymentsOperatePermission,
} from '@kitstage/plugin-modelkit-common';
import {
  auditedOperation,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import { matcherOfEntity } from '../entities';
import { nameOf, namespaceOf } from '../matching/objects';
import { parse } from '../../service/routeHelpers';
import { ClusterRequestError } from '../kubernetes/ClusterRequestError';
import { ClusterSnapshotService } from '../kubernetes/ClusterSnapshotService';
import type { DeliveryActionsConfig } from './config';
import { actionRefusalOf, refusalsByCluster } from './actionRefusals';
import { auditedTarget, deliveryActionBody } from './deliveryActionRequest';
import { deliveryPatchOf } from './deliveryPatches';
import { findDeliveryObject, FoundDeliveryObject } from './findDeliveryObject';

/** The audit event of every action on a delivery object. @internal */
export const DELIVERY_ACTION_EVENT = 'modelkit-deployment-action';

/**
 * What the actions on delivery objects need.
 *
 * @internal
 */
export interface DeliveryActionsServiceOptions {
  /** The cluster snapshots the views read; patches go through its Kubernetes plugin client. */
  clusters: ClusterSnapshotService;
  /** The one authorization helper: the Component is read and authorized as the caller. */
  access: ModelKitAccessService;
  /** Records every action, refused, failed or done. */
  auditor: AuditorService;
  config: DeliveryActionsConfig;
  logger: LoggerService;
  now?: () => Date;
}

/**
 * The body of an action request as the router received it: the parsed JSON value, or why it
 * could not be read (not JSON, too long). The service checks it, so that a request refused
 * for its body is audited as every other refusal.
 *
 * @internal
 */
export type DeliveryActionBody = { value: unknown } | { error: string };

const ONLY_WRITERS = 'Only a signed-in user may act on delivery objects';

const READ_ONLY =
  'Actions on delivery objects are turned off: the portal is read-only until kitstage.deployments.actions.enabled is true';

/**
 * Flux reconcile, suspend and resume, and Argo CD refresh and sync, on the delivery objects
 * of a Component, from its Deployments view.
 *
 * @remarks
 * An action is done only when `kitstage.deployments.actions.enabled` is set, for a writer
 * (a user, or a service listed under `kitstage.authorization.servicePrincipals`) who may read
 * the Component and holds `kitstage.deployments.operate` on it and `kubernetes.resources.read`,
 * and only on an object Kitstage itself matched to the Component on that cluster whose own
 * `kitstage.dev/operated-by` annotation names the Component (anyone may register a Component
 * whose annotations point at another team's objects; see `actionRefusalOf`). The change
 * is the one merge patch the controller expects, sent through the Kubernetes plugin with the
 * cluster credentials it is configured with. Every action is recorded through the auditor
 * service, with its outcome; then the cluster's snapshot is brought up to date, so the view
 * shows the controller's reaction.
 *
 * @internal
 */
export class DeliveryActionsService {
  readonly #options: DeliveryActionsServiceOptions;

  constructor(options: DeliveryActionsServiceOptions) {
    this.#options = options;
  }

  /**
   * Whether the fleet page offers actions: enabled, and the caller a writer. The permission
   * on each Component is decided when its delivery objects are opened (see `availability`).
   */
  fleetAvailability(
    credentials: BackstageCredentials,
  ): FleetActionsAvailability {
    if (!this.#options.config.enabled)
      return { offered: false, reason: READ_ONLY };
    return this.#options.access.mayWrite(credentials)
      ? { offered: true }
      : { offered: false, reason: ONLY_WRITERS };
  }

  /** Whether the caller may act on a Component's delivery objects, for its view's cards. */
  async availability(
    componentRef: string,
    credentials: BackstageCredentials,
  ): Promise<DeliveryActionsAvailability> {
    const { config, access } = this.#options;
    const base = { enabled: config.enabled, prune: config.prune };
    if (!config.enabled) {
      return { ...base, permitted: false, reason: READ_ONLY };
    }
    if (!access.mayWrite(credentials)) {
      return { ...base, permitted: false, reason: ONLY_WRITERS };
    }
    const [allowed] = await access.decide(credentials, [
      {
        permission: modelkitDeploymentsOperatePermission,
        resourceRef: componentRef,
      },
    ]);
    return allowed
      ? { ...base, permitted: true }
      : {
          ...base,
          permitted: false,
          reason: `Acting on the delivery objects of ${componentRef} needs the permission ${modelkitDeploymentsOperatePermission.name}`,
        };
  }

  /**
   * The availability on one cluster's card: nothing can be done on a cluster not read, and
   * the objects no action may touch are named with why.
   */
  availabilityOn(
    card: ComponentDeploymentCard,
    available: DeliveryActionsAvailability,
    refused: ReadonlyMap<string, DeliveryActionRefusal[]> = new Map(),
  ): DeliveryActionsAvailability {
    if (!available.permitted) return available;
    if (card.error) {
      return {
        ...available,
        permitted: false,
        reason: `Cluster ${card.cluster.name} cannot be read now`,
      };
    }
    const onCard = refused.get(card.cluster.name);
    return onCard?.length ? { ...available, refused: onCard } : available;
  }

  /**
   * The delivery objects of a Component, by cluster, that no action may touch although the
   * caller may act on the Component (see `actionRefusalOf`), so that its view offers no
   * action that would be refused.
   */
  async refusals(
    componentRef: string,
    cards: readonly ComponentDeploymentCard[],
  ): Promise<Map<string, DeliveryActionRefusal[]>> {
    return refusalsByCluster(
      await this.#options.clusters.getSnapshots(),
      cards,
      componentRef,
    );
  }

  /**
   * Does one action on one delivery object of a Component.
   *
   * @throws InputError naming what is wrong with the body, or when the kind does not take
   *   the action; NotAllowedError when read-only, for a service or a caller without the
   *   permission; NotFoundError when the Component is hidden or the object is not one of its
   *   delivery objects on that cluster; NotAllowedError when the object's
   *   `kitstage.dev/operated-by` annotation does not name the Component; ConflictError when
   *   an Argo CD operation is running or the object was replaced since it was read;
   *   ServiceUnavailableError when
   *   the cluster cannot be read or refuses the change.
   */
  async run(
    component: { namespace: string; name: string },
    body: DeliveryActionBody,
    credentials: BackstageCredentials,
  ): Promise<DeliveryActionResponse> {
    const { access, auditor, config } = this.#options;
    return auditedOperation(
      auditor,
      DELIVERY_ACTION_EVENT,
      {
        actor: access.principalOf(credentials),
        // As requested: a path the catalog's rules refuse is audited as refused too.
        component: `component:${String(component.namespace)}/${String(
          component.name,
        )}`,
        ...auditedTarget('value' in body ? body.value : undefined),
      },
      async meta => {
        if ('error' in body) {
          throw new InputError(`Invalid request body: ${body.error}`);
        }
        const request = parse(deliveryActionBody, body.value, 'request body');
        const name = access.parseEntityName(component);
        if (!config.enabled) throw new NotAllowedError(READ_ONLY);
        access.requireWriter(credentials, 'Acting on delivery objects');
        const entity = await access.readEntity(
          { kind: 'Component', ...name },
          {
            credentials,
            permission: modelkitDeploymentsOperatePermission,
            purpose: 'act on the delivery objects of',
          },
        );
        // The catalog's own reference, whatever case the path used.
        const componentRef = stringifyEntityRef(entity);
        meta.component = componentRef;
        await access.authorize(credentials, kubernetesResourcesReadPermission, {
          denied: `Acting on delivery objects needs the permission ${kubernetesResourcesReadPermission.name}`,
        });
        const matcher = matcherOfEntity(entity);
        if (!matcher) {
          throw new InputError(
            `Component ${componentRef} has neither a ${KUBERNETES_ANNOTATION} nor a ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} annotation, so it has no delivery objects`,
          );
        }
        const found = findDeliveryObject(
          await this.#options.clusters.getSnapshots(),
          matcher,
          request,
          componentRef,
        );
        const refusal = actionRefusalOf(
          found.object,
          request.cluster,
          componentRef,
        );
        if (refusal) throw refusal;
        const now = (this.#options.now ?? (() => new Date()))();
        const { patch, effect } = deliveryPatchOf(
          found.object,
          request.action,
          {
            now,
            actor: access.principalOf(credentials),
            prune: config.prune,
          },
        );
        withUidPrecondition(patch, found);
        Object.assign(meta, { apiVersion: found.apiVersion, effect, patch });
        const what = `${request.action} ${request.kind} ${request.namespace}/${request.name}`;
        const changed = (await this.#patch(
          request.cluster,
          found.path,
          patch,
          what,
        )) as { metadata?: { uid?: string; resourceVersion?: string } };
        const resourceVersion = changed?.metadata?.resourceVersion;
        if (resourceVersion) meta.resourceVersion = resourceVersion;
        this.#options.logger.info(
          `${meta.actor} did ${what} on cluster ${request.cluster} for ${componentRef}`,
        );
        // The change is made: a snapshot that cannot be brought up to date now only means
        // the view shows it a little later, not that the action failed.
        await this.#options.clusters
          .refresh(request.cluster, changed?.metadata)
          .catch(error =>
            this.#options.logger.warn(
              `Cluster ${request.cluster} could not be read again after ${what}: ${error}`,
            ),
          );
        const response: DeliveryActionResponse = {
          action: request.action,
          cluster: request.cluster,
          object: {
            apiVersion: found.apiVersion,
            kind: request.kind,
            namespace: request.namespace,
            name: request.name,
          },
          patch,
          requestedAt: now.toISOString(),
        };
        if (resourceVersion) response.resourceVersion = resourceVersion;
        return response;
      },
    );
  }

  /** Sends the patch, turning the cluster's refusals into API errors. */
  async #patch(
    cluster: string,
    path: string,
    patch: Record<string, unknown>,
    what: string,
  ): Promise<unknown> {
    try {
      return await this.#options.clusters.patchObject(
        cluster,
        path,
        patch,
        what,
      );
    } catch (error) {
      if (!(error instanceof ClusterRequestError)) throw error;
      if (error.statusCode === 404) {
        throw new NotFoundError(error.message);
      }
      if (error.statusCode === 409) {
        throw new ConflictError(error.message);
      }
      if (error.statusCode === 422 && /metadata\.uid/.test(error.message)) {
        throw new ConflictError(
          `${what} was not sent: the object was deleted and created again since it was read; look at it again before acting (${error.message})`,
        );
      }
      throw new ServiceUnavailableError(error.message, error);
    }
  }
}

/**
 * Makes the object's uid a precondition of the patch: the API server refuses to change an
 * object's uid, so an object deleted and created again under the same name since the snapshot
 * was read is not patched in its place.
 */
function withUidPrecondition(
  patch: Record<string, unknown>,
  found: FoundDeliveryObject,
): void {
  const uid = found.object.metadata?.uid;
  if (typeof uid !== 'string' || !uid) {
    throw new ConflictError(
      `${found.object.kind} ${namespaceOf(found.object)}/${nameOf(
        found.object,
      )} was read without a metadata.uid, so a change could not be held to that object; nothing was sent`,
    );
  }
  const metadata = (patch.metadata ?? {}) as Record<string, unknown>;
  patch.metadata = { uid, ...metadata };
}
