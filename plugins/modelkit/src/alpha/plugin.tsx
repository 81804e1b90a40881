import { createFrontendPlugin } from '@backstage/frontend-plugin-api';

/**
 * The Kitstage frontend plugin for apps on the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelkit',
  title: 'ModelKits',
  extensions: [],
});
