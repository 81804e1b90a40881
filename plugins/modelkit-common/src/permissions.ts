import {
  createPermission,
  PermissionAttributes,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** A permission on catalog entities (`catalog-entity`), so policies can decide per entity. */
function entityPermission(
  name: string,
  action: NonNullable<PermissionAttributes['action']>,
): ResourcePermission<'catalog-entity'> {
  return createPermission({
    name,
    attributes: { action },
    resourceType: 'catalog-entity',
  });
}

/**
 * Reading registry data (versions, contents, diffs) of a ModelKit entity. It is a resource
 * permission on catalog entities, so policies can decide per entity.
 *
 * @public
 */
export const modelkitReadPermission = entityPermission(
  'kitstage.modelkit.read',
  'read',
);

/**
 * Promoting a ModelKit version into an environment of a Component (the
 * `kitstage:modelkit:promote` scaffolder action and the gate evaluation endpoint). A resource
 * permission on the Component (`catalog-entity`), so a policy can answer with a condition; the
 * Kitstage policy helper allows the owners of the Component by default.
 *
 * @public
 */
export const modelkitPromotePermission = entityPermission(
  'kitstage.modelkit.promote',
  'update',
);

/**
 * Promoting although a gate (attestation policy or lifecycle) refused. The override and its
 * reason are written into the pull request. A resource permission on the Component.
 *
 * @public
 */
export const modelkitPromoteOverridePermission = entityPermission(
  'kitstage.modelkit.promote.override',
  'update',
);

/**
 * Operating the GitOps objects that deliver a Component (Flux reconcile, suspend and resume;
 * Argo CD refresh and sync) from its Deployments view. A resource permission on the Component
 * (`catalog-entity`), so a policy can answer with a condition; the Kitstage policy helper
 * allows the owners of the Component by default.
 *
 * @public
 */
export const modelkitDeploymentsOperatePermission = entityPermission(
  'kitstage.deployments.operate',
  'update',
);

/**
 * Publishing a template's workspace as a new Git repository (the `kitstage:git:publish`
 * scaffolder action). A basic permission: the repository does not exist yet, so there is no
 * entity to decide on; where it may be created is decided by configuration
 * (`kitstage.scaffolder.publish.allowedNamespaces`).
 *
 * @public
 */
export const modelkitGitPublishPermission = createPermission({
  name: 'kitstage.git.publish',
  attributes: { action: 'create' },
});

/**
 * Every permission that Kitstage defines.
 *
 * @public
 */
export const modelkitPermissions = [
  modelkitReadPermission,
  modelkitPromotePermission,
  modelkitPromoteOverridePermission,
  modelkitDeploymentsOperatePermission,
  modelkitGitPublishPermission,
];
