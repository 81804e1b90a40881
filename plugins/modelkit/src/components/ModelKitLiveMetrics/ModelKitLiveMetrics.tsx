import { useApi, useTranslationRef } from '@backstage/frontend-plugin-api';
import type {
  DeployedModelKit,
  ModelKitVersionLiveMetrics,
} from '@kitstage/plugin-modelkit-common';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import {
  modelkitApiRef,
  shortDigestHex,
  useModelKitEntityName,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { CardSection } from '../CardSection';
import { LiveMetricsSource, liveMetricsSourceOf } from './metricsSource';
import {
  kitfileMetrics,
  TrainingMetric,
  verifiedScanMetrics,
} from './trainingMetrics';
import { useComponentLiveMetrics } from './useComponentLiveMetrics';

const useStyles = makeStyles(theme => ({
  section: {
    overflowX: 'auto',
  },
  number: {
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  },
  group: {
    fontWeight: theme.typography.fontWeightBold as number,
    color: theme.palette.text.secondary,
  },
  source: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  simulated: {
    margin: 0,
    height: 20,
    fontSize: '0.6875rem',
    fontWeight: theme.typography.fontWeightBold as number,
    letterSpacing: 0.5,
    textTransform: 'uppercase',
    color: theme.palette.secondary.main,
    borderColor: theme.palette.secondary.main,
    borderStyle: 'dashed',
  },
  role: {
    marginLeft: theme.spacing(1),
    height: 20,
    fontSize: '0.6875rem',
  },
}));

/** A visible SIMULATED label when the configuration marks the metrics source as simulated. */
function SimulatedSource(props: { source: LiveMetricsSource }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  if (!props.source.simulated) return null;
  return (
    <div className={classes.source}>
      <Tooltip title={t('liveMetrics.simulatedDescription')}>
        <Chip
          size="small"
          variant="outlined"
          label={t('liveMetrics.simulated')}
          className={classes.simulated}
        />
      </Tooltip>
      <Typography variant="caption" color="textSecondary">
        {t('liveMetrics.simulatedSource', {
          source: props.source.title ?? 'Prometheus',
        })}
      </Typography>
    </div>
  );
}

const dash = '–';
// A canary has two versions; a card rarely runs more.
const MAX_COLUMNS = 4;

function formatRate(value: number | null | undefined): string {
  if (value === null || value === undefined) return dash;
  return `${value < 10 ? value.toPrecision(3) : value.toFixed(1)}/s`;
}

function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined) return dash;
  return `${(value * 100).toFixed(value < 0.001 && value > 0 ? 3 : 2)} %`;
}

function formatSeconds(value: number | null | undefined): string {
  if (value === null || value === undefined) return dash;
  return value < 1
    ? `${(value * 1000).toFixed(1)} ms`
    : `${value.toFixed(3)} s`;
}

/** The chip naming a version's side of an Argo Rollouts canary. */
function RolloutRoleChip(props: { role: 'stable' | 'canary' }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  return (
    <Tooltip title={t(`liveMetrics.rolloutRoleDescription.${props.role}`)}>
      <Chip
        size="small"
        variant="outlined"
        color={props.role === 'canary' ? 'secondary' : 'default'}
        label={t(`liveMetrics.rolloutRole.${props.role}`)}
        className={classes.role}
      />
    </Tooltip>
  );
}

function versionTitle(version: ModelKitVersionLiveMetrics): string {
  const short = shortDigestHex(version.digest);
  return version.tags.length ? `${version.tags.join(', ')} (${short})` : short;
}

/** The training-time metrics of each version: verified scan evaluation, then the Kitfile. */
function useTrainingMetrics(versions: ModelKitVersionLiveMetrics[]) {
  const api = useApi(modelkitApiRef);
  const key = versions
    .map(v => `${v.entity?.namespace}/${v.entity?.name}@${v.digest}`)
    .join();
  return useAsync(
    () =>
      Promise.all(
        versions.map(async (version): Promise<TrainingMetric[]> => {
          const entity = version.entity;
          if (!entity) return [];
          const name = { namespace: entity.namespace, name: entity.name };
          const [attestations, details] = await Promise.allSettled([
            api.getAttestations(name, version.digest),
            api.getVersion(name, version.digest),
          ]);
          return [
            ...(attestations.status === 'fulfilled'
              ? verifiedScanMetrics(attestations.value)
              : []),
            ...(details.status === 'fulfilled'
              ? kitfileMetrics(details.value)
              : []),
          ];
        }),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, key],
  );
}

function TrainingColumns(props: {
  versions: ModelKitVersionLiveMetrics[];
  training: TrainingMetric[][];
}) {
  const classes = useStyles();
  const rows = new Map<string, TrainingMetric['source']>();
  for (const metrics of props.training) {
    for (const m of metrics ?? []) {
      if (!rows.has(`${m.source}:${m.name}`)) {
        rows.set(`${m.source}:${m.name}`, m.source);
      }
    }
  }
  if (rows.size === 0) return null;
  return (
    <>
      <TableRow>
        <TableCell
          className={classes.group}
          colSpan={props.versions.length + 1}
        >
          At training time
        </TableCell>
      </TableRow>
      {[...rows.keys()].map(key => {
        const [source, ...rest] = key.split(':');
        const name = rest.join(':');
        return (
          <TableRow key={key}>
            <TableCell component="th" scope="row">
              {name}{' '}
              <Typography variant="caption" color="textSecondary">
                {source === 'scan'
                  ? '(verified scan evaluation)'
                  : '(declared in the Kitfile)'}
              </Typography>
            </TableCell>
            {props.training.map((metrics, i) => {
              const metric = metrics?.find(
                m => m.source === source && m.name === name,
              );
              return (
                <TableCell
                  key={props.versions[i].digest}
                  className={classes.number}
                  align="right"
                >
                  {metric
                    ? `${metric.value}${metric.unit ? ` ${metric.unit}` : ''}`
                    : dash}
                </TableCell>
              );
            })}
          </TableRow>
        );
      })}
    </>
  );
}

