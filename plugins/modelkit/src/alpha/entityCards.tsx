import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';

const modelKitFilter = { kind: 'modelkit' };

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

/** @internal */
export const entityCards = [
  modelkitAboutEntityCard,
  modelkitRelationsEntityCard,
];
