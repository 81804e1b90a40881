import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import {
  modelkitEntityPresentationModule,
  modelkitIconsModule,
} from './modules/modelkit';
import { modelkitCatalogPageModule } from './modules/modelkit/catalogPage';

/**
 * Plugins are discovered from this package's dependencies (`app.packages: all` in
 * app-config.yaml); the modules here customise the app shell.
 */
export default createApp({
  features: [
    navModule,
    modelkitIconsModule,
    modelkitEntityPresentationModule,
    modelkitCatalogPageModule,
  ],
});
