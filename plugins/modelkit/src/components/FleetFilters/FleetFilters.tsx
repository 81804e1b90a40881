import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealthStatus,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import ToggleButton from '@material-ui/lab/ToggleButton';
import { DeploymentStatusChip } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { shortEntityRef } from '../../lib/entityRefs';
import { FleetPageQuery } from '../../lib/fleetQuery';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  pickers: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  picker: {
    minWidth: 240,
    maxWidth: 420,
    flex: '1 1 240px',
  },
  statuses: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
  toggle: {
    padding: theme.spacing(0.25, 0.5),
    border: 'none',
    borderRadius: 16,
    textTransform: 'none',
    '&$selected': {
      backgroundColor: 'transparent',
      boxShadow: `0 0 0 2px ${theme.palette.primary.main}`,
    },
  },
  selected: {},
  empty: {
    opacity: 0.55,
  },
}));

function EntityRefPicker(props: {
  label: string;
  defaultKind: string;
  options: string[];
  value: string[];
  onChange(value: string[]): void;
}) {
  const classes = useStyles();
  // Selected values stay choosable even when no service has them any more.
  const options = [...new Set([...props.options, ...props.value])];
  return (
    <Autocomplete
      className={classes.picker}
      multiple
      size="small"
      options={options}
      value={props.value}
      getOptionLabel={option => shortEntityRef(option, props.defaultKind)}
      onChange={(_event, value) => props.onChange(value)}
      filterSelectedOptions
      renderInput={params => (
        <TextField {...params} variant="outlined" label={props.label} />
      )}
    />
  );
}

/**
 * The filters of the fleet page: owner and system pickers fed by the
 * backend's facets, and one toggle per status with the number of services
 * in it (counted before the status filter, so every toggle keeps its count).
 *
 * @internal
 */
export function FleetFilters(props: {
  query: FleetPageQuery;
  facets: FleetDeploymentsResponse['facets'];
  counts: FleetDeploymentsResponse['counts'];
  onChange(query: FleetPageQuery): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { query, counts } = props;
  const filtered =
    query.owner.length > 0 ||
    query.system.length > 0 ||
    query.status.length > 0;

  const change = (next: Partial<FleetPageQuery>) =>
    props.onChange({ ...query, ...next, page: 0 });

  const toggleStatus = (status: DeploymentHealthStatus) =>
    change({
      status: query.status.includes(status)
        ? query.status.filter(s => s !== status)
        : DEPLOYMENT_HEALTH_PRECEDENCE.filter(
            s => s === status || query.status.includes(s),
          ),
    });

  return (
    <div className={classes.root}>
      <div className={classes.pickers}>
        <EntityRefPicker
          label={t('fleet.filters.owner')}
          defaultKind="group"
          options={props.facets.owners}
          value={query.owner}
          onChange={owner => change({ owner })}
        />
        <EntityRefPicker
          label={t('fleet.filters.system')}
          defaultKind="system"
          options={props.facets.systems}
          value={query.system}
          onChange={system => change({ system })}
        />
        {filtered && (
          <Button
            size="small"
            onClick={() => change({ owner: [], system: [], status: [] })}
          >
            {t('fleet.filters.clear')}
          </Button>
        )}
      </div>
      <ul className={classes.statuses} aria-label={t('fleet.filters.status')}>
        {DEPLOYMENT_HEALTH_PRECEDENCE.map(status => {
          const label = t('fleet.filters.statusCount', {
            count: counts.services[status] ?? 0,
            status: t(`deploymentStatus.${status}`),
          });
          return (
            <li key={status}>
              <ToggleButton
                value={status}
                size="small"
                selected={query.status.includes(status)}
                onChange={() => toggleStatus(status)}
                classes={{ root: classes.toggle, selected: classes.selected }}
                className={
                  (counts.services[status] ?? 0) === 0
                    ? classes.empty
                    : undefined
                }
                aria-label={label}
              >
                <DeploymentStatusChip status={status} label={label} />
              </ToggleButton>
            </li>
          );
        })}
      </ul>
      <Typography variant="caption" color="textSecondary">
        {t('fleet.cellCounts')}{' '}
        {DEPLOYMENT_HEALTH_PRECEDENCE.filter(s => (counts.cells[s] ?? 0) > 0)
          .map(s => `${t(`deploymentStatus.${s}`)} ${counts.cells[s]}`)
          .join(' · ') || '-'}
      </Typography>
    </div>
  );
}
