import { CatalogFilterBlueprint } from '@backstage/plugin-catalog-react/alpha';

/**
 * The ModelKit filters of the catalog index page (`catalog-filter:modelkit`):
 * by framework (`spec.framework`) and by the attestation policy status of the
 * newest version, shown when the kind picked is ModelKit.
 *
 * @alpha
 */
export const modelkitCatalogFilter = CatalogFilterBlueprint.make({
  params: {
    loader: () =>
      import('../components/ModelKitCatalogFilters').then(m => (
        <m.ModelKitCatalogFilters />
      )),
  },
});

/** @internal */
export const catalogFilters = [modelkitCatalogFilter];
