import {
  Entity,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityRefLink,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import {
  ModelKitErrorPanel,
  modelKitFramework,
  ModelKitLatestSizeCell,
  ModelKitLatestVersionCell,
  ModelKitPolicyStatusCell,
} from '@kitstage/plugin-modelkit-react';

const columns: TableColumn<{ entity: Entity; id: string }>[] = [
  {
    title: 'ModelKit',
    render: ({ entity }) => (
      <EntityRefLink entityRef={entity} defaultKind="modelkit" />
    ),
  },
  {
    title: 'Framework',
    render: ({ entity }) => modelKitFramework(entity) ?? '',
  },
  {
    title: 'Latest version',
    render: ({ entity }) => <ModelKitLatestVersionCell entity={entity} />,
  },
  {
    title: 'Size',
    render: ({ entity }) => <ModelKitLatestSizeCell entity={entity} />,
  },
  {
    title: 'Policy',
    render: ({ entity }) => <ModelKitPolicyStatusCell entity={entity} />,
  },
];

/**
 * The Models card of Group entity pages: the ModelKits the group owns (the
 * catalog's `ownedBy` relation) with their newest version, size and
 * attestation policy status.
 *
 * @internal
 */
export function GroupModelKitsCard() {
  const { entity: group } = useEntity();
  const catalogApi = useApi(catalogApiRef);
  const groupRef = stringifyEntityRef(group);
  const state = useAsync(async () => {
    const response = await catalogApi.getEntities({
      filter: {
        kind: 'ModelKit',
        [`relations.${RELATION_OWNED_BY}`]: groupRef,
      },
      order: { field: 'metadata.name', order: 'asc' },
    });
    return response.items;
  }, [catalogApi, groupRef]);

  let body;
  if (state.error) {
    body = (
      <ModelKitErrorPanel
        error={state.error}
        title="The ModelKits of this group could not be loaded"
      />
    );
  } else if (state.loading || !state.value) {
    body = <Progress />;
  } else if (state.value.length === 0) {
    body = (
      <Typography variant="body2" color="textSecondary">
        This group owns no ModelKit.
      </Typography>
    );
  } else {
    body = (
      <Table
        options={{
          paging: false,
          search: false,
          toolbar: false,
          padding: 'dense',
        }}
        columns={columns}
        data={state.value.map(entity => ({
          entity,
          id: stringifyEntityRef(entity),
        }))}
      />
    );
  }
  return (
    <InfoCard title="Models" noPadding={Boolean(state.value?.length)}>
      {body}
    </InfoCard>
  );
}
