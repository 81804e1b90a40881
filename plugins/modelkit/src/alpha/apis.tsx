import { ApiBlueprint } from '@backstage/frontend-plugin-api';
import {
  modelkitApiFactory,
  modelkitDeploymentsApiFactory,
  modelkitPromotionApiFactory,
} from '../apiFactories';

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitApiRef} as a
 * `ModelKitClient` that calls the `modelkit` backend with the user's
 * credentials. Apps can override it to point the ModelKit views at another
 * implementation.
 *
 * @alpha
 */
export const modelkitApi = ApiBlueprint.make({
  params: defineParams => defineParams(modelkitApiFactory),
});

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitDeploymentsApiRef}
 * as a `ModelKitDeploymentsClient` that calls the deployment routes of the
 * `modelkit` backend with the user's credentials. The backend reads the
 * clusters; the browser never does.
 *
 * @alpha
 */
export const modelkitDeploymentsApi = ApiBlueprint.make({
  name: 'deployments',
  params: defineParams => defineParams(modelkitDeploymentsApiFactory),
});

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitPromotionApiRef} as
 * a `ModelKitPromotionClient` that calls the promotion routes of the
 * `modelkit` backend with the user's credentials: environments, gate
 * evaluation and promotion history.
 *
 * @alpha
 */
export const modelkitPromotionApi = ApiBlueprint.make({
  name: 'promotion',
  params: defineParams => defineParams(modelkitPromotionApiFactory),
});
