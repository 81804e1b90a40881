import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildLineageGraph,
  ComponentLineageResponse,
  findKitfileLineageReferences,
  Kitfile,
  LineageEntity,
  LineagePlacementInput,
  LineageProvenanceInput,
  LineageWarning,
  MODELKIT_KIND,
  ModelKitEntityName,
  ModelKitLineageResponse,
  ModelKitModelCardDescriptions,
  ModelKitModelCardResponse,
  ModelKitVersion,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import {
  findModelCardInLayer,
  getModelKitVersion,
  listModelKitVersions,
  ModelKitAccessService,
  RegistryError,
  restrictModelCardImages,
} from '@kitstage/plugin-modelkit-node';
import type { DeploymentsService } from '../deployments/DeploymentsService';
import type { ModelKitPolicyService } from '../attestations/ModelKitPolicyService';
import type {
  ModelKitRequestOptions,
  ModelKitVersionsService,
} from '../service/ModelKitVersionsService';
import type { LineageConfig } from './config';

const ENTITY_FIELDS = [
  'apiVersion',
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec',
  'relations',
];

function messageOf(error: unknown): string {
  return isError(error) ? error.message : String(error);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value ? value : undefined;
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}

/** The descriptive fields of a Kitfile: the model card's fallback. */
export function kitfileDescriptions(
  kitfile: Kitfile,
): ModelKitModelCardDescriptions {
  const list = (value: unknown) =>
    Array.isArray(value)
      ? value.filter(
          (item): item is Record<string, unknown> =>
            !!item && typeof item === 'object',
        )
      : [];
  const pkg = kitfile.package;
  const model = kitfile.model;
  const authors = Array.isArray(pkg?.authors)
    ? pkg!.authors.filter((a): a is string => typeof a === 'string')
    : undefined;
  return compact({
    package: pkg
      ? compact({
          name: text(pkg.name),
          version: text(pkg.version),
          description: text(pkg.description),
          license: text(pkg.license),
          authors: authors?.length ? authors : undefined,
        })
      : undefined,
    model: model
      ? compact({
          name: text(model.name),
          path: text(model.path),
          framework: text(model.framework),
          version: text(model.version),
          description: text(model.description),
          license: text(model.license),
        })
      : undefined,
    datasets: list(kitfile.datasets).map(d =>
      compact({
        name: text(d.name),
        path: text(d.path),
        description: text(d.description),
        license: text(d.license),
      }),
    ),
    code: list(kitfile.code).map(c =>
      compact({
        path: text(c.path),
        description: text(c.description),
        license: text(c.license),
      }),
    ),
    docs: list(kitfile.docs).map(d =>
      compact({ path: text(d.path), description: text(d.description) }),
    ),
  });
}

/**
 * Lineage graphs of ModelKits and Components, and model cards of ModelKit versions.
 *
 * @remarks
 *
 * Catalog entities are read with the caller's credentials, so only what the caller may see is
 * drawn (other references show as missing). ModelKit routes go through the same
 * `locate` as the versions routes (`catalog.entity.read`, then `kitstage.modelkit.read`);
 * Component lineage checks `kitstage.modelkit.read` on the Component. Kitfiles and docs layers
 * are read through the registry service, which verifies every digest. Deployment data and
 * provenance are optional: when they cannot be read the graph has a warning instead.
 *
 * @internal
 */
export class LineageService {
  readonly #catalog: CatalogService;
  readonly #access: ModelKitAccessService;
  readonly #versions: ModelKitVersionsService;
  readonly #deployments?: DeploymentsService;
  readonly #policy?: ModelKitPolicyService;
  readonly #config: LineageConfig;
  readonly #logger: LoggerService;

