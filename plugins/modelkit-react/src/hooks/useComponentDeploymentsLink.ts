import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { useCallback } from 'react';

/**
 * The default path of the Deployments tab of Components, relative to the
 * entity page.
 *
 * @public
 */
export const DEFAULT_DEPLOYMENTS_PATH = 'deployments';

/**
 * Builds links to the Deployments tab of a Component's entity page.
 *
 * @param tabPath - The path of the tab below the entity page, as the app
 *   mounts it (`deployments` unless the app moved it).
 * @public
 */
export function useComponentDeploymentsLink(
  tabPath: string = DEFAULT_DEPLOYMENTS_PATH,
): (entityRef: string) => string {
  const entityLink = useEntityRefLink();
  const tab = tabPath.replace(/^\/+|\/+$/g, '');
  return useCallback(
    (entityRef: string) => {
      const page = entityLink(entityRef).replace(/\/+$/, '');
      return tab ? `${page}/${tab}` : page;
    },
    [entityLink, tab],
  );
}
