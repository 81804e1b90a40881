import {
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  modelkitDeploymentsOperatePermission,
  modelkitPromotePermission,
} from '@kitstage/plugin-modelkit-common';
import { decideModelKitPromotion } from '../promotion/permissionPolicy';

/**
 * The default decision for `kitstage.deployments.operate`, for use in a permission policy:
 * allowed to the owners of the Component, exactly as `decideModelKitPromotion` allows
 * `kitstage.modelkit.promote` (a condition the catalog evaluates with its `IS_ENTITY_OWNER`
 * rule against the user's ownership claims). Returns undefined for every other permission,
 * so the policy decides those itself.
 *
 * @example
 * ```ts
 * class Policy implements PermissionPolicy {
 *   async handle(request: PolicyQuery, user?: PolicyQueryUser) {
 *     return (
 *       decideModelKitDeploymentActions(request, user) ??
 *       decideModelKitPromotion(request, user) ?? { result: AuthorizeResult.ALLOW }
 *     );
 *   }
 * }
 * ```
 *
 * @public
 */
export function decideModelKitDeploymentActions(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
): PolicyDecision | undefined {
  if (!isPermission(request.permission, modelkitDeploymentsOperatePermission)) {
    return undefined;
  }
  // The owner default of promotion, decided by the same code.
  return decideModelKitPromotion(
    { ...request, permission: modelkitPromotePermission },
    user,
  );
}
