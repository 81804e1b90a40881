import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { modelkitRegistryServiceRef } from '../registry/modelkitRegistryServiceRef';
import { ModelKitAccessService } from './ModelKitAccessService';

/**
 * The authorization helper of Kitstage ({@link ModelKitAccessService}), for the `modelkit`
 * backend plugin and the scaffolder module alike.
 *
 * @public
 */
export const modelkitAccessServiceRef = createServiceRef<ModelKitAccessService>(
  {
    id: 'modelkit.access',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          catalog: catalogServiceRef,
          permissions: coreServices.permissions,
          registries: modelkitRegistryServiceRef,
        },
        factory: deps => ModelKitAccessService.create(deps),
      }),
  },
);
