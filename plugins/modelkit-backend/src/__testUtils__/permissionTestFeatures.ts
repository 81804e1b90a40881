import {
  BackendFeature,
  BackstageUserPrincipal,
  coreServices,
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
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
