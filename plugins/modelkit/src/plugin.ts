import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import {
  ModelKitClient,
  ModelKitDeploymentsClient,
  ModelKitPromotionClient,
} from '@kitstage/plugin-modelkit-common';
import { JSX } from 'react';
import { createScaffolderFieldExtension } from '@backstage/plugin-scaffolder-react';
import type { FieldExtensionComponent } from '@backstage/plugin-scaffolder-react';
import {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
  modelkitPromotionApiRef,
} from '@kitstage/plugin-modelkit-react';
import {
  ModelKitEnvironmentPickerField,
  ModelKitVersionPickerField,
  validateModelKitVersion,
} from './components/ModelKitVersionPickerField';

const versionsRouteRef = createRouteRef({ id: 'modelkit:versions' });
const contentsRouteRef = createRouteRef({ id: 'modelkit:contents' });
const diffRouteRef = createRouteRef({ id: 'modelkit:diff' });
const securityRouteRef = createRouteRef({ id: 'modelkit:security' });
const componentDeploymentsRouteRef = createRouteRef({
  id: 'modelkit:component-deployments',
});
const whereItRunsRouteRef = createRouteRef({ id: 'modelkit:where-it-runs' });
const fleetRouteRef = createRouteRef({ id: 'modelkit:fleet' });
const lineageRouteRef = createRouteRef({ id: 'modelkit:lineage' });
const modelCardRouteRef = createRouteRef({ id: 'modelkit:model-card' });
const promotionsRouteRef = createRouteRef({ id: 'modelkit:promotions' });

/**
 * The ModelKit plugin for apps on the legacy frontend system. It provides
 * `modelkitApiRef` as a `ModelKitClient` and
 * `modelkitDeploymentsApiRef` as a `ModelKitDeploymentsClient` for the
 * `modelkit` backend.
 *
 * @public
 */
