import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { deploymentsServiceRef } from './deploymentsServiceRef';
import { createDeploymentsRouter } from './router';

/**
 * The deployment health routes of the `modelkit` plugin (`/deployments/...`), wired from
 * their services: cluster access through the Kubernetes plugin, the catalog, the registry
 * service and the policy status seam (see `deploymentsServiceRef`). The plugin mounts it with
 * `httpRouter.use`.
 *
 * @internal
 */
export const deploymentsRouterServiceRef = createServiceRef<express.Router>({
  id: 'kitstage.deployments.router',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        deployments: deploymentsServiceRef,
      },
      async factory(deps) {
        return createDeploymentsRouter({
          httpAuth: deps.httpAuth,
          permissions: deps.permissions,
          deployments: deps.deployments,
        });
      },
    }),
});
