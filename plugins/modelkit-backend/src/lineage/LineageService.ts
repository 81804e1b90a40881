import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildLineageGraph,
  ComponentLineageResponse,
  findKitfileLineageReferences,
  LineageWarning,
  ModelKitEntityName,
  ModelKitLineageResponse,
  ModelKitVersion,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import type { ModelKitPolicyService } from '../attestations/ModelKitPolicyService';
import type { DeploymentsService } from '../deployments/DeploymentsService';
import {
  ModelKitRequestOptions,
  ModelKitVersionsService,
  repositoryOf,
} from '../service/ModelKitVersionsService';
import { compact } from '../service/values';
import type { LineageConfig } from './config';
import { readEntitiesAround } from './entitiesAround';
import { LineagePlacements } from './LineagePlacements';
import { readLineageVersion } from './lineageVersion';
import { readLineageProvenance } from './provenance';

/**
 * What the lineage service reads from.
 *
 * @internal
 */
export interface LineageServiceOptions {
  catalog: CatalogService;
  access: ModelKitAccessService;
  versions: ModelKitVersionsService;
  /** The deployment views; without them the graphs show no clusters. */
  deployments?: DeploymentsService;
  /** The attestation cache; without it the graphs show no provenance. */
  policy?: ModelKitPolicyService;
  config: LineageConfig;
  logger: LoggerService;
}

/**
 * Lineage graphs of ModelKits and Components.
 *
 * @remarks
 *
 * Catalog entities are read with the caller's credentials, so only what the caller may see is
 * drawn (other references show as missing). ModelKit routes go through the same
 * `locate` as the versions routes (`catalog.entity.read`, then `kitstage.modelkit.read`);
 * Component lineage checks `kitstage.modelkit.read` on the Component. Kitfiles are read
 * through the registry service, which verifies every digest. Deployment data and provenance
 * are optional: when they cannot be read the graph has a warning instead.
 *
 * @internal
 */
export class LineageService {
  readonly #options: LineageServiceOptions;
  readonly #placements: LineagePlacements;

  constructor(options: LineageServiceOptions) {
    this.#options = options;
    this.#placements = new LineagePlacements(options);
  }

  /** The lineage of a ModelKit as of one version (the newest when none is given). */
  async getModelKitLineage(
    name: ModelKitEntityName,
    query: { version?: string; maxDepth?: number },
    options: ModelKitRequestOptions,
  ): Promise<ModelKitLineageResponse> {
    const { catalog, versions, policy, config } = this.#options;
    const located = await versions.locate(name, options);
    const entityRef = stringifyEntityRef(located.entity);
    const repository = repositoryOf(located);
    const warnings: LineageWarning[] = [];
    const version = await readLineageVersion(
      located,
      query.version,
      warnings,
      options.signal,
    );

    const [entities, provenance, placements] = await Promise.all([
      readEntitiesAround(catalog, [located.entity], options.credentials),
      version && policy
        ? readLineageProvenance(
            policy,
            { entityRef, repository, version, entity: located.entity },
            warnings,
            options.signal,
          )
        : Promise.resolve([]),
      this.#placements.ofModelKit(name, options.credentials, warnings),
    ]);

    const graph = buildLineageGraph({
      root: entityRef,
      entities,
      kitfiles: version
        ? [
            {
              entityRef,
              version: version.reference.startsWith('sha256:')
                ? version.tags[0] ?? version.kitfile.package?.version
                : version.reference,
              digest: version.digest,
              references: findKitfileLineageReferences(version.kitfile),
            },
          ]
        : [],
      provenance,
      placements,
      maxDepth: query.maxDepth,
      maxNodes: config.maxNodes,
    });
    graph.warnings.push(...warnings);
    return {
      entityRef,
      repository,
      ...(version ? { version: summarizeVersion(version) } : {}),
      graph,
    };
  }

  /** The lineage of a Component: the ModelKits it serves, their lineage and its clusters. */
  async getComponentLineage(
    name: ModelKitEntityName,
    query: { maxDepth?: number },
    options: ModelKitRequestOptions,
  ): Promise<ComponentLineageResponse> {
    const { access, catalog, config } = this.#options;
    const component = await access.readEntity(
      { kind: 'Component', ...name },
      {
        credentials: options.credentials,
        permission: modelkitReadPermission,
        purpose: 'read the lineage of',
      },
    );
    const entityRef = stringifyEntityRef(component);
    const warnings: LineageWarning[] = [];
    const [entities, placements] = await Promise.all([
      readEntitiesAround(catalog, [component], options.credentials),
      this.#placements.ofComponent(name, options.credentials, warnings),
    ]);
    const graph = buildLineageGraph({
      root: entityRef,
      entities,
      placements,
      maxDepth: query.maxDepth,
      maxNodes: config.maxNodes,
    });
    graph.warnings.push(...warnings);
    return { entityRef, graph };
  }
}

/** The version a lineage response is drawn for. */
function summarizeVersion(version: ModelKitVersion) {
  return compact({
    reference: version.reference,
    digest: version.digest,
    tags: version.tags,
    version: version.kitfile.package?.version,
  });
}
