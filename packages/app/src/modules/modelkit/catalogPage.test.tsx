import { EntityKindFilter } from '@backstage/plugin-catalog-react';
import { catalogColumns } from './catalogPage';

function titles(kind: string) {
  return catalogColumns({
    filters: { kind: new EntityKindFilter(kind, kind) },
    entities: [],
  } as any).map(column => column.title);
}

describe('catalogColumns', () => {
  it('adds the ModelKit columns when the kind is ModelKit', () => {
    expect(titles('modelkit')).toEqual(
      expect.arrayContaining(['Framework', 'Latest version', 'Size', 'Policy']),
    );
    expect(titles('modelkit').slice(-4)).toEqual([
      'Framework',
      'Latest version',
      'Size',
      'Policy',
    ]);
  });

  it('keeps the default columns for other kinds', () => {
    expect(titles('component')).not.toContain('Framework');
    expect(titles('component')).not.toContain('Policy');
  });
});
