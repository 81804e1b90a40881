import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';

/**
 * Plugins are discovered from this package's dependencies (`app.packages: all` in
 * app-config.yaml); modules here only customise the app shell.
 */
export default createApp({
  features: [navModule],
});
