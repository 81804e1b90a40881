import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ModelKitIcon } from '../components/ModelKitIcon';
import { entityCards } from './entityCards';
import { entityContents } from './entityContents';

/**
 * The Kitstage frontend plugin for apps on the new frontend system: the
 * ModelKit entity page cards.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelkit',
  title: 'ModelKits',
  icon: <ModelKitIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [...entityCards, ...entityContents],
});
