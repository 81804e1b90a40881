import { Entity, RELATION_DEPENDS_ON } from '@backstage/catalog-model';
import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

const modelKitFilter = { kind: 'modelkit' };

/** Components that serve a ModelKit: they depend on one, or name the version they run. */
function servesModelKit(entity: Entity): boolean {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'component') return false;
  if (entity.metadata.annotations?.[ANNOTATION_MODELKIT]) return true;
  return (entity.relations ?? []).some(
    relation =>
      relation.type === RELATION_DEPENDS_ON &&
      relation.targetRef.toLocaleLowerCase('en-US').startsWith('modelkit:'),
  );
}

/**
 * The About card on the overview of ModelKit entity pages. It is an `info`
 * card, so the catalog's default layout shows it in the side column.
 *
 * @alpha
 */
export const modelkitAboutEntityCard = EntityCardBlueprint.make({
  name: 'about',
  params: {
    type: 'info',
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitAboutCard').then(m => (
        <m.ModelKitAboutCard />
      )),
  },
});

/**
 * The card listing a ModelKit's relations grouped by type, in the main column
 * of the overview of ModelKit entity pages.
 *
 * @alpha
 */
export const modelkitRelationsEntityCard = EntityCardBlueprint.make({
  name: 'relations',
  params: {
    type: 'content',
    filter: modelKitFilter,
    loader: () =>
      import('../components/ModelKitRelationsCard').then(m => (
        <m.ModelKitRelationsCard />
      )),
  },
});

/**
 * The Model lineage card on the overview of the entity pages of Components
 * that serve a ModelKit (depend on one, or carry the `kitstage.dev/modelkit`
 * annotation): the ModelKits the Component serves with their datasets and base models, and
 * the clusters it runs on.
 *
 * @alpha
 */
export const modelkitComponentLineageEntityCard = EntityCardBlueprint.make({
  name: 'component-lineage',
  params: {
    type: 'content',
    filter: servesModelKit,
    loader: () =>
      import('../components/ModelKitLineageCard').then(m => (
        <m.ModelKitLineageCard />
      )),
  },
});

/**
 * The Models card on the overview of Group entity pages: the ModelKits the
 * group owns with their newest version, size and policy status.
 *
 * @alpha
 */
export const modelkitGroupModelsEntityCard = EntityCardBlueprint.make({
  name: 'group-models',
  params: {
    type: 'content',
    filter: { kind: 'group' },
    loader: () =>
      import('../components/GroupModelKitsCard').then(m => (
        <m.GroupModelKitsCard />
      )),
  },
});

/** @internal */
export const entityCards = [
  modelkitAboutEntityCard,
  modelkitRelationsEntityCard,
  modelkitComponentLineageEntityCard,
  modelkitGroupModelsEntityCard,
];
