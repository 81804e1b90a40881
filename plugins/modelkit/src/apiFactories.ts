import {
  ApiRef,
  createApiFactory,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  ModelKitClient,
  ModelKitClientOptions,
  ModelKitDeploymentsClient,
  ModelKitPromotionClient,
} from '@kitstage/plugin-modelkit-common';
import {
  modelkitApiRef,
  modelkitDeploymentsApiRef,
  modelkitPromotionApiRef,
} from '@kitstage/plugin-modelkit-react';

/**
 * A factory that provides an API as a client of the `modelkit` backend,
 * calling it with the user's credentials through the fetch API.
 */
function backendClientFactory<TApi>(
  api: ApiRef<TApi>,
  Client: new (options: ModelKitClientOptions) => TApi,
) {
  return createApiFactory({
    api,
    deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
    factory: ({ discoveryApi, fetchApi }) =>
      new Client({ discoveryApi, fetchApi }),
  });
}

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitApiRef} as a
 * `ModelKitClient`; both frontend systems install this factory.
 *
 * @internal
 */
export const modelkitApiFactory = backendClientFactory(
  modelkitApiRef,
  ModelKitClient,
);

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitDeploymentsApiRef}
 * as a `ModelKitDeploymentsClient`; both frontend systems install this
 * factory.
 *
 * @internal
 */
export const modelkitDeploymentsApiFactory = backendClientFactory(
  modelkitDeploymentsApiRef,
  ModelKitDeploymentsClient,
);

/**
 * Provides {@link @kitstage/plugin-modelkit-react#modelkitPromotionApiRef} as
 * a `ModelKitPromotionClient`; both frontend systems install this factory.
 *
 * @internal
 */
export const modelkitPromotionApiFactory = backendClientFactory(
  modelkitPromotionApiRef,
  ModelKitPromotionClient,
);
