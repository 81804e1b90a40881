import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { ModelKitClient } from '@kitstage/plugin-modelkit-common';
import { modelkitApiRef } from '../api';

/**
 * Provides {@link modelkitApiRef} as a `ModelKitClient` that calls the
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
