import {
  modelkitDeploymentsOperatePermission,
  modelkitGitPublishPermission,
  modelkitPermissions,
  modelkitPromoteOverridePermission,
  modelkitPromotePermission,
  modelkitReadPermission,
} from './permissions';

describe('permissions', () => {
  it('reads ModelKit registry data as a catalog-entity resource permission', () => {
    expect(modelkitReadPermission).toMatchObject({
      type: 'resource',
      name: 'kitstage.modelkit.read',
      resourceType: 'catalog-entity',
      attributes: { action: 'read' },
    });
    expect(modelkitPermissions).toContain(modelkitReadPermission);
  });
});

describe('promotion permissions', () => {
  it('are resource permissions on the Component, listed with the others', () => {
    expect(modelkitPromotePermission).toMatchObject({
      type: 'resource',
      name: 'kitstage.modelkit.promote',
      resourceType: 'catalog-entity',
      attributes: { action: 'update' },
    });
    expect(modelkitPromoteOverridePermission).toMatchObject({
      type: 'resource',
      name: 'kitstage.modelkit.promote.override',
      resourceType: 'catalog-entity',
    });
    expect(modelkitPermissions.map(p => p.name)).toEqual([
      'kitstage.modelkit.read',
      'kitstage.modelkit.promote',
      'kitstage.modelkit.promote.override',
      'kitstage.deployments.operate',
      'kitstage.git.publish',
    ]);
  });
});

describe('deployment operation permission', () => {
  it('is a resource permission on the Component, listed with the others', () => {
    expect(modelkitDeploymentsOperatePermission).toMatchObject({
      type: 'resource',
      name: 'kitstage.deployments.operate',
      resourceType: 'catalog-entity',
      attributes: { action: 'update' },
    });
    expect(modelkitPermissions).toContain(modelkitDeploymentsOperatePermission);
  });
});

describe('publish permission', () => {
  it('is a basic create permission, listed with the others', () => {
    expect(modelkitGitPublishPermission).toMatchObject({
      type: 'basic',
      name: 'kitstage.git.publish',
      attributes: { action: 'create' },
    });
    expect(modelkitPermissions).toContain(modelkitGitPublishPermission);
  });
});
