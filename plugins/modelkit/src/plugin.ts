import {
  createComponentExtension,
  createPlugin,
} from '@backstage/core-plugin-api';
import { JSX } from 'react';

/**
 * The ModelKit plugin for apps on the legacy frontend system.
 *
 * @public
 */
export const modelkitPlugin = createPlugin({
  id: 'modelkit',
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
