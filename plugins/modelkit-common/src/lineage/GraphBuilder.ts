import {
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATION_MODELKIT_REPOSITORY } from '../entity/annotations';
import {
  compare,
  entityRefOf,
  lower,
  normalizeRepository,
} from './lineageKeys';
import type {
  LineageEdge,
  LineageEdgeSource,
  LineageEntity,
  LineageNode,
  LineageNodeKind,
  LineageWarning,
} from './types';

/** An edge while the graph is built: the sources that say so, as a set. */
export interface RawEdge
  extends Omit<LineageEdge, 'label' | 'source' | 'sources'> {
  /** Every source that says so. */
  sources: Set<LineageEdgeSource>;
}

/** A node known to the graph before the walk: from an entity or a reference. */
export interface RawNode extends Omit<LineageNode, 'depth' | 'kind'> {
  /** The kind the node has by itself; refined from its edges later for ModelKits. */
  kind?: LineageNodeKind;
  /** Set for ModelKit entities. */
  isModelKit?: boolean;
  /** Set for ModelKit entities of `spec.type: dataset`. */
  isDataset?: boolean;
}

/** Mutable state of one build. */
export class GraphBuilder {
  /** Every node by id. */
  readonly nodes = new Map<string, RawNode>();
  /** Every edge by `from`, `to` and `type`. */
  readonly edges = new Map<string, RawEdge>();
  /** The warnings so far, each once, in the order found. */
  readonly warnings: LineageWarning[] = [];
  readonly #warned = new Set<string>();
  readonly #byRepository = new Map<string, string>();

  /** Adds a warning, unless the same one was added before. */
  warn(warning: LineageWarning) {
    const key = `${warning.code}|${warning.nodeIds?.join(',')}|${
      warning.field
    }|${warning.message}`;
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.warnings.push(warning);
    }
  }

  /**
   * Adds the node of a ModelKit or Component entity and returns its id; other kinds are
   * ignored. A ModelKit is indexed by its repository, the smallest id winning a tie.
   */
  addEntity(entity: LineageEntity): string | undefined {
    const kind = lower(entity.kind);
    if (kind !== 'modelkit' && kind !== 'component') return undefined;
    const entityRef = entityRefOf(entity);
    const id = lower(entityRef);
    const spec = entity.spec ?? {};
    const annotations = entity.metadata.annotations ?? {};
    const owner =
      entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef ??
      (typeof spec.owner === 'string' ? spec.owner : undefined);
    const node: RawNode = {
      id,
      entityRef,
      title: entity.metadata.title || entity.metadata.name,
      ...(owner ? { owner } : {}),
      ...(typeof spec.lifecycle === 'string'
        ? { lifecycle: spec.lifecycle }
        : {}),
    };
    if (kind === 'component') {
      node.kind = 'component';
    } else {
      node.isModelKit = true;
      node.isDataset = spec.type === 'dataset';
      const repository =
        (typeof spec.repository === 'string' && spec.repository) ||
        annotations[ANNOTATION_MODELKIT_REPOSITORY];
      const normalized = repository
        ? normalizeRepository(repository)
        : undefined;
      if (normalized) {
        node.repository = normalized;
        const existing = this.#byRepository.get(normalized);
        if (existing === undefined || compare(id, existing) < 0) {
          this.#byRepository.set(normalized, id);
        }
      }
    }
    this.nodes.set(id, node);
    return id;
  }

  /** The id of the ModelKit entity of an OCI repository (`host/path`, lower case). */
  entityIdByRepository(repository: string): string | undefined {
    return this.#byRepository.get(repository);
  }

  /** The node id of an entity reference, adding a missing node when nothing has that id. */
  referToEntity(
    ref: string,
    defaults: { kind: string; namespace: string },
    as: LineageNodeKind,
    context: { from: string; field: string },
  ): string | undefined {
    let entityRef: string;
    try {
      const parsed = parseEntityRef(ref, {
        defaultKind: defaults.kind,
        defaultNamespace: defaults.namespace,
      });
      entityRef = stringifyEntityRef(parsed);
    } catch {
      this.warn({
        code: 'invalid-reference',
        message: `${context.field} of ${
          context.from
        } is not an entity reference: ${JSON.stringify(ref)}`,
        field: context.field,
        nodeIds: [lower(context.from)],
      });
      return undefined;
    }
    const id = lower(entityRef);
    if (!this.nodes.has(id)) {
      this.nodes.set(id, {
        id,
        entityRef,
        title: entityRef.slice(entityRef.indexOf('/') + 1),
        kind: as,
        missing: true,
      });
    }
    const node = this.nodes.get(id)!;
    if (node.missing) {
      this.warn({
        code: 'missing-reference',
        message: `${context.field} of ${context.from} names ${entityRef}, which is not in the catalog or not visible to you`,
        field: context.field,
        nodeIds: [id],
      });
    }
    return id;
  }

  /**
   * Adds an edge between two known nodes, or adds the source to the edge already there and
   * fills in the fields it lacks. Returns undefined when either node is unknown.
   */
  addEdge(
    edge: Omit<RawEdge, 'sources'>,
    source: LineageEdgeSource,
  ): RawEdge | undefined {
    if (!this.nodes.has(edge.from) || !this.nodes.has(edge.to)) {
      return undefined;
    }
    const key = `${edge.from}\u0000${edge.to}\u0000${edge.type}`;
    const existing = this.edges.get(key);
    if (existing) {
      existing.sources.add(source);
      for (const field of [
        'version',
        'digest',
        'field',
        'verified',
        'verification',
        'status',
      ] as const) {
        if (existing[field] === undefined && edge[field] !== undefined) {
          (existing as any)[field] = edge[field];
        }
      }
      return existing;
    }
    const created: RawEdge = { ...edge, sources: new Set([source]) };
    this.edges.set(key, created);
    return created;
  }
}
