import { createApiRef } from '@backstage/frontend-plugin-api';
import type { ModelKitPromotionApi } from '@kitstage/plugin-modelkit-common';

/**
 * The API the promotion views read environments, gate evaluations and the
 * promotion history through. The plugin provides a `ModelKitPromotionClient`
 * from `@kitstage/plugin-modelkit-common` for the `modelkit` backend; apps may
 * override it.
 *
 * @public
 */
export const modelkitPromotionApiRef =
  createApiRef<ModelKitPromotionApi>().with({
    id: 'plugin.modelkit.promotion',
    pluginId: 'modelkit',
  });
