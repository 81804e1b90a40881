import { modelkitPermissions, modelkitReadPermission } from './permissions';

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
