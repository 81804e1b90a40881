import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  ComponentDeploymentCard,
  ComponentDeploymentsResponse,
  DeployedModelKit,
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealth,
  DeploymentHealthInput,
  DeploymentHealthStatus,
  evaluateDeploymentHealth,
  FleetCell,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  KubernetesObjectLike,
  ModelKitDeploymentsResponse,
  ModelKitVersionDeployments,
  rollUpHealth,
  RunningModelKit,
  modelkitReadPermission,
  worstHealthStatus,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import { buildDeploymentCommands } from './commands';
import { mapConcurrently } from './concurrency';
import {
  COMPONENT_FIELDS,
  matcherOfEntity,
  normalizeRef,
  summarizeEntity,
} from './entities';
import { ClusterSnapshotService } from './kubernetes/ClusterSnapshotService';
import type { ClusterSnapshot } from './kubernetes/readClusterSnapshot';
import {
  MatchedObjects,
  matchService,
  selectsObject,
  ServiceMatcher,
} from './matching/matchService';
import { labelsOf, namespaceOf, nameOf, refOf } from './matching/objects';
import { KUBERNETES_ID_LABEL, SnapshotIndex } from './matching/SnapshotIndex';
import {
  isLivePod,
  podsOf,
  summarizeDeliveries,
  summarizeWorkloads,
} from './matching/summarize';
import {
  CollectedModelKit,
  collectModelKits,
} from './modelkits/collectModelKits';
import {
  ModelKitEntityInfo,
  ModelKitResolver,
} from './modelkits/ModelKitResolver';
import { HiddenServices } from './matching/hiddenWorkloads';

/** One service on one cluster, evaluated; `matched` is absent when the cluster failed. */
interface ServiceOnCluster {
  matched?: MatchedObjects;
  modelKits: DeployedModelKit[];
  health: DeploymentHealth;
}

function emptyCounts(): Record<DeploymentHealthStatus, number> {
  return Object.fromEntries(
    DEPLOYMENT_HEALTH_PRECEDENCE.map(status => [status, 0]),
  ) as Record<DeploymentHealthStatus, number>;
}

function clusterOf(snapshot: ClusterSnapshot) {
  const { name, title, dashboardUrl } = snapshot;
  return {
    name,
    ...(title ? { title } : {}),
    ...(dashboardUrl ? { dashboardUrl } : {}),
  };
}

function stateOf(snapshot: ClusterSnapshot) {
  const { objects: _objects, ...state } = snapshot;
  return state;
}

