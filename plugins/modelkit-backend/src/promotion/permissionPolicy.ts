import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  modelkitPromoteOverridePermission,
  modelkitPromotePermission,
} from '@kitstage/plugin-modelkit-common';

/**
 * Options of {@link decideModelKitPromotion}.
 *
 * @public
 */
export interface ModelKitPromotionPolicyOptions {
  /**
   * Ownership claims (user or group entity refs, e.g. `group:default/platform`) whose members
   * may override refused gates, on any Component. Nobody may override when absent.
   */
  overrideClaims?: string[];
}

/**
 * The default decision for the Kitstage promotion permissions, for use in a permission
 * policy: `kitstage.modelkit.promote` is allowed to the owners of the Component (a condition
 * the catalog evaluates with its `IS_ENTITY_OWNER` rule against the user's ownership claims),
 * `kitstage.modelkit.promote.override` only to members of `overrideClaims`. Returns undefined
 * for every other permission, so the policy decides those itself.
 *
 * @example
 * ```ts
 * class Policy implements PermissionPolicy {
 *   async handle(request: PolicyQuery, user?: PolicyQueryUser) {
 *     return (
 *       decideModelKitPromotion(request, user, {
 *         overrideClaims: ['group:default/platform'],
 *       }) ?? { result: AuthorizeResult.ALLOW }
 *     );
 *   }
 * }
 * ```
 *
 * @public
 */
export function decideModelKitPromotion(
  request: PolicyQuery,
  user: PolicyQueryUser | undefined,
  options: ModelKitPromotionPolicyOptions = {},
): PolicyDecision | undefined {
  const claims = user?.info.ownershipEntityRefs ?? [];
  if (isPermission(request.permission, modelkitPromotePermission)) {
    if (claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims },
      },
    };
  }
  if (isPermission(request.permission, modelkitPromoteOverridePermission)) {
    const allowed = (options.overrideClaims ?? []).some(claim =>
      claims.includes(claim),
    );
    return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
  }
  return undefined;
}
