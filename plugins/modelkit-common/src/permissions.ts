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
 * Every permission that Kitstage defines.
 *
 * @public
 */
export const modelkitPermissions = [modelkitReadPermission];
