import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { InfoCard, Progress } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import {
  LineageGraphView,
  ModelKitErrorPanel,
  useComponentLineage,
} from '@kitstage/plugin-modelkit-react';

/**
 * The Model lineage card of a Component entity page: the ModelKits the
 * Component serves with their datasets and base models, and the clusters it
 * runs on.
 *
 * @internal
 */
export function ModelKitLineageCard(props: { height?: number }) {
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const name = entity.metadata.name;
  const entityName = useMemo(() => ({ namespace, name }), [namespace, name]);
  const lineage = useComponentLineage(entityName);

  let body;
  if (lineage.error) {
    body = (
      <ModelKitErrorPanel
        error={lineage.error}
        title="The lineage could not be loaded"
      />
    );
  } else if (lineage.value) {
    body =
      lineage.value.graph.nodes.length > 1 ? (
        <LineageGraphView
          graph={lineage.value.graph}
          height={props.height ?? 420}
        />
      ) : (
        <Typography variant="body2" color="textSecondary">
          This Component serves no ModelKit the catalog knows of.
        </Typography>
      );
  } else {
    body = <Progress />;
  }
  return <InfoCard title="Model lineage">{body}</InfoCard>;
}
