import { createRouteRef } from '@backstage/frontend-plugin-api';

/**
 * The route of the fleet page, for links from other plugins.
 *
 * @alpha
 */
export const fleetPageRouteRef = createRouteRef();