function MetricsTable(props: {
  versions: ModelKitVersionLiveMetrics[];
  /** The card's ModelKits on its cluster, by `repository@digest`. */
  onCluster: Map<string, DeployedModelKit>;
  simulated: boolean;
}) {
  const classes = useStyles();
  const { versions } = props;
  const training = useTrainingMetrics(versions).value ?? [];
  const live: Array<{
    label: string;
    value(v: ModelKitVersionLiveMetrics): string;
  }> = [
    {
      label: 'Traffic share',
      value: v => {
        // The share on this cluster, not the largest share on any cluster.
        const percent = props.onCluster.has(`${v.repository}@${v.digest}`)
          ? props.onCluster.get(`${v.repository}@${v.digest}`)!.trafficPercent
          : v.trafficPercent;
        return percent === undefined ? dash : `${percent} %`;
      },
    },
    { label: 'Requests', value: v => formatRate(v.metrics?.requestRate) },
    { label: 'Error ratio', value: v => formatRatio(v.metrics?.errorRatio) },
    { label: 'Latency p50', value: v => formatSeconds(v.metrics?.latency.p50) },
    { label: 'Latency p95', value: v => formatSeconds(v.metrics?.latency.p95) },
    { label: 'Latency p99', value: v => formatSeconds(v.metrics?.latency.p99) },
  ];
  return (
    <Table
      size="small"
      aria-label={
        props.simulated
          ? 'Simulated live metrics per ModelKit version'
          : 'Live metrics per ModelKit version'
      }
    >
      <TableHead>
        <TableRow>
          <TableCell>Metric</TableCell>
          {versions.map(v => {
            const key = `${v.repository}@${v.digest}`;
            // The side on this cluster, else the side every cluster agrees on.
            const role = props.onCluster.has(key)
              ? props.onCluster.get(key)!.rolloutRole
              : v.rolloutRole;
            return (
              <TableCell key={v.digest} align="right" data-digest={v.digest}>
                {versionTitle(v)}
                {role && <RolloutRoleChip role={role} />}
              </TableCell>
            );
          })}
        </TableRow>
      </TableHead>
      <TableBody>
        {live.map(row => (
          <TableRow key={row.label}>
            <TableCell component="th" scope="row">
              {row.label}
            </TableCell>
            {versions.map(v => (
              <TableCell
                key={v.digest}
                className={classes.number}
                align="right"
              >
                {row.value(v)}
              </TableCell>
            ))}
          </TableRow>
        ))}
        <TrainingColumns versions={versions} training={training} />
      </TableBody>
    </Table>
  );
}

/**
 * Live metrics from Prometheus of the ModelKit versions a cluster card shows, side by side
 * (the two versions of a canary next to each other), next to the metrics recorded at
 * training time. Shows nothing when live metrics are not configured; a failure shows as a
 * message in the card, never as a failure of the Deployments view.
 *
 * @internal
 */
export function ModelKitLiveMetrics(props: { modelKits: DeployedModelKit[] }) {
  const classes = useStyles();
  const entityName = useModelKitEntityName();
  const { loading, error, value } = useComponentLiveMetrics(entityName);

  if (value && !value.configured) return null;
  if (props.modelKits.length === 0) return null;

  const wanted = new Set(
    props.modelKits
      .filter(m => m.digest)
      .map(m => `${m.repository}@${m.digest}`),
  );
  const versions =
    value?.configured === true
      ? value.versions
          .filter(v => wanted.has(`${v.repository}@${v.digest}`))
          .slice(0, MAX_COLUMNS)
      : [];
  const errors = versions.filter(v => v.error);
  const source = liveMetricsSourceOf(value);

  return (
    <CardSection title="Live metrics" className={classes.section}>
      {source && <SimulatedSource source={source} />}
      {loading && <LinearProgress aria-label="Loading live metrics" />}
      {error && (
        <Alert severity="warning">
          Live metrics could not be loaded: {error.message}
        </Alert>
      )}
      {value?.configured && versions.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No running ModelKit version with a known digest to select metrics by.
        </Typography>
      )}
      {value?.configured && versions.length > 0 && (
        <>
          <MetricsTable
            versions={versions}
            onCluster={
              new Map(
                props.modelKits
                  .filter(m => m.digest)
                  .map(m => [`${m.repository}@${m.digest}`, m]),
              )
            }
            simulated={source?.simulated === true}
          />
          <Typography variant="caption" color="textSecondary">
            Rates over {value.window}, by the Prometheus label{' '}
            <code>{value.label}</code>.
          </Typography>
        </>
      )}
      {errors.map(v => (
        <Alert severity="warning" key={v.digest}>
          {versionTitle(v)}: {v.error!.message}
        </Alert>
      ))}
    </CardSection>
  );
}
