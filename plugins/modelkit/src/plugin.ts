import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { ModelKitClient } from '@kitstage/plugin-modelkit-common';
import { JSX } from 'react';
import { modelkitApiRef } from './api';

const versionsRouteRef = createRouteRef({ id: 'modelkit:versions' });
const contentsRouteRef = createRouteRef({ id: 'modelkit:contents' });
const diffRouteRef = createRouteRef({ id: 'modelkit:diff' });

/**
 * The ModelKit plugin for apps on the legacy frontend system. It provides
 * {@link modelkitApiRef} as a `ModelKitClient` for the `modelkit` backend.
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
  ],
  routes: {
    versions: versionsRouteRef,
    contents: contentsRouteRef,
    diff: diffRouteRef,
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
