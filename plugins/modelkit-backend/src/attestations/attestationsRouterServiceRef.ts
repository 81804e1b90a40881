import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitRegistryServiceRef } from '@kitstage/plugin-modelkit-node';
import express from 'express';
import { ModelKitVersionsService } from '../service/ModelKitVersionsService';
import { ModelKitAttestationsService } from './ModelKitAttestationsService';
import { modelkitPolicyServiceRef } from './modelkitPolicyServiceRef';
import { createAttestationsRouter } from './router';

/**
 * The attestation and policy status routes of the `modelkit` plugin, wired from the catalog,
 * permissions, the registry service and {@link modelkitPolicyServiceRef}. The plugin mounts
 * it with `httpRouter.use`.
 *
 * @internal
 */
export const attestationsRouterServiceRef = createServiceRef<express.Router>({
  id: 'kitstage.attestations.router',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        registries: modelkitRegistryServiceRef,
        policy: modelkitPolicyServiceRef,
      },
      async factory({ httpAuth, permissions, catalog, registries, policy }) {
        return createAttestationsRouter({
          httpAuth,
          attestations: ModelKitAttestationsService.create({
            versions: ModelKitVersionsService.create({
              catalog,
              registries,
              permissions,
            }),
            policy,
          }),
        });
      },
    }),
});
