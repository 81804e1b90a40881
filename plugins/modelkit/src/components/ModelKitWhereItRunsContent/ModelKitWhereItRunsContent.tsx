import { EmptyState, Link, Progress } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { EntityInfoCard } from '@backstage/plugin-catalog-react';
import {
  ModelKitDeploymentsResponse,
  ModelKitVersionDeployments,
} from '@kitstage/plugin-modelkit-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useId } from 'react';
import {
  ClusterErrorsAlert,
  ClusterTitle,
  DEFAULT_DEPLOYMENTS_PATH,
  DeploymentStatusChip,
  DigestText,
  formatObjectRef,
  ModelKitErrorPanel,
  PolicyBadge,
  RegistryDigestNote,
  shortDigest,
  useComponentDeploymentsLink,
  useModelKitDeployments,
  useModelKitEntityName,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { RefreshHeader, RefreshProgress } from '../RefreshHeader';

const useStyles = makeStyles(theme => ({
  version: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  },
  line: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.8125rem',
    overflowWrap: 'anywhere',
  },
  table: {
    overflowX: 'auto',
  },
  title: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

function versionTitle(version: ModelKitVersionDeployments): string {
  if (version.tags.length > 0) {
    return version.tags.join(', ');
  }
  if (version.digest) {
    return shortDigest(version.digest);
  }
  return version.references[0] ?? '-';
}

function VersionCard(props: {
  version: ModelKitVersionDeployments;
  entity: ModelKitDeploymentsResponse['entity'];
  deploymentsPath: string;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const titleId = useId();
  const deploymentsLink = useComponentDeploymentsLink(props.deploymentsPath);
  const { version } = props;
  const title = versionTitle(version);

  return (
    <section aria-labelledby={titleId}>
      <EntityInfoCard
        title={<span id={titleId}>{title}</span>}
        headerActions={
          version.policy && <PolicyBadge policy={version.policy} />
        }
      >
        <div className={classes.version}>
          <div className={classes.line}>
            {version.digest ? (
              <>
                <DigestText digest={version.digest} />
                <RegistryDigestNote
                  entity={props.entity}
                  digest={version.digest}
                />
              </>
            ) : (
              <Typography variant="body2" color="textSecondary">
                {version.resolveError
                  ? t('modelKits.digestUnresolved', {
                      reason: version.resolveError,
                    })
                  : t('modelKits.digestUnknown')}
              </Typography>
            )}
          </div>
          {version.policy?.message && version.policy.status !== 'passed' && (
            <Typography variant="body2">{version.policy.message}</Typography>
          )}
          {version.references.length > 0 && (
            <Typography variant="caption" color="textSecondary">
              {t('whereItRuns.references')}{' '}
              {version.references.map((reference, index) => (
                <span key={reference}>
                  {index > 0 && ', '}
                  <code className={classes.code}>{reference}</code>
                </span>
              ))}
            </Typography>
          )}
          <div className={classes.table}>
            <Table
              size="small"
              aria-label={t('whereItRuns.deploymentsOf', { version: title })}
            >
              <TableHead>
                <TableRow>
                  <TableCell>{t('whereItRuns.columns.service')}</TableCell>
                  <TableCell>{t('whereItRuns.columns.cluster')}</TableCell>
                  <TableCell>{t('whereItRuns.columns.workload')}</TableCell>
                  <TableCell>{t('whereItRuns.columns.status')}</TableCell>
                  <TableCell align="right">
                    {t('whereItRuns.columns.pods')}
                  </TableCell>
                  <TableCell align="right">
                    {t('whereItRuns.columns.traffic')}
                  </TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {version.deployments.map(deployment => (
                  <TableRow
                    key={`${deployment.cluster.name}|${formatObjectRef(
                      deployment.workload,
                    )}`}
                  >
                    <TableCell>
                      {deployment.component ? (
                        <Link to={deploymentsLink(deployment.component.ref)}>
                          {deployment.component.title ??
                            deployment.component.name}
                        </Link>
                      ) : (
                        <Typography variant="body2" color="textSecondary">
                          {deployment.kubernetesId ??
                            t('whereItRuns.noService')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell>
                      <ClusterTitle cluster={deployment.cluster} />
                    </TableCell>
                    <TableCell className={classes.code}>
                      {formatObjectRef(deployment.workload)}
                    </TableCell>
                    <TableCell>
                      {deployment.status ? (
                        <DeploymentStatusChip status={deployment.status} />
                      ) : (
                        '-'
                      )}
                    </TableCell>
                    <TableCell align="right">{deployment.pods}</TableCell>
                    <TableCell align="right">
                      {deployment.trafficPercent !== undefined
                        ? `${deployment.trafficPercent} %`
                        : '-'}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        </div>
      </EntityInfoCard>
    </section>
  );
}

function Summary(props: {
  value: ModelKitDeploymentsResponse;
  refreshing: boolean;
  onRefresh(): void;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { value } = props;
  const clusters = new Set(
    value.versions.flatMap(v => v.deployments.map(d => d.cluster.name)),
  );
  return (
    <RefreshHeader
      generatedAt={value.generatedAt}
      refreshing={props.refreshing}
      onRefresh={props.onRefresh}
    >
      <Typography variant="body2">
        {t('whereItRuns.summary', {
          count: value.versions.length,
          clusters: String(clusters.size),
        })}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.code}
      >
        {value.entity.repository}
      </Typography>
    </RefreshHeader>
  );
}

/**
 * The "Where it runs" tab of a ModelKit: each version running somewhere (by
 * digest and tags, with its attestation policy badge) and the services and
 * clusters running it, with their health. Clusters that could not be read are
 * listed, since versions running there are missing.
 *
 * @internal
 */
export function ModelKitWhereItRunsContent(props: {
  /**
   * The path of the Deployments tab of Components below the entity page,
   * which the service links open.
   */
  deploymentsPath?: string;
}) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const { loading, error, value, retry } = useModelKitDeployments(entityName);

  if (error) {
    return (
      <ModelKitErrorPanel error={error} title={t('whereItRuns.loadError')} />
    );
  }
  if (!value) {
    return <Progress />;
  }
  return (
    <VerticalStack>
      <Summary value={value} refreshing={loading} onRefresh={retry} />
      <RefreshProgress loading={loading} />
      <ClusterErrorsAlert
        clusters={value.clusters}
        title={count => t('whereItRuns.clusterErrors', { count })}
      />
      {value.versions.length === 0 ? (
        <EmptyState
          missing="data"
          title={t('whereItRuns.emptyTitle')}
          description={t('whereItRuns.emptyDescription', {
            count: value.clusters.filter(c => !c.error).length,
            repository: value.entity.repository,
          })}
        />
      ) : (
        value.versions.map(version => (
          <VersionCard
            key={version.digest ?? version.references.join('|')}
            version={version}
            entity={value.entity}
            deploymentsPath={props.deploymentsPath ?? DEFAULT_DEPLOYMENTS_PATH}
          />
        ))
      )}
    </VerticalStack>
  );
}
