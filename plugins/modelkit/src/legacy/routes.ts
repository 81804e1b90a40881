import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The routes of the legacy plugin's tabs and page, by the name the plugin
 * gives them: each extension is mounted at one of them.
 */
export const routeRefs = {
  versions: createRouteRef({ id: 'modelkit:versions' }),
  contents: createRouteRef({ id: 'modelkit:contents' }),
  diff: createRouteRef({ id: 'modelkit:diff' }),
  security: createRouteRef({ id: 'modelkit:security' }),
  componentDeployments: createRouteRef({
    id: 'modelkit:component-deployments',
  }),
  whereItRuns: createRouteRef({ id: 'modelkit:where-it-runs' }),
  fleet: createRouteRef({ id: 'modelkit:fleet' }),
  lineage: createRouteRef({ id: 'modelkit:lineage' }),
  modelCard: createRouteRef({ id: 'modelkit:model-card' }),
  promotions: createRouteRef({ id: 'modelkit:promotions' }),
};
