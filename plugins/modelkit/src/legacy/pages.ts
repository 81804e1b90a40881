import {
  createComponentExtension,
  createRoutableExtension,
} from '@backstage/core-plugin-api';
import { JSX } from 'react';
import { modelkitPlugin } from './plugin';
import { routeRefs } from './routes';

/**
 * Props of {@link ModelKitFleetPage}.
 *
 * @public
 */
export interface ModelKitFleetPageProps {
  /**
   * The path of the Deployments tab of Components below the entity page,
   * which every service links to. Defaults to `deployments`.
   */
  deploymentsPath?: string;
  /** How many services a page of the matrix shows at first. Defaults to 50. */
  pageSize?: number;
}

/**
 * The fleet page for platform owners, for apps on the legacy frontend system:
 * every service × every cluster with a status per placement (the worst reason
 * in a tooltip), counts per status, and filters by owner, system and status
 * kept in the address.
 *
 * @example
 *
 * ```tsx
 * <Route path="/modelkit-fleet" element={<ModelKitFleetPage />} />
 * ```
 *
 * @public
 */
export const ModelKitFleetPage: (props: ModelKitFleetPageProps) => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'ModelKitFleetPage',
      component: () =>
        import('../components/ModelKitFleetPage').then(
          m => m.ModelKitFleetPage,
        ),
      mountPoint: routeRefs.fleet,
    }),
  );

/**
 * The ModelKit filters of the catalog index page, for apps on the legacy
 * frontend system: by framework and by the attestation policy status of the
 * newest version, shown when the kind picked is ModelKit. Use them with
 * `createModelKitCatalogColumns` for the table.
 *
 * @example
 *
 * ```tsx
 * <Route
 *   path="/catalog"
 *   element={
 *     <CatalogIndexPage
 *       columns={context => [
 *         ...CatalogTable.defaultColumnsFunc(context),
 *         ...(context.filters.kind?.value === 'modelkit'
 *           ? createModelKitCatalogColumns()
 *           : []),
 *       ]}
 *       filters={
 *         <>
 *           <DefaultFilters />
 *           <ModelKitCatalogFilters />
 *         </>
 *       }
 *     />
 *   }
 * />
 * ```
 *
 * @public
 */
export const ModelKitCatalogFilters: () => JSX.Element = modelkitPlugin.provide(
  createComponentExtension({
    name: 'ModelKitCatalogFilters',
    component: {
      lazy: () =>
        import('../components/ModelKitCatalogFilters').then(
          m => m.ModelKitCatalogFilters,
        ),
    },
  }),
);
