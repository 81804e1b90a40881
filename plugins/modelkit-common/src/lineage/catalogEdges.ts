import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
} from '@backstage/catalog-model';
import { ANNOTATION_MODELKIT } from '../entity/annotations';
import type { GraphBuilder } from './GraphBuilder';
import {
  entityRefOf,
  lower,
  parseModelKitAnnotation,
  versionOf,
} from './lineageKeys';
import type { LineageEntity } from './types';

/**
 * Adds the edges the catalog states: a ModelKit's `spec.baseModel` and `spec.datasets`, a
 * Component's `kitstage.dev/modelkit` annotation, and `dependsOn`/`dependencyOf` relations
 * between ModelKits and Components the spec does not spell out. References to entities that
 * are not given become missing nodes.
 */
export function catalogEdges(
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
              ...versionOf(reference),
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