  constructor(options: {
    catalog: CatalogService;
    access: ModelKitAccessService;
    versions: ModelKitVersionsService;
    deployments?: DeploymentsService;
    policy?: ModelKitPolicyService;
    config: LineageConfig;
    logger: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#access = options.access;
    this.#versions = options.versions;
    this.#deployments = options.deployments;
    this.#policy = options.policy;
    this.#config = options.config;
    this.#logger = options.logger;
  }

  /** The lineage of a ModelKit as of one version (the newest when none is given). */
  async getModelKitLineage(
    name: ModelKitEntityName,
    query: { version?: string; maxDepth?: number },
    options: ModelKitRequestOptions,
  ): Promise<ModelKitLineageResponse> {
    const located = await this.#versions.locate(name, options);
    const entityRef = stringifyEntityRef(located.entity);
    const repository = `${located.source.host}/${located.repository}`;
    const warnings: LineageWarning[] = [];

    let version: ModelKitVersion | undefined;
    if (query.version) {
      // A version asked for by name must exist: its errors are the caller's answer.
      version = await getModelKitVersion(
        located.source,
        located.repository,
        query.version,
        { resolveTags: true, signal: options.signal },
      );
    } else {
      try {
        const page = await listModelKitVersions(
          located.source,
          located.repository,
          { limit: 1, signal: options.signal },
        );
        const newest = page.items[0];
        if (newest) {
          version = await getModelKitVersion(
            located.source,
            located.repository,
            newest.digest,
            { resolveTags: true, signal: options.signal },
          );
          // Name it by a release tag rather than `latest`, which moves.
          const reference =
            newest.tags.find(tag => tag !== 'latest') ??
            newest.tags[0] ??
            newest.digest;
          version = { ...version, reference };
        } else {
          warnings.push({
            code: 'kitfile-unavailable',
            message: `${repository} has no ModelKit version yet, so no Kitfile references are shown`,
          });
        }
      } catch (error) {
        warnings.push({
          code: 'kitfile-unavailable',
          message: `The newest Kitfile of ${repository} could not be read: ${messageOf(
            error,
          )}`,
        });
      }
    }

    const [entities, provenance, placements] = await Promise.all([
      this.#entitiesAround([located.entity], options.credentials),
      version
        ? this.#provenance(
            entityRef,
            repository,
            version,
            located.entity,
            warnings,
            options,
          )
        : Promise.resolve([]),
      this.#modelKitPlacements(name, options.credentials, warnings),
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
      maxNodes: this.#config.maxNodes,
    });
    graph.warnings.push(...warnings);
    return {
      entityRef,
      repository,
      ...(version
        ? {
            version: compact({
              reference: version.reference,
              digest: version.digest,
              tags: version.tags,
              version: version.kitfile.package?.version,
            }),
          }
        : {}),
      graph,
    };
  }

  /** The lineage of a Component: the ModelKits it serves, their lineage and its clusters. */
  async getComponentLineage(
    name: ModelKitEntityName,
    query: { maxDepth?: number },
    options: ModelKitRequestOptions,
  ): Promise<ComponentLineageResponse> {
    const component = await this.#access.readEntity(
      { kind: 'Component', ...this.#access.parseEntityName(name) },
      {
        credentials: options.credentials,
        permission: modelkitReadPermission,
        purpose: 'read the lineage of',
      },
    );
    const entityRef = stringifyEntityRef(component);
    const warnings: LineageWarning[] = [];
    const [entities, placements] = await Promise.all([
      this.#entitiesAround([component], options.credentials),
      this.#componentPlacements(name, options.credentials, warnings),
    ]);
    const graph = buildLineageGraph({
      root: entityRef,
      entities,
      placements,
      maxDepth: query.maxDepth,
      maxNodes: this.#config.maxNodes,
    });
    graph.warnings.push(...warnings);
    return { entityRef, graph };
  }

