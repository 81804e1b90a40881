import {
  BackendFeature,
  BackstageUserPrincipal,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';

/**
 * A module of the real permission backend that decides with the given policy.
 *
 * @internal
 */
export function permissionPolicyModule(
  moduleId: string,
  policy: PermissionPolicy,
): BackendFeature {
  return createBackendModule({
    pluginId: 'permission',
    moduleId,
    register(env) {
      env.registerInit({
        deps: { policies: policyExtensionPoint },
        async init({ policies }) {
          policies.setPolicy(policy);
        },
      });
    },
  });
}

/**
 * The mock auth service, except that a plugin calling another on behalf of a user gets a token
 * naming the plugin as the actor, as the real auth service issues it. The permission backend
 * refuses conditional requests from users without an actor, so the catalog needs this to ask
 * for `catalog.entity.read` on behalf of the caller.
 *
 * @internal
 */
export const authWithActors = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    const issue = auth.getPluginRequestToken.bind(auth);
    auth.getPluginRequestToken = async options => {
      const principal = options.onBehalfOf.principal as
        | Partial<BackstageUserPrincipal>
        | undefined;
      if (principal?.type === 'user' && principal.userEntityRef) {
        return {
          token: mockCredentials.user.token(principal.userEntityRef, {
            actor: { subject: `plugin:${plugin.getId()}` },
          }),
        };
      }
      return issue(options);
    };
    return auth;
  },
});

/**
 * One rule of {@link TestPermissionPolicy}: what it decides for a user asking for a
 * permission. `deny` denies it; `ownedBy` allows it, through a catalog condition the catalog
 * itself evaluates, on the entities the given groups own only.
 *
 * @internal
 */
export interface TestPolicyRule {
  /** The user entity ref of the caller the rule applies to. */
  user: string;
  /** The permission the rule decides. */
  permission: Permission;
  /** What it decides: a denial, or the entities of these owners only. */
  decision: 'deny' | { ownedBy: string[] };
}

/**
 * The permission policy of the test backends: the first rule that names the calling user and
 * the permission decides; everything else is allowed.
 *
 * @internal
 */
export class TestPermissionPolicy implements PermissionPolicy {
  readonly #rules: TestPolicyRule[];

  constructor(rules: TestPolicyRule[]) {
    this.#rules = rules;
  }

  async handle(
    query: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const who = (
      user?.credentials.principal as Partial<BackstageUserPrincipal> | undefined
    )?.userEntityRef;
    for (const rule of this.#rules) {
      if (
        rule.user !== who ||
        !isPermission(query.permission, rule.permission)
      ) {
        continue;
      }
      if (rule.decision === 'deny') {
        return { result: AuthorizeResult.DENY };
      }
      if (isResourcePermission(query.permission, 'catalog-entity')) {
        return createCatalogConditionalDecision(
          query.permission,
          catalogConditions.isEntityOwner({ claims: rule.decision.ownedBy }),
        );
      }
    }
    return { result: AuthorizeResult.ALLOW };
  }
}