export const modelkitPlugin = createPlugin({
  id: 'modelkit',
  apis: [
    createApiFactory({
      api: modelkitApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: modelkitDeploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitDeploymentsClient({ discoveryApi, fetchApi }),
    }),
    createApiFactory({
      api: modelkitPromotionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitPromotionClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    versions: versionsRouteRef,
    contents: contentsRouteRef,
    diff: diffRouteRef,
    security: securityRouteRef,
    componentDeployments: componentDeploymentsRouteRef,
    whereItRuns: whereItRunsRouteRef,
    fleet: fleetRouteRef,
    lineage: lineageRouteRef,
    modelCard: modelCardRouteRef,
    promotions: promotionsRouteRef,
  },
});

/**
 * The About card of a ModelKit entity page, for apps on the legacy frontend
 * system. Place it on the entity page for ModelKits, for example under an
 * `EntitySwitch.Case` with `if={isModelKitEntity}`.
 *
 * @public
 */
export const EntityModelKitAboutCard: () => JSX.Element =
  modelkitPlugin.provide(
    createComponentExtension({
      name: 'EntityModelKitAboutCard',
      component: {
        lazy: () =>
          import('./components/ModelKitAboutCard').then(
            m => m.ModelKitAboutCard,
          ),
      },
    }),
  );

/**
 * The card listing a ModelKit entity's relations grouped by type, for apps on
 * the legacy frontend system.
 *
 * @public
 */
export const EntityModelKitRelationsCard: () => JSX.Element =
  modelkitPlugin.provide(
    createComponentExtension({
      name: 'EntityModelKitRelationsCard',
      component: {
        lazy: () =>
          import('./components/ModelKitRelationsCard').then(
            m => m.ModelKitRelationsCard,
          ),
      },
    }),
  );

/**
 * Props of {@link EntityModelKitVersionsContent}.
 *
 * @public
 */
export interface EntityModelKitVersionsContentProps {
  /** How many versions to load per page; the backend's default if unset. */
  pageSize?: number;
}

/**
 * The Versions tab of a ModelKit entity page, for apps on the legacy frontend
 * system: every version in the registry, newest first, with copyable
 * `kit pull` and `kit unpack` commands and a "Load more" button.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/versions" title="Versions">
 *   <EntityModelKitVersionsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitVersionsContent: (
  props: EntityModelKitVersionsContentProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitVersionsContent',
    component: () =>
      import('./components/ModelKitVersionsContent').then(
        m => m.ModelKitVersionsContent,
      ),
    mountPoint: versionsRouteRef,
  }),
);

/**
 * The Contents tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest), the Kitfile summary, the `kit` commands and the layers.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/contents" title="Contents">
 *   <EntityModelKitContentsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitContentsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitContentsContent',
      component: () =>
        import('./components/ModelKitContentsContent').then(
          m => m.ModelKitContentsContent,
        ),
      mountPoint: contentsRouteRef,
    }),
  );

/**
 * The Diff tab of a ModelKit entity page, for apps on the legacy frontend
 * system: two version pickers (the previous and the newest by default, or the
 * `?from=&to=` tags or digests) and what changed between them.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/diff" title="Diff">
 *   <EntityModelKitDiffContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitDiffContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitDiffContent',
      component: () =>
        import('./components/ModelKitDiffContent').then(
          m => m.ModelKitDiffContent,
        ),
      mountPoint: diffRouteRef,
    }),
  );

/**
 * The Security tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest), the version's attestation policy outcome with the rule that failed,
 * how many attestations ended in each verification state, and each
 * attestation with its state and reason, signer, predicate summary and a
 * copyable `cosign verify-attestation` command.
 *
 * @remarks
 *
 * The backend finds and verifies the attestations; only `verified` ones are
 * shown as verified.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/security" title="Security">
 *   <EntityModelKitSecurityContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitSecurityContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitSecurityContent',
      component: () =>
        import('./components/ModelKitSecurityContent').then(
          m => m.ModelKitSecurityContent,
        ),
      mountPoint: securityRouteRef,
    }),
  );

/**
 * The Deployments tab of a Component's entity page, for apps on the legacy
 * frontend system: one card per cluster with the health of the service there
 * and its reasons, the Flux or Argo CD delivery, replicas, the ModelKit
 * version running with its digest and policy badge, and copyable `flux` and
 * `kubectl` commands. A cluster that cannot be read shows its error on its
 * own card.
 *
 * @remarks
 *
 * Workloads are found by the Component's `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` annotation. Mount the tab at
 * `/deployments`, the path the fleet page and the Where it runs tab link to,
 * or pass them the path you chose.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/deployments" title="Deployments">
 *   <EntityModelKitDeploymentsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitDeploymentsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitDeploymentsContent',
      component: () =>
        import('./components/ComponentDeploymentsContent').then(
          m => m.ComponentDeploymentsContent,
        ),
      mountPoint: componentDeploymentsRouteRef,
    }),
  );

/**
 * Props of {@link EntityModelKitWhereItRunsContent}.
 *
 * @public
 */
export interface EntityModelKitWhereItRunsContentProps {
  /**
   * The path of the Deployments tab of Components below the entity page,
   * which the service links open. Defaults to `deployments`.
   */
  deploymentsPath?: string;
}

/**
 * The Where it runs tab of a ModelKit entity page, for apps on the legacy
 * frontend system: each version running on a cluster (digest, tags and
 * policy badge) with the services running it and their health.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/deployments" title="Where it runs">
 *   <EntityModelKitWhereItRunsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitWhereItRunsContent: (
  props: EntityModelKitWhereItRunsContentProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitWhereItRunsContent',
    component: () =>
      import('./components/ModelKitWhereItRunsContent').then(
        m => m.ModelKitWhereItRunsContent,
      ),
    mountPoint: whereItRunsRouteRef,
  }),
);

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
        import('./components/ModelKitFleetPage').then(m => m.ModelKitFleetPage),
      mountPoint: fleetRouteRef,
    }),
  );

/**
 * Props of {@link EntityModelKitLineageContent} and
 * {@link EntityModelKitLineageCard}.
 *
 * @public
 */
export interface EntityModelKitLineageProps {
  /** The height of the graph canvas in pixels (600 on the tab, 420 on the card). */
  height?: number;
}

/**
 * The Lineage tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest) and the graph, drawn left to right, from the version's datasets,
 * base models and source through the ModelKit and its fine-tunes to the
 * Components serving it and the clusters they run on. Nodes link to their
 * entity pages, edges say what the link is, large groups can be collapsed,
 * and a table lists every node. Missing references, cycles and limits are
 * shown as warnings.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/lineage" title="Lineage">
 *   <EntityModelKitLineageContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitLineageContent: (
  props: EntityModelKitLineageProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitLineageContent',
    component: () =>
      import('./components/ModelKitLineageContent').then(
        m => m.ModelKitLineageContent,
      ),
    mountPoint: lineageRouteRef,
  }),
);

/**
 * The Model card tab of a ModelKit entity page, for apps on the legacy
 * frontend system: the model card of one version (the newest by default, or
 * the `?version=` tag or digest) read by the backend from the docs layer and
 * rendered as Markdown without raw HTML, with only `http:`, `https:`,
 * `mailto:` and in-page links; the Kitfile descriptions when there is none.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/model-card" title="Model card">
 *   <EntityModelKitModelCardContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitModelCardContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitModelCardContent',
      component: () =>
        import('./components/ModelCard').then(m => m.ModelCardContent),
      mountPoint: modelCardRouteRef,
    }),
  );

/**
 * The Model lineage card of a Component entity page, for apps on the legacy
 * frontend system: the ModelKits the Component serves with their datasets
 * and base models, and the clusters it runs on.
 *
 * @example
 *
 * ```tsx
 * <EntitySwitch.Case if={isKind('component')}>
 *   <Grid item md={12}>
 *     <EntityModelKitLineageCard />
 *   </Grid>
 * </EntitySwitch.Case>
 * ```
 *
 * @public
 */
export const EntityModelKitLineageCard: (
  props: EntityModelKitLineageProps,
) => JSX.Element = modelkitPlugin.provide(
  createComponentExtension({
    name: 'EntityModelKitLineageCard',
    component: {
      lazy: () =>
        import('./components/ModelKitLineageCard').then(
          m => m.ModelKitLineageCard,
        ),
    },
  }),
);

/**
 * The Models card of a Group entity page, for apps on the legacy frontend
 * system: the ModelKits the group owns with their newest version, size and
 * attestation policy status.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/" title="Overview">
 *   <Grid container>
 *     <Grid item md={12}>
 *       <EntityGroupModelKitsCard />
 *     </Grid>
 *   </Grid>
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityGroupModelKitsCard: () => JSX.Element =
  modelkitPlugin.provide(
    createComponentExtension({
      name: 'EntityGroupModelKitsCard',
      component: {
        lazy: () =>
          import('./components/GroupModelKitsCard').then(
            m => m.GroupModelKitsCard,
          ),
      },
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
        import('./components/ModelKitCatalogFilters').then(
          m => m.ModelKitCatalogFilters,
        ),
    },
  }),
);

/**
 * The Promotions tab of a Component, for apps on the legacy frontend system:
 * per environment, which ModelKit digest was promoted when, by whom and
 * through which pull request, which version was live at a given time, and
 * "Roll back" to the previously promoted version for users who may promote.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/promotions" title="Promotions">
 *   <EntityModelKitPromotionsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitPromotionsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitPromotionsContent',
      component: () =>
        import('./components/PromotionHistory').then(
          m => m.PromotionHistoryContent,
        ),
      mountPoint: promotionsRouteRef,
    }),
  );

/**
 * The `ModelKitVersionPicker` scaffolder field for apps on the legacy frontend
 * system: the versions of the ModelKit the form's `component` runs, with their
 * policy badges; its value is the version's digest. Place it inside
 * `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const ModelKitVersionPickerFieldExtension: FieldExtensionComponent<
  string,
  {}
> = modelkitPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelKitVersionPicker',
    component: ModelKitVersionPickerField,
    validation: validateModelKitVersion,
  }),
);

/**
 * The `ModelKitEnvironmentPicker` scaffolder field for apps on the legacy
 * frontend system: the environments of `kitstage.environments`, each with its
 * gates. Place it inside `ScaffolderFieldExtensions`.
 *
 * @public
 */
export const ModelKitEnvironmentPickerFieldExtension: FieldExtensionComponent<
  string,
  {}
> = modelkitPlugin.provide(
  createScaffolderFieldExtension({
    name: 'ModelKitEnvironmentPicker',
    component: ModelKitEnvironmentPickerField,
  }),
);
