import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  ModelKitClient,
  ModelKitDeploymentsClient,
  ModelKitPromotionClient,
} from '@kitstage/plugin-modelkit-common';
import {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
  modelkitPromotionApiRef,
} from '@kitstage/plugin-modelkit-react';

/**
 * Provides `modelkitApiRef` as a `ModelKitClient` that calls the
 * `modelkit` backend with the user's credentials. Apps can override it to
 * point the ModelKit views at another implementation.
 *
 * @alpha
 */
export const modelkitApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: modelkitApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides `modelkitDeploymentsApiRef` as a `ModelKitDeploymentsClient`
 * that calls the deployment routes of the `modelkit` backend with the user's
 * credentials. The backend reads the clusters; the browser never does.
 *
 * @alpha
 */
export const modelkitDeploymentsApi = ApiBlueprint.make({
  name: 'deployments',
  params: defineParams =>
    defineParams({
      api: modelkitDeploymentsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitDeploymentsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * Provides `modelkitPromotionApiRef` as a `ModelKitPromotionClient` that
 * calls the promotion routes of the `modelkit` backend with the user's
 * credentials: environments, gate evaluation and promotion history.
 *
 * @alpha
 */
export const modelkitPromotionApi = ApiBlueprint.make({
  name: 'promotion',
  params: defineParams =>
    defineParams({
      api: modelkitPromotionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new ModelKitPromotionClient({ discoveryApi, fetchApi }),
    }),
});
