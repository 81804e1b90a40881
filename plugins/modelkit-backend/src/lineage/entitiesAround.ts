import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { LineageEntity, MODELKIT_KIND } from '@kitstage/plugin-modelkit-common';

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

/**
 * The ModelKits and Components around the roots of a lineage graph, as the caller may see
 * them: every ModelKit (a few hundred entities at most in practice; lineage may run through
 * any of them), the Components that depend on one or carry the ModelKit annotation, and the
 * roots.
 *
 * @internal
 */
export async function readEntitiesAround(
  catalog: CatalogService,
  roots: Entity[],
  credentials: BackstageCredentials,
): Promise<LineageEntity[]> {
  const { items: modelKits } = await catalog.getEntities(
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
    catalog.getEntities(
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
      ? catalog.getEntitiesByRefs(
          { entityRefs: [...componentRefs], fields: ENTITY_FIELDS },
          { credentials },
        )
      : Promise.resolve({ items: [] as Array<Entity | undefined> }),
  ]);
  const byRef = new Map<string, Entity>();
  for (const entity of [...roots, ...modelKits, ...annotated, ...dependents]) {
    if (entity) byRef.set(stringifyEntityRef(entity), entity);
  }
  return [...byRef.values()] as LineageEntity[];
}
