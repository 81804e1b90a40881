import { createBackend } from '@backstage/backend-defaults';
import { searchModuleModelKitCollator } from '@kitstage/plugin-modelkit-backend';

/**
 * The Kitstage portal's backend with every plugin and module it runs in production, not yet
 * started: the production entry point starts it as it is, the demo entry point adds the
 * demo's simulated clusters first.
 */
export function createKitstageBackend() {
  const backend = createBackend();

  backend.add(import('@backstage/plugin-app-backend'));
  backend.add(import('@backstage/plugin-proxy-backend'));

  // Auth: guest sign-in is enabled in app-config.yaml for development only.
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

  // Catalog, with the ModelKit kind and the OCI registry entity provider.
  backend.add(import('@backstage/plugin-catalog-backend'));
  backend.add(
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
  );
  backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
  backend.add(import('@kitstage/plugin-catalog-backend-module-modelkit'));

  // Scaffolder, with the Kitstage actions.
  backend.add(import('@backstage/plugin-scaffolder-backend'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
  backend.add(import('@backstage/plugin-scaffolder-backend-module-gitlab'));
  backend.add(import('@kitstage/plugin-scaffolder-backend-module-modelkit'));

  // Permissions: allow-all for the demo portal; see the README for a real policy.
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );

  // Search: Postgres when configured, the in-memory Lunr engine otherwise.
  backend.add(import('@backstage/plugin-search-backend'));
  backend.add(import('@backstage/plugin-search-backend-module-pg'));
  backend.add(import('@backstage/plugin-search-backend-module-catalog'));
  // A named export: under the development server's CommonJS interop a dynamic import() does
  // not see the names re-exported with `export *`, so import it statically.
  backend.add(searchModuleModelKitCollator);

  backend.add(import('@backstage/plugin-kubernetes-backend'));

  // Kitstage API: registries, attestations, deployments.
  backend.add(import('@kitstage/plugin-modelkit-backend'));

  // AI agents: the MCP actions backend serves the actions of the plugins listed under
  // backend.actions.pluginSources (the modelkit plugin's read-only actions) at
  // /api/mcp-actions/v1, each invoked as the caller.
  backend.add(import('@backstage/plugin-mcp-actions-backend'));

  return backend;
}
