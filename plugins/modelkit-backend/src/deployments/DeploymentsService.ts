import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  ComponentDeploymentsResponse,
  FleetDeploymentsQuery,
  ModelKitDeploymentsResponse,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import { ComponentVisibility } from './ComponentVisibility';
import type { DeploymentsConfig } from './config';
import { matcherOfEntity, modelKitInfoOf, summarizeEntity } from './entities';
import { ClusterSnapshotService } from './kubernetes/ClusterSnapshotService';
import { ModelKitResolver } from './modelkits/ModelKitResolver';
import type { DeliveryClusters } from './operate/liveDeliveryObject';
import { ServiceEvaluator } from './ServiceEvaluator';
import { stateOf } from './views/clusterViews';
import { componentDeploymentsView } from './views/componentView';
import { FleetViews, SerializedFleetPage } from './views/fleet/FleetViews';
import { selectFleetComponents } from './views/fleetView';
import {
  findRunningVersions,
  visibleServicesOf,
} from './views/modelKit/findRunningVersions';
import { groupVersions } from './views/modelKit/groupVersions';
import { serviceStatuses } from './views/modelKit/serviceStatuses';

/**
 * What the deployment views read from.
 *
 * @internal
 */
export interface DeploymentsServiceOptions {
  snapshots: ClusterSnapshotService;
  resolver: ModelKitResolver;
  catalog: CatalogService;
  access: ModelKitAccessService;
  auth: AuthService;
  logger: LoggerService;
  config: DeploymentsConfig;
}

/**
 * The deployment health views: per Component, per ModelKit and the fleet matrix, from
 * snapshots of every cluster and catalog entities read with the caller's credentials.
 *
 * @remarks
 *
 * Every view is authorized here, through the plugin's authorization helper, so the routes
 * and the lineage views that use it are held to the same rules: cluster objects are read with
 * Kitstage's own cluster credentials, so the caller needs `kubernetes.resources.read` (the
 * permission the Kubernetes plugin requires to show the same objects), and
 * `kitstage.modelkit.read` on each Component or ModelKit shown. Workloads that belong to a
 * Component the caller cannot see are never listed.
 *
 * @internal
 */
export class DeploymentsService {
  readonly #options: DeploymentsServiceOptions;
  readonly #visibility: ComponentVisibility;
  readonly #evaluator: ServiceEvaluator;
  readonly #fleet = new FleetViews();
  readonly #deliveryClusters: DeliveryClusters;

