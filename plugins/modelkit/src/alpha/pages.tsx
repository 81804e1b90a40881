import { Content } from '@backstage/core-components';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import StorageIcon from '@material-ui/icons/Storage';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { fleetPageRouteRef } from './routes';

/**
 * The fleet page for platform owners, at `/modelkit-fleet` and in the nav as
 * "Model fleet": every service × every cluster with a status per placement,
 * counts per status, and filters by owner, system and status kept in the
 * address.
 *
 * @alpha
 */
export const modelkitFleetPage = PageBlueprint.make({
  name: 'fleet',
  params: {
    path: '/modelkit-fleet',
    title: modelkitTranslationRef('fleet.title'),
    icon: <StorageIcon fontSize="inherit" />,
    routeRef: fleetPageRouteRef,
    loader: () =>
      import('../components/ModelKitFleetContent').then(m => (
        <Content>
          <m.ModelKitFleetContent />
        </Content>
      )),
  },
});

/**
 * The pages of the plugin.
 *
 * @internal
 */
export const pages = [modelkitFleetPage];
