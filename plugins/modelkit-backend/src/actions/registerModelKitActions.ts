import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ModelKitActionsOptions } from './actionHelpers';
import { registerEvaluatePromotionAction } from './evaluatePromotion';
import { registerGetModelKitDeploymentsAction } from './getModelKitDeployments';
import { registerGetModelKitLineageAction } from './getModelKitLineage';
import { registerGetModelKitVersionStatusAction } from './getModelKitVersionStatus';
import { registerListModelKitsAction } from './listModelKits';
import { registerListModelKitVersionsAction } from './listModelKitVersions';

/**
 * Registers the read-only actions of the `modelkit` plugin in the actions registry, where
 * the MCP actions backend serves them to AI agents as tools. Each calls the service of the
 * matching REST route with the caller's credentials, so it answers with the same data and is
 * refused exactly where the route is.
 *
 * @internal
 */
export function registerModelKitActions(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  registerListModelKitsAction(registry, options);
  registerListModelKitVersionsAction(registry, options);
  registerGetModelKitVersionStatusAction(registry, options);
  registerGetModelKitDeploymentsAction(registry, options);
  registerGetModelKitLineageAction(registry, options);
  registerEvaluatePromotionAction(registry, options);
}
