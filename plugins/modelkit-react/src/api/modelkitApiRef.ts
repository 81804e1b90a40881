import { createApiRef } from '@backstage/frontend-plugin-api';
import { ModelKitApi } from '@kitstage/plugin-modelkit-common';

/**
 * The API the ModelKit views read registry data through: versions, the
 * contents of one version and the difference between two. The plugin provides
 * a `ModelKitClient` for the `modelkit` backend; apps may override it.
 *
 * @public
 */
export const modelkitApiRef = createApiRef<ModelKitApi>().with({
  id: 'plugin.modelkit.service',
  pluginId: 'modelkit',
});
