import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { ModelKitIcon } from '@kitstage/plugin-modelkit-react';
import {
  modelkitApi,
  modelkitDeploymentsApi,
  modelkitPromotionApi,
} from './apis';
import { catalogFilters } from './catalogFilters';
import { deploymentContents } from './deploymentContents';
import { entityCards } from './entityCards';
import { entityContents } from './entityContents';
import { pages } from './pages';
import { promotionContents, scaffolderFormFields } from './promotion';
import { fleetPageRouteRef } from './routes';

/**
 * The Kitstage frontend plugin for apps on the new frontend system: the
 * ModelKit and deployments APIs, the ModelKit entity page cards, the Versions,
 * Contents, Diff, Security, Lineage, Model card and Where it runs tabs of
 * ModelKits, the Deployments tab and Model lineage card of Components, the
 * Models card of Groups, the ModelKit catalog filters, the Model fleet
 * page, the Promotions tab of Components and the `ModelKitVersionPicker` and
 * `ModelKitEnvironmentPicker` scaffolder fields.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'modelkit',
  title: 'ModelKits',
  icon: <ModelKitIcon fontSize="inherit" />,
  info: { packageJson: () => import('../../package.json') },
  extensions: [
    modelkitApi,
    modelkitDeploymentsApi,
    modelkitPromotionApi,
    ...entityCards,
    ...entityContents,
    ...deploymentContents,
    ...pages,
    ...catalogFilters,
    ...promotionContents,
    ...scaffolderFormFields,
  ],
  routes: { fleet: fleetPageRouteRef },
});
