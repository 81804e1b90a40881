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
  DeliveryActionRequest,
  DeliveryActionResponse,
  DeliveryActionsAvailability,
  modelkitDeploymentsOperatePermission,
} from '@kitstage/plugin-modelkit-common';
import {
  auditedOperation,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import type { ComponentVisibility } from '../ComponentVisibility';
import { matcherOfEntity } from '../entities';
import { ClusterRequestError } from '../kubernetes/ClusterRequestError';
import { ClusterSnapshotService } from '../kubernetes/ClusterSnapshotService';
import type { DeliveryActionsConfig } from './config';
import { deliveryPatchOf } from './deliveryPatches';
import { findDeliveryObject } from './findDeliveryObject';
import { requireNarrowSelector, requireSoleClaimant } from './soleClaimant';

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
  /** Lists every Component, to refuse an object that more than one Component claims. */
  visibility: ComponentVisibility;
  /** Records every action, refused, failed or done. */
  auditor: AuditorService;
  config: DeliveryActionsConfig;
  logger: LoggerService;
  now?: () => Date;
}

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
 * and only on an object Kitstage itself matched to the Component on that cluster and to no
 * other Component in the catalog (a Component anyone registers with another team's
 * `backstage.io/kubernetes-id` must not act on that team's objects). The change
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
      return {
        ...base,
        permitted: false,
        reason: 'Only a signed-in user may act on delivery objects',
      };
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

  /** The availability on one cluster's card: nothing can be done on a cluster not read. */
  availabilityOn(
    card: ComponentDeploymentCard,
    available: DeliveryActionsAvailability,
  ): DeliveryActionsAvailability {
    if (!available.permitted || !card.error) return available;
    return {
      ...available,
      permitted: false,
      reason: `Cluster ${card.cluster.name} cannot be read now`,
    };
  }

  /**
   * Does one action on one delivery object of a Component.
   *
   * @throws NotAllowedError when read-only, for a service or a caller without the
   *   permission; NotFoundError when the Component is hidden or the object is not one of its
   *   delivery objects on that cluster; InputError when the kind does not take the action;
   *   NotAllowedError when the Component's label selector selects more than one service;
   *   ConflictError when another Component claims the object too, or an Argo CD operation
   *   is running; ServiceUnavailableError when the cluster cannot be read or refuses the
   *   change.
   */
  async run(
    component: { namespace: string; name: string },
    request: DeliveryActionRequest,
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
        cluster: request.cluster,
        object: `${request.kind} ${request.namespace}/${request.name}`,
        action: request.action,
      },
      async meta => {
        const name = access.parseEntityName(component);
        const componentRef = stringifyEntityRef({ kind: 'Component', ...name });
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
        await access.authorize(credentials, kubernetesResourcesReadPermission, {
          denied: `Acting on delivery objects needs the permission ${kubernetesResourcesReadPermission.name}`,
        });
        const matcher = matcherOfEntity(entity);
        if (!matcher) {
          throw new InputError(
            `Component ${componentRef} has neither a ${KUBERNETES_ANNOTATION} nor a ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} annotation, so it has no delivery objects`,
          );
        }
        const [snapshots, all] = await Promise.all([
          this.#options.clusters.getSnapshots(),
          this.#options.visibility.allServices(),
        ]);
        const found = findDeliveryObject(
          snapshots,
          matcher,
          request,
          componentRef,
        );
        requireNarrowSelector(found, matcher, componentRef);
        requireSoleClaimant(found, stringifyEntityRef(entity), all);
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
        await this.#options.clusters.refresh(
          request.cluster,
          changed?.metadata,
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
      throw new ServiceUnavailableError(error.message, error);
    }
  }
}