  constructor(options: DeploymentsServiceOptions) {
    this.#options = options;
    this.#visibility = new ComponentVisibility(options);
    const { snapshots } = options;
    this.#deliveryClusters = {
      getSnapshots: () => snapshots.getSnapshots(),
      hiddenClaimantsOf: (ref, matcher, credentials, read) =>
        this.#visibility.hiddenClaimantsOf(
          ref,
          matcher,
          credentials,
          Promise.resolve(read),
        ),
      getObject: (cluster, path, what) =>
        snapshots.getObject(cluster, path, what),
      patchObject: (cluster, path, patch, what) =>
        snapshots.patchObject(cluster, path, patch, what),
      refresh: (cluster, changed) => snapshots.refresh(cluster, changed),
    };
    this.#evaluator = new ServiceEvaluator(options.resolver, {
      reuseMs: options.config.cacheTtlMs,
    });
  }

  /**
   * The clusters as the actions on delivery objects read and change them: the snapshots every
   * view reads, the Components hidden from a caller as the Component view decides them, and
   * the live reads and patches of the Kubernetes plugin.
   */
  get clusters(): DeliveryClusters {
    return this.#deliveryClusters;
  }

  /**
   * Where a Component runs: one card per cluster.
   *
   * @throws NotFoundError when the caller cannot see the Component; InputError when it names
   *   no Kubernetes objects or its label selector is not valid.
   */
  async getComponentDeployments(
    entityName: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ComponentDeploymentsResponse> {
    const { access, snapshots: clusters } = this.#options;
    const entity = await access.readEntity(
      { kind: 'Component', ...access.parseEntityName(entityName) },
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the deployments of',
      },
    );
    await this.#authorizeClusterReads(credentials);
    const ref = stringifyEntityRef(entity);
    const matcher = matcherOfEntity(entity);
    if (!matcher) {
      throw new InputError(
        `Component ${ref} has neither a ${KUBERNETES_ANNOTATION} nor a ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} annotation, so its objects cannot be found on clusters`,
      );
    }
    const snapshotsRead = clusters.getSnapshots();
    const [snapshots, hidden] = await Promise.all([
      snapshotsRead,
      this.#visibility.hiddenClaimantsOf(
        ref,
        matcher,
        credentials,
        snapshotsRead,
      ),
    ]);
    const evaluated = await this.#evaluator.evaluateAll(
      snapshots.map(snapshot => ({ snapshot, matcher })),
      credentials,
      hidden,
    );
    const view = componentDeploymentsView(
      entity,
      matcher,
      snapshots,
      evaluated,
    );
    // A card shows the data of a stale cluster with the age of it.
    const staleness = new Map(
      snapshots.flatMap(s => (s.stale ? [[s.name, s.stale] as const] : [])),
    );
    for (const card of view.clusters) {
      const stale = staleness.get(card.cluster.name);
      if (stale) card.stale = stale;
    }
    return view;
  }

  /**
   * One page of the services × clusters matrix, filtered by owner, system and status, as the
   * JSON of a `FleetDeploymentsResponse` and its version.
   */
  async getFleet(
    query: FleetDeploymentsQuery,
    credentials: BackstageCredentials,
  ): Promise<SerializedFleetPage> {
    await this.#authorizeClusterReads(credentials);
    const { components, snapshots, hidden } = await this.#readFleet(
      credentials,
    );
    const { selected, facets } = selectFleetComponents(components, query);
    const plan = this.#fleet.plan(selected, snapshots, this.#options.logger);
    const evaluated = await this.#evaluator.evaluateAll(
      plan.jobs,
      credentials,
      hidden,
    );
    return this.#fleet.page(plan, evaluated, snapshots, query, facets);
  }

  /**
   * Where each version of a ModelKit runs.
   *
   * @throws NotFoundError when the caller cannot see the ModelKit; InputError when it names no
   *   repository.
   */
  async getModelKitDeployments(
    entityName: { namespace: string; name: string },
    credentials: BackstageCredentials,
  ): Promise<ModelKitDeploymentsResponse> {
    const { access, resolver } = this.#options;
    const entity = await access.readEntity(
      { kind: 'ModelKit', ...access.parseEntityName(entityName) },
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the deployments of',
      },
    );
    await this.#authorizeClusterReads(credentials);
    const info = modelKitInfoOf(entity, summarizeEntity(entity));
    if (!info) {
      throw new InputError(
        `ModelKit ${stringifyEntityRef(
          entity,
        )} names no OCI repository in spec.repository`,
      );
    }
    // Tags are resolved and policies read in the ModelKit's registry: only for a ModelKit
    // from a configured registry.
    access.requireTrusted(entity);
    const { components, snapshots, hidden } = await this.#readFleet(
      credentials,
    );
    const found = findRunningVersions(
      snapshots,
      info.repository,
      visibleServicesOf(components),
      hidden,
    );
    const statuses = await serviceStatuses(found, jobs =>
      this.#evaluator.evaluateAll(jobs, credentials, hidden),
    );
    const resolved = await resolver.resolve(
      found.map(entry => entry.version),
      new Map([[info.repository.toLowerCase(), info]]),
    );
    const { lifecycle: _lifecycle, ...summary } = info;
    return {
      entity: summary,
      versions: groupVersions(found, resolved, statuses),
      clusters: snapshots.map(stateOf),
      generatedAt: new Date().toISOString(),
    };
  }

  /** Every deployment view needs `kubernetes.resources.read`. */
  async #authorizeClusterReads(credentials: BackstageCredentials) {
    await this.#options.access.authorize(
      credentials,
      kubernetesResourcesReadPermission,
      {
        denied: `Deployment health needs the permission ${kubernetesResourcesReadPermission.name}`,
      },
    );
  }

  /**
   * What the views over many Components read: the Components the caller may see, every
   * cluster's snapshot and the services hidden from the caller.
   */
  async #readFleet(credentials: BackstageCredentials) {
    const [components, snapshots] = await Promise.all([
      this.#visibility.readable(credentials),
      this.#options.snapshots.getSnapshots(),
    ]);
    const hidden = await this.#visibility.hiddenServices(components);
    return { components, snapshots, hidden };
  }
}
