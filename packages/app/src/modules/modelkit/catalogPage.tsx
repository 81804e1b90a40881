import {
  Content,
  ContentHeader,
  PageWithHeader,
  SupportButton,
} from '@backstage/core-components';
import {
  configApiRef,
  coreExtensionData,
  createFrontendModule,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  CatalogTable,
  CatalogTableColumnsFunc,
  CatalogTableRow,
} from '@backstage/plugin-catalog';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import {
  CatalogFilterLayout,
  EntityListPagination,
  EntityListProvider,
} from '@backstage/plugin-catalog-react';
import { createModelKitCatalogColumns } from '@kitstage/plugin-modelkit';
import { ReactNode } from 'react';

/**
 * The catalog's default columns, and the ModelKit columns (framework, latest
 * version, size, policy status) when the kind picked is ModelKit.
 */
export const catalogColumns: CatalogTableColumnsFunc = context => {
  const columns = CatalogTable.defaultColumnsFunc(context);
  if (context.filters.kind?.value?.toLocaleLowerCase('en-US') !== 'modelkit') {
    return columns;
  }
  return [...columns, ...createModelKitCatalogColumns<CatalogTableRow>()];
};

function ModelKitAwareCatalogPage(props: {
  filters: ReactNode;
  pagination: EntityListPagination;
}) {
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ?? 'Backstage';
  return (
    <PageWithHeader title={`${orgName} Catalog`} themeId="home">
      <Content>
        <ContentHeader title="">
          <SupportButton>All your software catalog entities</SupportButton>
        </ContentHeader>
        <EntityListProvider pagination={props.pagination}>
          <CatalogFilterLayout>
            <CatalogFilterLayout.Filters>
              {props.filters}
            </CatalogFilterLayout.Filters>
            <CatalogFilterLayout.Content>
              <CatalogTable columns={catalogColumns} />
            </CatalogFilterLayout.Content>
          </CatalogFilterLayout>
        </EntityListProvider>
      </Content>
    </PageWithHeader>
  );
}

/**
 * The catalog index page with the ModelKit columns. The new frontend system's
 * `page:catalog` takes filters as extensions (the ModelKit plugin adds its
 * own through `CatalogFilterBlueprint`) but no columns, so this module
 * overrides the page's loader and keeps its filters, path and pagination.
 */
export const modelkitCatalogPageModule = createFrontendModule({
  pluginId: 'catalog',
  extensions: [
    catalogPlugin.getExtension('page:catalog').override({
      factory(originalFactory, { inputs, config }) {
        const filters = inputs.filters.map(filter =>
          filter.get(coreExtensionData.reactElement),
        );
        return originalFactory({
          params: {
            loader: async () => (
              <ModelKitAwareCatalogPage
                filters={<>{filters}</>}
                pagination={config.pagination}
              />
            ),
          },
        });
      },
    }),
  ],
});
