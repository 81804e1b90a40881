import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import { IconBundleBlueprint } from '@backstage/plugin-app-react';
import { DefaultEntityPresentationApi } from '@backstage/plugin-catalog';
import {
  catalogApiRef,
  entityPresentationApiRef,
} from '@backstage/plugin-catalog-react';
import { ModelKitIcon } from '@kitstage/plugin-modelkit';

/** The ModelKit kind icon for the entity inspector and other `kind:` icon lookups. */
export const modelkitIconsModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    IconBundleBlueprint.make({
      name: 'modelkit',
      params: {
        icons: { 'kind:modelkit': <ModelKitIcon fontSize="inherit" /> },
      },
    }),
  ],
});

/** Shows the ModelKit icon next to entity links and on catalog graph nodes. */
export const modelkitEntityPresentationModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    ApiBlueprint.make({
      name: 'entity-presentation',
      params: defineParams =>
        defineParams({
          api: entityPresentationApiRef,
          deps: { catalogApi: catalogApiRef },
          factory: ({ catalogApi }) =>
            DefaultEntityPresentationApi.create({
              catalogApi,
              kindIcons: { modelkit: ModelKitIcon },
            }),
        }),
    }),
  ],
});
