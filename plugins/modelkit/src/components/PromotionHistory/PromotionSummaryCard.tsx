import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApiHolder } from '@backstage/frontend-plugin-api';
import { entityRouteRef, useEntity } from '@backstage/plugin-catalog-react';
import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import {
  ModelKitEntityName,
  ModelKitPromotionApi,
  PromotionEnvironment,
  PromotionHistoryResponse,
} from '@kitstage/plugin-modelkit-common';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { modelkitPromotionApiRef } from '@kitstage/plugin-modelkit-react';
import { environmentEntries, RollbackButton } from '../RollbackButton';

const useStyles = makeStyles(theme => ({
  root: { padding: theme.spacing(1.5, 2) },
  list: {
    listStyle: 'none',
    margin: theme.spacing(1, 0, 0),
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  },
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
  },
  env: { minWidth: 100, fontWeight: 500 },
  digest: { fontFamily: 'monospace', overflowWrap: 'anywhere', flex: 1 },
}));

function Summary(props: {
  api: ModelKitPromotionApi;
  component: ModelKitEntityName;
}) {
  const classes = useStyles();
  const { api } = props;
  const { namespace, name } = props.component;
  const entityRoute = useRouteRef(entityRouteRef);
  const { value, error } = useAsync(async () => {
    const [environments, history] = await Promise.all([
      api.getEnvironments(),
      api.getPromotionHistory({ namespace, name }),
    ]);
    return { environments: environments.items, history };
  }, [api, namespace, name]);
  const historyLink = entityRoute
    ? `${entityRoute({ namespace, kind: 'component', name })}/promotions`
    : undefined;

  if (error) {
    return (
      <Paper
        className={classes.root}
        component="section"
        aria-label="Promotions"
      >
        <Typography variant="body2" color="textSecondary">
          Promotion history unavailable: {error.message}
        </Typography>
      </Paper>
    );
  }
  if (!value || value.environments.length === 0) {
    return null;
  }
  return (
    <Paper className={classes.root} component="section" aria-label="Promotions">
      <div className={classes.row}>
        <Typography variant="subtitle1">Promoted versions</Typography>
        {historyLink && <Link to={historyLink}>Promotion history</Link>}
      </div>
      <ul className={classes.list}>
        {value.environments.map(environment => (
          <SummaryRow
            key={environment.name}
            environment={environment}
            history={value.history}
          />
        ))}
      </ul>
    </Paper>
  );
}

function SummaryRow(props: {
  environment: PromotionEnvironment;
  history: PromotionHistoryResponse;
}) {
  const classes = useStyles();
  const { environment } = props;
  const entries = environmentEntries(props.history.entries, environment.name);
  const current = entries[0];
  return (
    <li className={classes.row} data-environment={environment.name}>
      <span className={classes.env}>
        {environment.title ?? environment.name}
      </span>
      <Typography variant="body2" className={classes.digest} component="span">
        {current?.digest ?? current?.reference ?? 'not promoted yet'}
      </Typography>
      <RollbackButton environment={environment.name} entries={entries} />
    </li>
  );
}

/**
 * The promoted version of each environment on a Component's Deployments view,
 * with "Roll back" and a link to the Promotions tab. Renders nothing in apps
 * that do not provide the promotion API.
 *
 * @internal
 */
export function PromotionSummaryCard() {
  const apis = useApiHolder();
  const api = apis.get(modelkitPromotionApiRef);
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const name = entity.metadata.name;
  const component = useMemo(() => ({ namespace, name }), [namespace, name]);
  if (!api) {
    return null;
  }
  return <Summary api={api} component={component} />;
}
