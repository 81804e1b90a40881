import {
  parseEntityRef,
  stringifyEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { ANNOTATION_MODELKIT, ANNOTATION_MODELKIT_REPOSITORY } from '../entity';
import {
  formatOciRepository,
  isKitUri,
  parseKitUri,
  tryParseOciReference,
} from '../reference';
import { LINEAGE_DEFAULTS, LINEAGE_EDGE_LABELS } from './constants';
import type {
  LineageEdge,
  LineageEdgeSource,
  LineageEdgeType,
  LineageEntity,
  LineageGraph,
  LineageInput,
  LineageNode,
  LineageNodeKind,
  LineageWarning,
} from './types';

const SOURCE_ORDER: LineageEdgeSource[] = [
  'kitfile',
  'provenance',
  'deployment',
  'catalog',
];

/** Edge types whose object (`to`) is upstream of the subject (`from`). */
const UPSTREAM_OBJECT: ReadonlySet<LineageEdgeType> = new Set([
  'trained-on',
  'fine-tuned-from',
  'built-from-source',
]);

interface RawEdge extends Omit<LineageEdge, 'label' | 'source' | 'sources'> {
  sources: Set<LineageEdgeSource>;
}

/** A node known to the graph before the walk: from an entity or a reference. */
interface RawNode extends Omit<LineageNode, 'depth' | 'kind'> {
  /** The kind the node has by itself; refined from its edges later for ModelKits. */
  kind?: LineageNodeKind;
  isModelKit?: boolean;
  isDataset?: boolean;
}

function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function entityRefOf(entity: LineageEntity): string {
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  });
}

function normalizeRepository(value: string): string | undefined {
  const reference = tryParseOciReference(value.trim());
  return reference ? lower(formatOciRepository(reference)) : undefined;
}

