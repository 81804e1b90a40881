import { createPlugin } from '@backstage/core-plugin-api';
import {
  modelkitApiFactory,
  modelkitDeploymentsApiFactory,
  modelkitPromotionApiFactory,
} from '../apiFactories';
import { routeRefs } from './routes';

/**
 * The ModelKit plugin for apps on the legacy frontend system. It provides
 * {@link @kitstage/plugin-modelkit-react#modelkitApiRef} as a `ModelKitClient`,
 * {@link @kitstage/plugin-modelkit-react#modelkitDeploymentsApiRef} as a
 * `ModelKitDeploymentsClient` and
 * {@link @kitstage/plugin-modelkit-react#modelkitPromotionApiRef} as a
 * `ModelKitPromotionClient` for the `modelkit` backend.
 *
 * @public
 */
export const modelkitPlugin = createPlugin({
  id: 'modelkit',
  apis: [
    modelkitApiFactory,
    modelkitDeploymentsApiFactory,
    modelkitPromotionApiFactory,
  ],
  routes: routeRefs,
});
