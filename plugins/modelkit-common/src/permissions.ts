import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Reading registry data (versions, contents, diffs) of a ModelKit entity. It is a resource
 * permission on catalog entities, so policies can decide per entity.
 *
 * @public
 */
export const modelkitReadPermission = createPermission({
  name: 'kitstage.modelkit.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

/**
 * Promoting a ModelKit version into an environment of a Component (the
 * `kitstage:modelkit:promote` scaffolder action and the gate evaluation endpoint). A resource
 * permission on the Component (`catalog-entity`), so a policy can answer with a condition; the
 * Kitstage policy helper allows the owners of the Component by default.
 *
 * @public
 */
export const modelkitPromotePermission = createPermission({
  name: 'kitstage.modelkit.promote',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Promoting although a gate (attestation policy or lifecycle) refused. The override and its
 * reason are written into the pull request. A resource permission on the Component.
 *
 * @public
 */
export const modelkitPromoteOverridePermission = createPermission({
  name: 'kitstage.modelkit.promote.override',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/**
 * Operating the GitOps objects that deliver a Component (Flux reconcile, suspend and resume;
 * Argo CD refresh and sync) from its Deployments view. A resource permission on the Component
 * (`catalog-entity`), so a policy can answer with a condition; the Kitstage policy helper
 * allows the owners of the Component by default.
 *
 * @public
 */
export const modelkitDeploymentsOperatePermission = createPermission({
  name: 'kitstage.deployments.operate',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
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
];
