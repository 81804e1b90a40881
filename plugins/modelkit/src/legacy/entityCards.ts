import { createComponentExtension } from '@backstage/core-plugin-api';
import { JSX } from 'react';
import type { EntityModelKitLineageProps } from './entityContents';
import { modelkitPlugin } from './plugin';

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
          import('../components/ModelKitAboutCard').then(
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
          import('../components/ModelKitRelationsCard').then(
            m => m.ModelKitRelationsCard,
          ),
      },
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
        import('../components/ModelKitLineageCard').then(
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
          import('../components/GroupModelKitsCard').then(
            m => m.GroupModelKitsCard,
          ),
      },
    }),
  );
