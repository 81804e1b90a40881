import { TableColumn } from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import {
  ForModelKits,
  ModelKitLatestSizeCell,
  ModelKitLatestVersionCell,
  ModelKitPolicyStatusCell,
  annotatedLatestSize,
  annotatedLatestVersion,
  modelKitFramework,
} from './cells';

/**
 * A row of the catalog table, as `CatalogTable` passes it to its columns.
 *
 * @public
 */
export interface ModelKitCatalogTableRow {
  /** The catalog entity the row shows; the columns stay empty unless it is a ModelKit. */
  entity: Entity;
}

/**
 * The ModelKit columns of the catalog table: framework (`spec.framework`),
 * latest version and size (from the catalog module's annotations when set,
 * else from the backend, once per ModelKit), and the attestation policy
 * status of the newest version. Cells stay empty for other kinds. `TRow` is
 * the row type of the table, such as the catalog's `CatalogTableRow`.
 *
 * @public
 */
export function createModelKitCatalogColumns<
  TRow extends ModelKitCatalogTableRow = ModelKitCatalogTableRow,
>(): TableColumn<TRow>[] {
  return [
    {
      title: 'Framework',
      field: 'entity.spec.framework',
      customFilterAndSearch: (query, row) =>
        (modelKitFramework(row.entity) ?? '')
          .toLocaleLowerCase('en-US')
          .includes(String(query).toLocaleLowerCase('en-US')),
      render: ({ entity }) => modelKitFramework(entity) ?? '',
    },
    {
      title: 'Latest version',
      sorting: false,
      customFilterAndSearch: (query, row) =>
        (annotatedLatestVersion(row.entity) ?? '').includes(String(query)),
      render: ({ entity }) => (
        <ForModelKits entity={entity}>
          <ModelKitLatestVersionCell entity={entity} />
        </ForModelKits>
      ),
    },
    {
      title: 'Size',
      sorting: true,
      customSort: (a, b) =>
        (annotatedLatestSize(a.entity) ?? -1) -
        (annotatedLatestSize(b.entity) ?? -1),
      render: ({ entity }) => (
        <ForModelKits entity={entity}>
          <ModelKitLatestSizeCell entity={entity} />
        </ForModelKits>
      ),
    },
    {
      title: 'Policy',
      sorting: false,
      render: ({ entity }) => (
        <ForModelKits entity={entity}>
          <ModelKitPolicyStatusCell entity={entity} />
        </ForModelKits>
      ),
    },
  ];
}
