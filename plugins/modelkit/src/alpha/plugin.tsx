import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ModelKitIcon } from '../components/ModelKitIcon';
import { modelkitApi } from './apis';
import { entityCards } from './entityCards';
import { entityContents } from './entityContents';

/**
 * The Kitstage frontend plugin for apps on the new frontend system: the
 * ModelKit API, the ModelKit entity page cards and the Versions, Contents and
 * Diff tabs.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelkit',
  title: 'ModelKits',
  icon: <ModelKitIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [modelkitApi, ...entityCards, ...entityContents],
});