  /** The model card of one version: Markdown from a docs layer, or the Kitfile descriptions. */
  async getModelCard(
    name: ModelKitEntityName,
    reference: string,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitModelCardResponse> {
    const located = await this.#versions.locate(name, options);
    const version = await getModelKitVersion(
      located.source,
      located.repository,
      reference,
      { signal: options.signal },
    );
    const maxBytes = this.#config.modelCardMaxBytes;
    const warnings: string[] = [];
    const base = {
      repository: `${located.source.host}/${located.repository}`,
      reference,
      digest: version.digest,
      maxBytes,
      descriptions: kitfileDescriptions(version.kitfile),
      warnings,
    };
    let best:
      | { path: string; markdown: string; truncated: boolean; layer: string }
      | undefined;
    for (const layer of version.layers.filter(l => l.kind === 'docs')) {
      const where = `docs layer ${layer.digest}${
        layer.path ? ` (${layer.path})` : ''
      }`;
      let blob: Buffer;
      try {
        // getBlob checks the size cap while downloading and verifies the digest.
        blob = await located.source.getBlob(located.repository, layer, {
          maxBytes: this.#config.modelCardMaxLayerBytes,
          signal: options.signal,
        });
      } catch (error) {
        // Content that is not what its digest says is tampering, never a fallback.
        if (
          error instanceof RegistryError &&
          (error.reason === 'digest-mismatch' ||
            error.reason === 'size-mismatch')
        ) {
          throw error;
        }
        warnings.push(`The ${where} could not be read: ${messageOf(error)}`);
        continue;
      }
      try {
        const found = await findModelCardInLayer(blob, {
          maxBytes,
          maxUnpackedBytes: this.#config.modelCardMaxUnpackedBytes,
        });
        if (found.unsafeNames.length > 0) {
          warnings.push(
            `The ${where} has entries with unsafe names, which were skipped: ${found.unsafeNames
              .map(n => JSON.stringify(n))
              .join(', ')}`,
          );
        }
        if (found.file && !best) {
          best = { ...found.file, layer: layer.digest };
        }
      } catch (error) {
        warnings.push(`The ${where} could not be read: ${messageOf(error)}`);
      }
    }
    if (best) {
      return {
        ...base,
        // Rewritten here rather than in the browser: images load only from the ModelKit's
        // registry or kitstage.modelCard.imageHosts, and the page never receives another
        // address as an image.
        markdown: restrictModelCardImages(best.markdown, {
          allowedHosts: [
            located.source.host,
            ...this.#config.modelCardImageHosts,
          ],
        }),
        source: {
          type: 'docs-layer',
          path: best.path,
          layerDigest: best.layer,
        },
        truncated: best.truncated,
      };
    }
    return {
      ...base,
      markdown: null,
      source: { type: 'kitfile' },
      truncated: false,
    };
  }

  /**
   * The ModelKits and Components around the roots, as the caller may see them: every ModelKit
   * (a few hundred entities at most in practice; lineage may run through any of them), the
   * Components that depend on one or carry the ModelKit annotation, and the roots.
   */
  async #entitiesAround(
    roots: Entity[],
    credentials: BackstageCredentials,
  ): Promise<LineageEntity[]> {
    const { items: modelKits } = await this.#catalog.getEntities(
      { filter: { kind: MODELKIT_KIND }, fields: ENTITY_FIELDS },
      { credentials },
    );
    const componentRefs = new Set<string>();
    for (const entity of [...modelKits, ...roots]) {
      for (const relation of entity.relations ?? []) {
        if (
          (relation.type === RELATION_DEPENDENCY_OF ||
            relation.type === RELATION_DEPENDS_ON) &&
          relation.targetRef.startsWith('component:')
        ) {
          componentRefs.add(relation.targetRef);
        }
      }
    }
    const [{ items: annotated }, { items: dependents }] = await Promise.all([
      this.#catalog.getEntities(
        {
          filter: {
            kind: 'Component',
            'metadata.annotations.kitstage.dev/modelkit': CATALOG_FILTER_EXISTS,
          },
          fields: ENTITY_FIELDS,
        },
        { credentials },
      ),
      componentRefs.size > 0
        ? this.#catalog.getEntitiesByRefs(
            { entityRefs: [...componentRefs], fields: ENTITY_FIELDS },
            { credentials },
          )
        : Promise.resolve({ items: [] as Array<Entity | undefined> }),
    ]);
    const byRef = new Map<string, Entity>();
    for (const entity of [
      ...roots,
      ...modelKits,
      ...annotated,
      ...dependents,
    ]) {
      if (entity) byRef.set(stringifyEntityRef(entity), entity);
    }
    return [...byRef.values()] as LineageEntity[];
  }

  async #provenance(
    entityRef: string,
    repository: string,
    version: ModelKitVersion,
    entity: Entity,
    warnings: LineageWarning[],
    options: ModelKitRequestOptions,
  ): Promise<LineageProvenanceInput[]> {
    if (!this.#policy) return [];
    try {
      const report = await this.#policy.getReport({
        repository,
        digest: version.digest,
        lifecycle: text(entity.spec?.lifecycle) ?? 'experimental',
        signal: options.signal,
      });
      return report.attestations.flatMap(attestation => {
        const summary = attestation.summary;
        if (
          summary?.kind !== 'slsa-provenance' ||
          !summary.provenance.sourceRepository
        ) {
          return [];
        }
        return [
          {
            entityRef,
            sourceRepository: summary.provenance.sourceRepository,
            ...(summary.provenance.sourceCommit
              ? { sourceCommit: summary.provenance.sourceCommit }
              : {}),
            verification: attestation.state,
          },
        ];
      });
    } catch (error) {
      warnings.push({
        code: 'provenance-unavailable',
        message: `The attestations of ${repository}@${
          version.digest
        } could not be read: ${messageOf(error)}`,
      });
      return [];
    }
  }

  async #modelKitPlacements(
    name: ModelKitEntityName,
    credentials: BackstageCredentials,
    warnings: LineageWarning[],
  ): Promise<LineagePlacementInput[]> {
    if (!this.#deployments) return [];
    try {
      const response = await this.#deployments.getModelKitDeployments(
        name,
        credentials,
      );
      this.#clusterWarnings(response.clusters, warnings);
      return response.versions.flatMap(version =>
        version.deployments.map(deployment => ({
          ...(deployment.component
            ? {
                component: deployment.component.ref,
                ...(deployment.component.title
                  ? { componentTitle: deployment.component.title }
                  : {}),
              }
            : {}),
          cluster: deployment.cluster,
          ...(deployment.status ? { status: deployment.status } : {}),
          modelKits: [
            compact({
              repository: response.entity.repository,
              tag: version.tags[0],
              digest: version.digest,
            }),
          ],
        })),
      );
    } catch (error) {
      return this.#deploymentsUnavailable('ModelKit', error, warnings);
    }
  }

  async #componentPlacements(
    name: ModelKitEntityName,
    credentials: BackstageCredentials,
    warnings: LineageWarning[],
  ): Promise<LineagePlacementInput[]> {
    if (!this.#deployments) return [];
    try {
      const response = await this.#deployments.getComponentDeployments(
        name,
        credentials,
      );
      this.#clusterWarnings(
        response.clusters.map(card => ({ ...card.cluster, error: card.error })),
        warnings,
      );
      return response.clusters
        .filter(card => card.workloads.length > 0 || card.modelKits.length > 0)
        .map(card => ({
          component: response.entity.ref,
          cluster: card.cluster,
          status: card.status,
          modelKits: card.modelKits.map(running =>
            compact({
              repository: running.repository,
              tag: running.tag,
              digest: running.digest,
            }),
          ),
        }));
    } catch (error) {
      // A Component without Kubernetes annotations simply has no clusters.
      if (isError(error) && error.name === 'InputError') return [];
      return this.#deploymentsUnavailable('Component', error, warnings);
    }
  }

  /** Lineage goes on without placements when the deployments cannot be read, with a warning. */
  #deploymentsUnavailable(
    what: 'ModelKit' | 'Component',
    error: unknown,
    warnings: LineageWarning[],
  ): LineagePlacementInput[] {
    // A caller without the permissions of the deployment views is answered, not logged.
    if (!(isError(error) && error.name === 'NotAllowedError')) {
      this.#logger.warn(`Lineage without deployments: ${messageOf(error)}`);
    }
    warnings.push({
      code: 'deployments-unavailable',
      message: `Where the ${what} runs could not be read: ${messageOf(error)}`,
    });
    return [];
  }

  #clusterWarnings(
    clusters: Array<{
      name: string;
      title?: string;
      error?: { message: string };
    }>,
    warnings: LineageWarning[],
  ) {
    for (const cluster of clusters) {
      if (cluster.error) {
        warnings.push({
          code: 'deployments-unavailable',
          message: `Cluster ${
            cluster.title ?? cluster.name
          } could not be read, so what runs there is not shown: ${
            cluster.error.message
          }`,
          nodeIds: [`cluster:${cluster.name}`],
        });
      }
    }
  }
}