function parseModelKitAnnotation(
  value: string,
): { repository: string; tag?: string; digest?: string } | undefined {
  const text = value.trim();
  try {
    const reference = isKitUri(text)
      ? parseKitUri(text)
      : tryParseOciReference(text);
    if (!reference) return undefined;
    return {
      repository: lower(formatOciRepository(reference)),
      ...(reference.tag ? { tag: reference.tag } : {}),
      ...(reference.digest ? { digest: reference.digest } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Mutable state of one build. */
class GraphBuilder {
  readonly nodes = new Map<string, RawNode>();
  readonly edges = new Map<string, RawEdge>();
  readonly warnings: LineageWarning[] = [];
  readonly #warned = new Set<string>();
  readonly #byRepository = new Map<string, string>();

  warn(warning: LineageWarning) {
    const key = `${warning.code}|${warning.nodeIds?.join(',')}|${
      warning.field
    }|${warning.message}`;
    if (!this.#warned.has(key)) {
      this.#warned.add(key);
      this.warnings.push(warning);
    }
  }

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

function catalogEdges(
  builder: GraphBuilder,
  entities: readonly LineageEntity[],
) {
  for (const entity of entities) {
    const kind = lower(entity.kind);
    if (kind !== 'modelkit' && kind !== 'component') continue;
    const id = lower(entityRefOf(entity));
    const namespace = entity.metadata.namespace ?? 'default';
    const spec = entity.spec ?? {};
    const covered = new Set<string>();
    if (kind === 'modelkit') {
      if (typeof spec.baseModel === 'string') {
        const to = builder.referToEntity(
          spec.baseModel,
          { kind: 'ModelKit', namespace },
          'base-model',
          { from: entityRefOf(entity), field: 'spec.baseModel' },
        );
        if (to) {
          covered.add(to);
          builder.addEdge({ from: id, to, type: 'fine-tuned-from' }, 'catalog');
        }
      }
      const datasets = Array.isArray(spec.datasets) ? spec.datasets : [];
      datasets.forEach((dataset, index) => {
        if (typeof dataset !== 'string') return;
        const to = builder.referToEntity(
          dataset,
          { kind: 'ModelKit', namespace },
          'dataset',
          { from: entityRefOf(entity), field: `spec.datasets[${index}]` },
        );
        if (to) {
          covered.add(to);
          builder.addEdge({ from: id, to, type: 'trained-on' }, 'catalog');
        }
      });
    } else {
      const annotation = entity.metadata.annotations?.[ANNOTATION_MODELKIT];
      if (annotation) {
        const reference = parseModelKitAnnotation(annotation);
        const modelKit = reference
          ? builder.entityIdByRepository(reference.repository)
          : undefined;
        if (!reference) {
          builder.warn({
            code: 'invalid-reference',
            message: `The ${ANNOTATION_MODELKIT} annotation of ${entityRefOf(
              entity,
            )} is not a ModelKit reference: ${JSON.stringify(annotation)}`,
            field: `metadata.annotations["${ANNOTATION_MODELKIT}"]`,
            nodeIds: [id],
          });
        } else if (modelKit) {
          covered.add(modelKit);
          builder.addEdge(
            {
              from: modelKit,
              to: id,
              type: 'served-by',
              ...(reference.tag ? { version: reference.tag } : {}),
              ...(reference.digest ? { digest: reference.digest } : {}),
            },
            'catalog',
          );
        }
      }
    }
    // Relations the spec does not spell out: a Component that depends on a ModelKit serves
    // it; a ModelKit that depends on a ModelKit uses it as data or as its base model.
    for (const relation of entity.relations ?? []) {
      const target = lower(relation.targetRef);
      if (covered.has(target) || !builder.nodes.has(target)) continue;
      const other = builder.nodes.get(target)!;
      if (relation.type === RELATION_DEPENDS_ON) {
        if (kind === 'component' && other.isModelKit) {
          builder.addEdge(
            { from: target, to: id, type: 'served-by' },
            'catalog',
          );
        } else if (kind === 'modelkit' && other.isModelKit) {
          builder.addEdge(
            {
              from: id,
              to: target,
              type: other.isDataset ? 'trained-on' : 'fine-tuned-from',
            },
            'catalog',
          );
        }
      } else if (
        relation.type === RELATION_DEPENDENCY_OF &&
        kind === 'modelkit' &&
        other.kind === 'component'
      ) {
        builder.addEdge({ from: id, to: target, type: 'served-by' }, 'catalog');
      }
    }
  }
}

function kitfileEdges(builder: GraphBuilder, input: LineageInput) {
  for (const kitfile of input.kitfiles ?? []) {
    const from = lower(kitfile.entityRef);
    const node = builder.nodes.get(from);
    if (!node) continue;
    if (kitfile.version && node.version === undefined) {
      node.version = kitfile.version;
    }
    if (kitfile.digest && node.digest === undefined) {
      node.digest = kitfile.digest;
    }
    for (const reference of kitfile.references) {
      const repository =
        normalizeRepository(reference.repository) ??
        lower(reference.repository);
      let to = builder.entityIdByRepository(repository);
      if (!to) {
        to = `oci:${repository}`;
        if (!builder.nodes.has(to)) {
          builder.nodes.set(to, {
            id: to,
            kind: reference.role,
            title: repository,
            repository,
            missing: true,
            ...(reference.tag ? { version: reference.tag } : {}),
            ...(reference.digest ? { digest: reference.digest } : {}),
          });
        }
        builder.warn({
          code: 'missing-reference',
          message: `${reference.field} of the Kitfile of ${kitfile.entityRef} names ${repository}, which no ModelKit in the catalog visible to you has as its repository`,
          field: reference.field,
          nodeIds: [to],
        });
      }
      builder.addEdge(
        {
          from,
          to,
          type: reference.role === 'dataset' ? 'trained-on' : 'fine-tuned-from',
          field: reference.field,
          ...(reference.tag ? { version: reference.tag } : {}),
          ...(reference.digest ? { digest: reference.digest } : {}),
        },
        'kitfile',
      );
    }
  }
}

function provenanceEdges(builder: GraphBuilder, input: LineageInput) {
  for (const provenance of input.provenance ?? []) {
    const from = lower(provenance.entityRef);
    if (!builder.nodes.has(from)) continue;
    const repository = provenance.sourceRepository.trim();
    if (!repository) continue;
    const commit = provenance.sourceCommit?.trim() || undefined;
    const id = `source:${repository}${commit ? `@${commit}` : ''}`;
    const verified = provenance.verification === 'verified';
    const existing = builder.nodes.get(id);
    if (!existing) {
      builder.nodes.set(id, {
        id,
        kind: 'source',
        title: repository.replace(/^[a-z+]+:\/\//i, '').replace(/\.git$/, ''),
        ...(commit ? { version: commit } : {}),
        ...(/^https?:\/\//i.test(repository) ? { url: repository } : {}),
        verified,
      });
    } else if (verified) {
      existing.verified = true;
    }
    builder.addEdge(
      {
        from,
        to: id,
        type: 'built-from-source',
        ...(commit ? { version: commit } : {}),
        verified,
        verification: provenance.verification,
      },
      'provenance',
    );
  }
}

function placementEdges(builder: GraphBuilder, input: LineageInput) {
  for (const placement of input.placements ?? []) {
    const clusterId = `cluster:${placement.cluster.name}`;
    if (!builder.nodes.has(clusterId)) {
      builder.nodes.set(clusterId, {
        id: clusterId,
        kind: 'cluster',
        title: placement.cluster.title || placement.cluster.name,
        ...(placement.cluster.dashboardUrl &&
        /^https?:\/\//i.test(placement.cluster.dashboardUrl)
          ? { url: placement.cluster.dashboardUrl }
          : {}),
      });
    }
    const modelKits = placement.modelKits.flatMap(running => {
      const repository =
        normalizeRepository(running.repository) ?? lower(running.repository);
      const id = builder.entityIdByRepository(repository);
      return id ? [{ id, running }] : [];
    });
    let componentId: string | undefined;
    if (placement.component) {
      try {
        const parsed = parseEntityRef(placement.component, {
          defaultKind: 'Component',
          defaultNamespace: 'default',
        });
        const entityRef = stringifyEntityRef(parsed);
        componentId = lower(entityRef);
        if (!builder.nodes.has(componentId)) {
          builder.nodes.set(componentId, {
            id: componentId,
            entityRef,
            kind: 'component',
            title: placement.componentTitle || parsed.name,
          });
        }
      } catch {
        componentId = undefined;
      }
    }
    if (componentId) {
      builder.addEdge(
        {
          from: componentId,
          to: clusterId,
          type: 'runs-on',
          ...(placement.status ? { status: placement.status } : {}),
        },
        'deployment',
      );
      for (const { id, running } of modelKits) {
        builder.addEdge(
          {
            from: id,
            to: componentId,
            type: 'served-by',
            ...(running.tag ? { version: running.tag } : {}),
            ...(running.digest ? { digest: running.digest } : {}),
          },
          'deployment',
        );
      }
    } else {
      for (const { id, running } of modelKits) {
        builder.addEdge(
          {
            from: id,
            to: clusterId,
            type: 'runs-on',
            ...(running.tag ? { version: running.tag } : {}),
            ...(running.digest ? { digest: running.digest } : {}),
            ...(placement.status ? { status: placement.status } : {}),
          },
          'deployment',
        );
      }
    }
  }
}

/** Strongly connected components with a cycle, by Tarjan's algorithm without recursion. */
function findCycles(
  ids: readonly string[],
  successors: (id: string) => readonly string[],
): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  let counter = 0;
  for (const start of ids) {
    if (index.has(start)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter);
    counter++;
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const out = successors(frame.id);
      if (frame.next < out.length) {
        const next = out[frame.next++];
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter);
          counter++;
          stack.push(next);
          onStack.add(next);
          work.push({ id: next, next: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.id);
        if (component.length > 1 || successors(frame.id).includes(frame.id)) {
          cycles.push(component.sort(compare));
        }
      }
    }
  }
  return cycles.sort((a, b) => compare(a[0], b[0]));
}

function refineKind(node: RawNode, edges: readonly RawEdge[]): LineageNodeKind {
  if (!node.isModelKit) return node.kind ?? 'modelkit';
  if (node.isDataset) return 'dataset';
  if (edges.some(e => e.from === node.id && e.type === 'fine-tuned-from')) {
    return 'fine-tune';
  }
  if (edges.some(e => e.to === node.id && e.type === 'fine-tuned-from')) {
    return 'base-model';
  }
  if (edges.some(e => e.to === node.id && e.type === 'trained-on')) {
    return 'dataset';
  }
  return 'modelkit';
}

function clampInteger(
  value: number | undefined,
  fallback: number,
  min: number,
) {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/**
 * Builds the lineage graph around one ModelKit or Component from catalog entities, Kitfile
 * references, SLSA provenance and deployment placements.
 *
 * @remarks
 *
 * The graph holds the root, everything upstream of it (data, base models, sources: what it
 * was built from, transitively) and everything downstream (fine-tunes, the Components serving
 * it, the clusters they run on), at most `maxDepth` hops each way and `maxNodes` nodes in all,
 * nearer nodes first. Each node appears once, so cycles end the walk; they are listed in
 * `cycles` and warned about. References to entities that are not given (not in the catalog,
 * or not visible to the caller) become nodes marked `missing`, with a warning. The output
 * depends only on the input, never on its order.
 *
 * @public
 */
export function buildLineageGraph(input: LineageInput): LineageGraph {
  const maxDepth = clampInteger(input.maxDepth, LINEAGE_DEFAULTS.maxDepth, 0);
  const maxNodes = clampInteger(input.maxNodes, LINEAGE_DEFAULTS.maxNodes, 1);
  const builder = new GraphBuilder();
  const entities = [...input.entities].sort((a, b) =>
    compare(lower(entityRefOf(a)), lower(entityRefOf(b))),
  );
  // ModelKits first, so Components' annotations and relations can find them by repository.
  for (const entity of entities) {
    if (lower(entity.kind) === 'modelkit') builder.addEntity(entity);
  }
  for (const entity of entities) {
    if (lower(entity.kind) === 'component') builder.addEntity(entity);
  }
  catalogEdges(builder, entities);
  kitfileEdges(builder, input);
  provenanceEdges(builder, input);
  placementEdges(builder, input);

  let rootId: string;
  try {
    const parsed = parseEntityRef(input.root, {
      defaultKind: 'ModelKit',
      defaultNamespace: 'default',
    });
    const entityRef = stringifyEntityRef(parsed);
    rootId = lower(entityRef);
    if (!builder.nodes.has(rootId)) {
      builder.nodes.set(rootId, {
        id: rootId,
        entityRef,
        title: parsed.name,
        kind: lower(parsed.kind) === 'component' ? 'component' : 'modelkit',
        missing: true,
      });
      builder.warn({
        code: 'missing-reference',
        message: `${entityRef} is not in the catalog or not visible to you`,
        nodeIds: [rootId],
      });
    }
  } catch {
    rootId = `invalid:${input.root}`;
    builder.nodes.set(rootId, {
      id: rootId,
      title: input.root,
      kind: 'modelkit',
      missing: true,
    });
    builder.warn({
      code: 'invalid-reference',
      message: `The lineage root is not an entity reference: ${JSON.stringify(
        input.root,
      )}`,
      nodeIds: [rootId],
    });
  }

  // Neighbours in each direction, sorted, so the walk is deterministic.
  const upstream = new Map<string, Set<string>>();
  const downstream = new Map<string, Set<string>>();
  const link = (map: Map<string, Set<string>>, a: string, b: string) => {
    if (!map.has(a)) map.set(a, new Set());
    map.get(a)!.add(b);
  };
  for (const edge of builder.edges.values()) {
    const [consumer, producer] = UPSTREAM_OBJECT.has(edge.type)
      ? [edge.from, edge.to]
      : [edge.to, edge.from];
    link(upstream, consumer, producer);
    link(downstream, producer, consumer);
  }
  const neighbours = (map: Map<string, Set<string>>, id: string) =>
    [...(map.get(id) ?? [])].sort(compare);

  const depth = new Map<string, number>([[rootId, 0]]);
  const hasMore = new Set<string>();
  let truncated = false;
  let frontiers: Array<{ sign: 1 | -1; map: typeof upstream; ids: string[] }> =
    [
      { sign: -1, map: upstream, ids: [rootId] },
      { sign: 1, map: downstream, ids: [rootId] },
    ];
  for (let level = 1; frontiers.some(f => f.ids.length > 0); level++) {
    const next: typeof frontiers = [];
    for (const frontier of frontiers) {
      const found: string[] = [];
      const seen = new Set<string>();
      for (const id of frontier.ids) {
        const candidates = neighbours(frontier.map, id).filter(
          n => !depth.has(n) && !seen.has(n),
        );
        if (candidates.length === 0) continue;
        if (level > maxDepth) {
          hasMore.add(id);
          continue;
        }
        for (const candidate of candidates) {
          if (depth.size + found.length >= maxNodes) {
            truncated = true;
            hasMore.add(id);
            break;
          }
          found.push(candidate);
          seen.add(candidate);
        }
      }
      for (const id of found) depth.set(id, frontier.sign * level);
      next.push({ ...frontier, ids: found.sort(compare) });
    }
    frontiers = next;
  }

  const included = (id: string) => depth.has(id);
  const edges = [...builder.edges.values()]
    .filter(e => included(e.from) && included(e.to))
    .sort(
      (a, b) =>
        compare(a.from, b.from) ||
        compare(a.to, b.to) ||
        compare(a.type, b.type),
    );
  const successors = new Map<string, string[]>();
  for (const edge of edges) {
    if (!successors.has(edge.from)) successors.set(edge.from, []);
    successors.get(edge.from)!.push(edge.to);
  }
  const ids = [...depth.keys()].sort(compare);
  const cycles = findCycles(ids, id => successors.get(id) ?? []);

  const nodes: LineageNode[] = ids.map(id => {
    const raw = builder.nodes.get(id)!;
    const { isModelKit: _m, isDataset: _d, kind: _k, ...rest } = raw;
    return {
      ...rest,
      kind: refineKind(raw, edges),
      depth: depth.get(id)!,
      ...(hasMore.has(id) ? { hasMore: true as const } : {}),
    };
  });
  const kindOrder: LineageNodeKind[] = [
    'source',
    'dataset',
    'base-model',
    'modelkit',
    'fine-tune',
    'component',
    'cluster',
  ];
  nodes.sort((a, b) => {
    if (a.id === rootId) return -1;
    if (b.id === rootId) return 1;
    return (
      a.depth - b.depth ||
      kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) ||
      compare(a.id, b.id)
    );
  });

  // Warnings about nodes the walk left out are dropped: they are not drawn.
  const warnings = builder.warnings.filter(
    w => !w.nodeIds || w.nodeIds.some(included),
  );
  for (const cycle of cycles) {
    warnings.push({
      code: 'cycle',
      message:
        cycle.length === 1
          ? `${builder.nodes.get(cycle[0])!.title} references itself`
          : `These reference each other in a cycle: ${cycle
              .map(id => builder.nodes.get(id)!.title)
              .join(', ')}`,
      nodeIds: cycle,
    });
  }
  if (hasMore.size > 0 && !truncated) {
    warnings.push({
      code: 'depth-limit',
      message: `The lineage goes on beyond ${maxDepth} hops from ${
        builder.nodes.get(rootId)!.title
      }; open a node marked as having more to follow it`,
      nodeIds: [...hasMore].sort(compare),
    });
  }
  if (truncated) {
    warnings.push({
      code: 'node-limit',
      message: `The lineage has more than ${maxNodes} nodes; the farthest were left out`,
      nodeIds: [...hasMore].sort(compare),
    });
  }

  return {
    root: rootId,
    nodes,
    edges: edges.map(({ sources, ...edge }) => {
      const ordered = SOURCE_ORDER.filter(s => sources.has(s));
      return {
        ...edge,
        label: LINEAGE_EDGE_LABELS[edge.type],
        source: ordered[0],
        sources: ordered,
      };
    }),
    truncated,
    cycles,
    limits: { maxDepth, maxNodes },
    warnings,
  };
}