/** What the health model reads about a running version. */
function toRunning(modelKit: DeployedModelKit): RunningModelKit {
  const running: RunningModelKit = {
    reference: modelKit.reference,
    pinnedByDigest: modelKit.pinnedByDigest,
  };
  if (modelKit.digest) running.digest = modelKit.digest;
  if (modelKit.policy) {
    running.policy = modelKit.policy.status;
    if (modelKit.policy.message)
      running.policyMessage = modelKit.policy.message;
  }
  const object = modelKit.foundIn[0]?.object;
  if (object) running.object = object;
  return running;
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
  readonly #snapshots: ClusterSnapshotService;
  readonly #resolver: ModelKitResolver;
  readonly #catalog: CatalogService;
  readonly #access: ModelKitAccessService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;

  constructor(options: {
    snapshots: ClusterSnapshotService;
    resolver: ModelKitResolver;
    catalog: CatalogService;
    access: ModelKitAccessService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.#snapshots = options.snapshots;
    this.#resolver = options.resolver;
    this.#catalog = options.catalog;
    this.#access = options.access;
    this.#auth = options.auth;
    this.#logger = options.logger;
  }

  /** Every deployment view needs `kubernetes.resources.read`. */
  async #authorizeClusterReads(credentials: BackstageCredentials) {
    await this.#access.authorize(
      credentials,
      kubernetesResourcesReadPermission,
      {
        denied: `Deployment health needs the permission ${kubernetesResourcesReadPermission.name}`,
      },
    );
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
    const entity = await this.#access.readEntity(
      { kind: 'Component', ...this.#access.parseEntityName(entityName) },
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
    const snapshotsRead = this.#snapshots.getSnapshots();
    const [snapshots, hidden] = await Promise.all([
      snapshotsRead,
      this.#hiddenClaimantsOf(ref, matcher, credentials, snapshotsRead),
    ]);
    const evaluated = await this.#evaluateAll(
      snapshots.map(snapshot => ({ snapshot, matcher })),
      credentials,
      hidden,
    );
    const clusters = snapshots.map((snapshot, i) =>
      this.#card(snapshot, matcher, evaluated[i]),
    );
    return {
      entity: summarizeEntity(entity),
      selector: matcher.selector,
      rollup: rollUpHealth(
        clusters.map(card => ({ key: card.cluster.name, status: card.status })),
      ),
      clusters,
      generatedAt: new Date().toISOString(),
    };
  }

  /** The services × clusters matrix, filtered by owner, system and status. */
  async getFleet(
    query: FleetDeploymentsQuery,
    credentials: BackstageCredentials,
  ): Promise<FleetDeploymentsResponse> {
    await this.#authorizeClusterReads(credentials);
    const [components, snapshots] = await Promise.all([
      this.#readableComponents(credentials),
      this.#snapshots.getSnapshots(),
    ]);
    const hidden = await this.#hiddenServices(components);
    const owners = new Set<string>();
    const systems = new Set<string>();
    const summaries = components.map(entity => {
      const summary = summarizeEntity(entity);
      if (summary.owner) owners.add(summary.owner);
      if (summary.system) systems.add(summary.system);
      return { entity, summary };
    });
    const ownerFilter = query.owner?.map(o => normalizeRef(o, 'group'));
    const systemFilter = query.system?.map(s => normalizeRef(s, 'system'));
    const selected = summaries.filter(
      ({ summary }) =>
        (!ownerFilter?.length ||
          (summary.owner &&
            ownerFilter.includes(summary.owner.toLocaleLowerCase('en-US')))) &&
        (!systemFilter?.length ||
          (summary.system &&
            systemFilter.includes(summary.system.toLocaleLowerCase('en-US')))),
    );

    const rows: FleetServiceRow[] = [];
    const jobs: Array<{ snapshot: ClusterSnapshot; matcher: ServiceMatcher }> =
      [];
    const rowJobs: Array<{ row: FleetServiceRow; first: number } | undefined> =
      [];
    for (const { entity, summary } of selected) {
      const row: FleetServiceRow = {
        entity: summary,
        status: 'unknown',
        cells: [],
      };
      rows.push(row);
      let matcher: ServiceMatcher | undefined;
      try {
        matcher = matcherOfEntity(entity);
      } catch (error) {
        row.selectorError = (error as Error).message;
        this.#logger.warn(row.selectorError);
      }
      if (!matcher) {
        row.cells = snapshots.map(snapshot => ({
          cluster: snapshot.name,
          status: 'unknown' as const,
          reasonCount: 0,
          modelKits: [],
        }));
        rowJobs.push(undefined);
        continue;
      }
      rowJobs.push({ row, first: jobs.length });
      for (const snapshot of snapshots) jobs.push({ snapshot, matcher });
    }
    const evaluated = await this.#evaluateAll(jobs, credentials, hidden);
    rowJobs.forEach(entry => {
      if (!entry) return;
      entry.row.cells = snapshots.map((snapshot, c) =>
        this.#cell(snapshot, evaluated[entry.first + c]),
      );
    });

    const counts = { services: emptyCounts(), cells: emptyCounts() };
    for (const row of rows) {
      row.status = row.selectorError
        ? 'unknown'
        : worstHealthStatus(row.cells.map(cell => cell.status));
      counts.services[row.status] += 1;
      for (const cell of row.cells) counts.cells[cell.status] += 1;
    }
    const statusFilter = query.status?.length
      ? new Set(query.status)
      : undefined;
    const listed = rows
      .filter(row => !statusFilter || statusFilter.has(row.status))
      .sort((a, b) => a.entity.ref.localeCompare(b.entity.ref));
    return {
      clusters: snapshots.map((snapshot, c) => ({
        ...stateOf(snapshot),
        rollup: rollUpHealth(
          listed.map(row => ({
            key: row.entity.ref,
            status: row.cells[c].status,
          })),
        ),
      })),
      services: listed,
      counts,
      total: rows.length,
      facets: { owners: [...owners].sort(), systems: [...systems].sort() },
      generatedAt: new Date().toISOString(),
    };
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
    const entity = await this.#access.readEntity(
      { kind: 'ModelKit', ...this.#access.parseEntityName(entityName) },
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the deployments of',
      },
    );
    await this.#authorizeClusterReads(credentials);
    const ref = stringifyEntityRef(entity);
    const repository =
      typeof entity.spec?.repository === 'string'
        ? entity.spec.repository
        : entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
    if (!repository) {
      throw new InputError(
        `ModelKit ${ref} names no OCI repository in spec.repository`,
      );
    }
    // Tags are resolved and policies read in the ModelKit's registry: only for a ModelKit
    // from a configured registry.
    this.#access.requireTrusted(entity);
    const summary = summarizeEntity(entity);
    const info: ModelKitEntityInfo = {
      ...summary,
      repository,
      ...(typeof entity.spec?.lifecycle === 'string'
        ? { lifecycle: entity.spec.lifecycle }
        : {}),
    };
    const entities = new Map([[repository.toLowerCase(), info]]);
    const [components, snapshots] = await Promise.all([
      this.#readableComponents(credentials),
      this.#snapshots.getSnapshots(),
    ]);
    const hidden = await this.#hiddenServices(components);
    const services = components.flatMap(component => {
      try {
        const matcher = matcherOfEntity(component);
        return matcher
          ? [{ matcher, summary: summarizeEntity(component) }]
          : [];
      } catch {
        return [];
      }
    });

    const wanted = repository.toLowerCase();
    const found: Array<{
      snapshot: ClusterSnapshot;
      workload: KubernetesObjectLike;
      version: CollectedModelKit;
      service?: (typeof services)[number];
      kubernetesId?: string;
    }> = [];
    for (const snapshot of snapshots) {
      if (snapshot.error) continue;
      for (const { workload, objects } of workloadsOf(snapshot)) {
        for (const version of collectModelKits(objects)) {
          if (version.repository.toLowerCase() !== wanted) continue;
          const labels = labelsOf(workload);
          const kubernetesId = labels?.[KUBERNETES_ID_LABEL];
          const service = services.find(({ matcher }) =>
            selectsObject(matcher, workload),
          );
          // A workload that a Component the caller cannot see selects is not shown at all,
          // even when a visible Component selects it too.
          if (hidden.claimantsOf(workload).length > 0) {
            continue;
          }
          found.push({
            snapshot,
            workload,
            version,
            ...(service ? { service } : {}),
            ...(kubernetesId ? { kubernetesId } : {}),
          });
        }
      }
    }

    // The health of each service on each cluster, evaluated once.
    const serviceJobs = new Map<
      string,
      { snapshot: ClusterSnapshot; matcher: ServiceMatcher }
    >();
    const serviceKey = (entry: (typeof found)[number]) => {
      if (entry.service) {
        return `${entry.snapshot.name}\u0000${entry.service.summary.ref}`;
      }
      return entry.kubernetesId
        ? `${entry.snapshot.name}\u0000id:${entry.kubernetesId}`
        : undefined;
    };
    for (const entry of found) {
      const key = serviceKey(entry);
      if (key && !serviceJobs.has(key)) {
        serviceJobs.set(key, {
          snapshot: entry.snapshot,
          matcher: entry.service?.matcher ?? {
            selector: { kubernetesId: entry.kubernetesId },
          },
        });
      }
    }
    const keys = [...serviceJobs.keys()];
    const statuses = new Map<string, DeploymentHealthStatus>();
    (
      await this.#evaluateAll([...serviceJobs.values()], credentials, hidden)
    ).forEach((evaluated, i) => statuses.set(keys[i], evaluated.health.status));

    const resolved = await this.#resolver.resolve(
      found.map(entry => entry.version),
      entities,
    );
    const versions = new Map<string, ModelKitVersionDeployments>();
    found.forEach((entry, i) => {
      const modelKit = resolved[i];
      const versionKey = modelKit.digest ?? entry.version.key;
      let version = versions.get(versionKey);
      if (!version) {
        version = {
          tags: [],
          references: [],
          deployments: [],
          ...(modelKit.digest ? { digest: modelKit.digest } : {}),
          ...(modelKit.policy ? { policy: modelKit.policy } : {}),
          ...(modelKit.resolveError
            ? { resolveError: modelKit.resolveError }
            : {}),
        };
        versions.set(versionKey, version);
      }
      if (modelKit.tag && !version.tags.includes(modelKit.tag)) {
        version.tags.push(modelKit.tag);
      }
      if (!version.references.includes(modelKit.reference)) {
        version.references.push(modelKit.reference);
      }
      const key = serviceKey(entry);
      const status = key ? statuses.get(key) : undefined;
      version.deployments.push({
        cluster: clusterOf(entry.snapshot),
        ...(entry.service ? { component: entry.service.summary } : {}),
        ...(entry.kubernetesId ? { kubernetesId: entry.kubernetesId } : {}),
        workload: refOf(entry.workload),
        ...(status ? { status } : {}),
        pods: modelKit.pods,
        ...(modelKit.trafficPercent !== undefined
          ? { trafficPercent: modelKit.trafficPercent }
          : {}),
        pinnedByDigest: modelKit.pinnedByDigest,
      });
    });
    return {
      entity: { ...summary, repository },
      versions: [...versions.values()].sort(
        (a, b) =>
          b.deployments.length - a.deployments.length ||
          (a.tags[0] ?? a.digest ?? '').localeCompare(
            b.tags[0] ?? b.digest ?? '',
          ),
      ),
      clusters: snapshots.map(stateOf),
      generatedAt: new Date().toISOString(),
    };
  }

  /**
   * Components with deployment annotations that the caller may see and whose Kitstage data
   * (`kitstage.modelkit.read`) the caller may read.
   */
  async #readableComponents(
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const components = await this.#components(credentials);
    const allowed = await this.#access.decide(
      credentials,
      components.map(entity => ({
        permission: modelkitReadPermission,
        resourceRef: stringifyEntityRef(entity),
      })),
    );
    return components.filter((_, i) => allowed[i]);
  }

  /**
   * The Components with deployment annotations that the caller may not see or read, given
   * those it may. They are listed with Kitstage's own credentials for one purpose only: to
   * leave their workloads out of what the caller is shown.
   */
  async #hiddenServices(readable: Entity[]): Promise<HiddenServices> {
    const all = await this.#components(
      await this.#auth.getOwnServiceCredentials(),
    );
    const shown = new Set(readable.map(entity => stringifyEntityRef(entity)));
    return new HiddenServices(
      all.flatMap(entity =>
        shown.has(stringifyEntityRef(entity))
          ? []
          : this.#matcherOrNone(entity),
      ),
    );
  }

  /**
   * For one Component's view: the other Components that select any of its workloads and that
   * the caller may not see or read. Only those few are decided as the caller.
   */
  async #hiddenClaimantsOf(
    ref: string,
    matcher: ServiceMatcher,
    credentials: BackstageCredentials,
    snapshotsRead: Promise<ClusterSnapshot[]>,
  ): Promise<HiddenServices> {
    const others = (
      await this.#components(await this.#auth.getOwnServiceCredentials())
    ).filter(entity => stringifyEntityRef(entity) !== ref);
    const byMatcher = new Map<ServiceMatcher, Entity>();
    for (const entity of others) {
      for (const m of this.#matcherOrNone(entity)) byMatcher.set(m, entity);
    }
    const candidates = new HiddenServices([...byMatcher.keys()]);
    if (candidates.empty) return candidates;
    const snapshots = await snapshotsRead;
    const claimants = new Set<ServiceMatcher>();
    for (const snapshot of snapshots) {
      if (snapshot.error) continue;
      const matched = matchService(SnapshotIndex.of(snapshot), matcher);
      for (const objects of Object.values(matched)) {
        for (const object of objects) {
          for (const c of candidates.claimantsOf(object)) claimants.add(c);
        }
      }
    }
    if (claimants.size === 0) return new HiddenServices([]);
    const entities = [...claimants].map(m => byMatcher.get(m)!);
    const refs = entities.map(entity => stringifyEntityRef(entity));
    const { items } = await this.#catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const visible = refs.filter((_, i) => items[i]);
    const allowed = await this.#access.decide(
      credentials,
      visible.map(resourceRef => ({
        permission: modelkitReadPermission,
        resourceRef,
      })),
    );
    const readable = new Set(visible.filter((_, i) => allowed[i]));
    return new HiddenServices(
      [...claimants].filter(
        m => !readable.has(stringifyEntityRef(byMatcher.get(m)!)),
      ),
    );
  }

  #matcherOrNone(entity: Entity): ServiceMatcher[] {
    try {
      const matcher = matcherOfEntity(entity);
      return matcher ? [matcher] : [];
    } catch {
      return [];
    }
  }

  /** Components with deployment annotations, as the given credentials see them. */
  async #components(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: [
          {
            kind: 'Component',
            [`metadata.annotations.${KUBERNETES_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            kind: 'Component',
            [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: COMPONENT_FIELDS,
      },
      { credentials },
    );
    return items;
  }

  /**
   * Matches, resolves and evaluates services on clusters. The ModelKit entities are looked up
   * once, and only when a ModelKit was found.
   */
  async #evaluateAll(
    jobs: Array<{ snapshot: ClusterSnapshot; matcher: ServiceMatcher }>,
    credentials: BackstageCredentials,
    hidden: HiddenServices,
  ): Promise<ServiceOnCluster[]> {
    const prepared = jobs.map(({ snapshot, matcher }) => {
      if (snapshot.error) {
        return undefined;
      }
      const matched = hidden.withoutHidden(
        snapshot,
        matchService(SnapshotIndex.of(snapshot), matcher),
      );
      return { matched, collected: collectModelKits(matched) };
    });
    const entities = prepared.some(p => p && p.collected.length > 0)
      ? await this.#resolver.lookupEntities(credentials)
      : new Map<string, ModelKitEntityInfo>();
    return mapConcurrently(prepared, 16, async entry => {
      if (!entry) {
        return {
          modelKits: [],
          health: { status: 'unknown', reasons: [] },
        };
      }
      const modelKits = await this.#resolver.resolve(entry.collected, entities);
      // Objects come straight from the API; the health model reads every field defensively.
      const health = evaluateDeploymentHealth({
        ...entry.matched,
        modelKits: modelKits.map(toRunning),
      } as DeploymentHealthInput);
      return { matched: entry.matched, modelKits, health };
    });
  }

  #card(
    snapshot: ClusterSnapshot,
    matcher: ServiceMatcher,
    evaluated: ServiceOnCluster,
  ): ComponentDeploymentCard {
    const base = {
      cluster: clusterOf(snapshot),
      warnings: snapshot.warnings,
      ...(snapshot.observedAt ? { observedAt: snapshot.observedAt } : {}),
    };
    if (snapshot.error || !evaluated.matched) {
      return {
        ...base,
        status: 'unknown',
        reasons: [],
        ...(snapshot.error ? { error: snapshot.error } : {}),
        deliveries: [],
        workloads: [],
        modelKits: [],
        commands: [],
      };
    }
    const deliveries = summarizeDeliveries(evaluated.matched);
    const workloads = summarizeWorkloads(evaluated.matched);
    return {
      ...base,
      status: evaluated.health.status,
      reasons: evaluated.health.reasons,
      deliveries,
      workloads,
      modelKits: evaluated.modelKits,
      commands:
        evaluated.health.status === 'not-deployed'
          ? []
          : buildDeploymentCommands({
              selector: matcher.selector,
              deliveries,
              workloads,
            }),
    };
  }

  #cell(snapshot: ClusterSnapshot, evaluated: ServiceOnCluster): FleetCell {
    if (snapshot.error) {
      return {
        cluster: snapshot.name,
        status: 'unknown',
        reasonCount: 0,
        modelKits: [],
        clusterError: true,
      };
    }
    const { health, modelKits } = evaluated;
    const cell: FleetCell = {
      cluster: snapshot.name,
      status: health.status,
      reasonCount: health.reasons.length,
      modelKits: modelKits.map(modelKit => ({
        repository: modelKit.repository,
        pinnedByDigest: modelKit.pinnedByDigest,
        ...(modelKit.tag ? { tag: modelKit.tag } : {}),
        ...(modelKit.digest ? { digest: modelKit.digest } : {}),
        ...(modelKit.policy ? { policy: modelKit.policy.status } : {}),
      })),
    };
    if (health.reasons[0]) cell.topReason = health.reasons[0];
    return cell;
  }
}

/**
 * The workloads of a cluster with the objects that belong to each: a Deployment with its
 * ReplicaSets and their Pods, an InferenceService with its predictor Pods.
 */
function workloadsOf(
  snapshot: ClusterSnapshot,
): Array<{ workload: KubernetesObjectLike; objects: MatchedObjects }> {
  const index = SnapshotIndex.of(snapshot);
  const empty = () =>
    Object.fromEntries(
      Object.keys(snapshot.objects).map(id => [id, []]),
    ) as unknown as MatchedObjects;
  const result: Array<{
    workload: KubernetesObjectLike;
    objects: MatchedObjects;
  }> = [];
  for (const deployment of snapshot.objects.deployments) {
    const objects = empty();
    objects.deployments = [deployment];
    objects.replicaSets = index
      .owned(deployment)
      .filter(o => o.kind === 'ReplicaSet');
    objects.pods = objects.replicaSets.flatMap(rs =>
      index.owned(rs).filter(o => o.kind === 'Pod' && isLivePod(o)),
    );
    result.push({ workload: deployment, objects });
  }
  for (const service of snapshot.objects.inferenceServices) {
    const objects = empty();
    objects.inferenceServices = [service];
    objects.pods = podsOf(
      { ...objects, pods: snapshot.objects.pods },
      service,
    ).filter(isLivePod);
    result.push({ workload: service, objects });
  }
  return result.sort((a, b) =>
    `${namespaceOf(a.workload)}/${nameOf(a.workload)}`.localeCompare(
      `${namespaceOf(b.workload)}/${nameOf(b.workload)}`,
    ),
  );
}
