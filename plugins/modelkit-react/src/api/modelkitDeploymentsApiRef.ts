import { createApiRef } from '@backstage/frontend-plugin-api';
import { ModelKitDeploymentsApi } from '@kitstage/plugin-modelkit-common';

/**
 * The API the deployment views read cluster state through: where a Component
 * runs, where each version of a ModelKit runs, and the services × clusters
 * fleet matrix. The plugin provides a `ModelKitDeploymentsClient` for the
 * `modelkit` backend, which reads the clusters configured for the Kubernetes
 * plugin; apps may override it.
 *
 * @public
 */
export const modelkitDeploymentsApiRef =
  createApiRef<ModelKitDeploymentsApi>().with({
    id: 'plugin.modelkit.deployments',
    pluginId: 'modelkit',
  });
