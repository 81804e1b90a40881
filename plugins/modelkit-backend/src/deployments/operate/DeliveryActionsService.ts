import {
  AuditorService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
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
import { parse } from '../../service/routeHelpers';
import type { DeliveryActionsConfig } from './config';
import { actionRefusalOf, refusalsByCluster } from './actionRefusals';
import { auditedTarget, deliveryActionBody } from './deliveryActionRequest';
import { deliveryPatchOf } from './deliveryPatches';
import { findDeliveryObject } from './findDeliveryObject';
import {
  DeliveryClusters,
  readLiveDeliveryObject,
  sendDeliveryPatch,
  withPreconditions,
} from './liveDeliveryObject';

/** The audit event of every action on a delivery object. @internal */
export const DELIVERY_ACTION_EVENT = 'modelkit-deployment-action';

/**
 * What the actions on delivery objects need.
 *
 * @internal
 */
export interface DeliveryActionsServiceOptions {
  /**
   * The cluster snapshots the views read, with the Components hidden from a caller as the
   * views decide them; the live reads and patches of the actions go through its Kubernetes
   * plugin client.
   */
  clusters: DeliveryClusters;
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
 * and only on an object Kitstage itself matched to the Component on that cluster that its
 * view shows the caller (one that a Component hidden from the caller reaches is not found, as
 * a missing one; see `findDeliveryObject`) and whose own `kitstage.dev/operated-by` annotation
 * names the Component (anyone may register a Component whose annotations point at another
 * team's objects; see `actionRefusalOf`), checked again on the object as the cluster holds it
 * just before the change (see `readLiveDeliveryObject`); with `componentLocations`, only for a
 * Component registered from one of those catalog locations (see `ComponentLocations`). The
 * change is the one merge patch the controller expects, held to the uid and resource version
 * read, sent through the Kubernetes plugin with the cluster credentials it is configured with.
 * Every action is recorded through the auditor service, with its outcome; then the cluster's
 * snapshot is brought up to date, so the view shows the controller's reaction.
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
    if (!allowed) {
      return {
        ...base,
        permitted: false,
        reason: `Acting on the delivery objects of ${componentRef} needs the permission ${modelkitDeploymentsOperatePermission.name}`,
      };
    }
    const locations = config.componentLocations;
    if (locations) {
      const entity = await access.readEntity(parseEntityRef(componentRef), {
        credentials,
      });
      const reason = locations.refusalOf(entity);
      if (reason) return { ...base, permitted: false, reason };
    }
    return { ...base, permitted: true };
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
   * caller may act on the Component (see `actionRefusalOf`), or that take none (see
   * `actionsNotTakenBy`), so that its view offers no action that would be refused.
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
   * @throws InputError naming what is wrong with the body, or when the object does not take
   *   the action; NotAllowedError when read-only, for a service or a caller without the
   *   permission, for a Component not registered from `componentLocations` (when set), or
   *   when the object's `kitstage.dev/operated-by` annotation, in the snapshot or as the
   *   cluster holds it now, does not name the Component; NotFoundError when the Component is
   *   hidden or the object is not one of its delivery objects on that cluster that its view
   *   shows the caller; ConflictError when an Argo CD operation is running or the object was
   *   replaced or changed since it was read; ServiceUnavailableError when the cluster cannot
   *   be read or refuses the change.
   */
  async run(
    component: { namespace: string; name: string },
    body: DeliveryActionBody,
    credentials: BackstageCredentials,
  ): Promise<DeliveryActionResponse> {
    const { access, auditor, config, clusters } = this.#options;
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
        const notRegistered = config.componentLocations?.refusalOf(entity);
        if (notRegistered) throw new NotAllowedError(notRegistered);
        await access.authorize(credentials, kubernetesResourcesReadPermission, {
          denied: `Acting on delivery objects needs the permission ${kubernetesResourcesReadPermission.name}`,
        });
        const matcher = matcherOfEntity(entity);
        if (!matcher) {
          throw new InputError(
            `Component ${componentRef} has neither a ${KUBERNETES_ANNOTATION} nor a ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} annotation, so it has no delivery objects`,
          );
        }
        const snapshots = await clusters.getSnapshots();
        // Found as the caller's view of the Component finds it: an object that a Component
        // hidden from the caller reaches is not found, as a missing one.
        const hidden = await clusters.hiddenClaimantsOf(
          componentRef,
          matcher,
          credentials,
          snapshots,
        );
        const found = findDeliveryObject(
          snapshots,
          { matcher, hidden },
          request,
          componentRef,
        );
        const refusal = actionRefusalOf(
          found.object,
          request.cluster,
          componentRef,
        );
        if (refusal) throw refusal;
        const what = `${request.action} ${request.kind} ${request.namespace}/${request.name}`;
        // The snapshot may be behind the cluster: the object is read again as the cluster
        // holds it now, checked there, and patched only at that version.
        const live = await readLiveDeliveryObject(clusters, found, {
          cluster: request.cluster,
          what,
          componentRef,
        });
        const now = (this.#options.now ?? (() => new Date()))();
        const { patch: change, effect } = deliveryPatchOf(
          live.object,
          request.action,
          {
            now,
            actor: access.principalOf(credentials),
            prune: config.prune,
          },
        );
        const patch = withPreconditions(change, live);
        Object.assign(meta, { apiVersion: found.apiVersion, effect, patch });
        const changed = await sendDeliveryPatch(
          clusters,
          { cluster: request.cluster, path: found.path, what },
          patch,
        );
        const resourceVersion = changed?.metadata?.resourceVersion;
        if (resourceVersion) meta.resourceVersion = resourceVersion;
        this.#options.logger.info(
          `${meta.actor} did ${what} on cluster ${request.cluster} for ${componentRef}`,
        );
        // The change is made: a snapshot that cannot be brought up to date now only means
        // the view shows it a little later, not that the action failed.
        await clusters
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
}
