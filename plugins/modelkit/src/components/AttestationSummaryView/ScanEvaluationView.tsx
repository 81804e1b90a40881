import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  SCAN_FINDING_SEVERITIES,
  ScanEvaluationSummary,
  ScanFinding,
  ScanFindingSeverity,
  ScanMetricResult,
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
  AboutField,
  AboutFieldList,
  DigestText,
  RelativeTime,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { DetailText } from '../DetailText';
import {
  formatDuration,
  formatThreshold,
  groupFindingsBySeverity,
} from '../../lib/attestations';
import { SeverityCounts } from './SeverityCounts';
import { SummaryLink } from './SummaryLink';

const useStyles = makeStyles(theme => ({
  pass: { color: theme.palette.success.dark, fontWeight: 500 },
  fail: { color: theme.palette.error.main, fontWeight: 500 },
  muted: { color: theme.palette.text.secondary },
  warning: { color: theme.palette.warning.dark },
  counts: {
    margin: theme.spacing(0.5, 0, 1),
  },
  group: {
    marginTop: theme.spacing(1),
  },
  findings: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(3),
    '& li + li': { marginTop: theme.spacing(0.5) },
  },
  error: { color: theme.palette.error.main },
  concern: { color: theme.palette.warning.dark },
  anomaly: { color: theme.palette.info.dark },
  info: { color: theme.palette.text.secondary },
  metricCell: { overflowWrap: 'anywhere' },
}));

function MetricResult(props: { metric: ScanMetricResult }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  if (props.metric.passed === true) {
    return (
      <span className={classes.pass}>{t('security.scan.metricPass')}</span>
    );
  }
  if (props.metric.passed === false) {
    return (
      <span className={classes.fail}>{t('security.scan.metricFail')}</span>
    );
  }
  return (
    <span className={classes.muted}>{t('security.scan.noThreshold')}</span>
  );
}

function MetricsTable(props: { metrics: ScanMetricResult[]; failed: number }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const headingId = useId();
  return (
    <div>
      <Typography variant="subtitle2" component="h4" id={headingId}>
        {t('security.scan.metrics')}
      </Typography>
      {props.failed > 0 && (
        <Typography variant="caption" className={classes.fail}>
          {t('security.scan.failedMetrics', { count: props.failed })}
        </Typography>
      )}
      <Table size="small" aria-labelledby={headingId}>
        <TableHead>
          <TableRow>
            <TableCell>{t('security.scan.columns.metric')}</TableCell>
            <TableCell>{t('security.scan.columns.value')}</TableCell>
            <TableCell>{t('security.scan.columns.threshold')}</TableCell>
            <TableCell>{t('security.scan.columns.result')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.metrics.map((metric, index) => (
            <TableRow key={`${metric.name}-${index}`}>
              <TableCell className={classes.metricCell}>
                {metric.name}
                {metric.description && (
                  <DetailText>{metric.description}</DetailText>
                )}
              </TableCell>
              <TableCell>
                {metric.value}
                {metric.unit ? ` ${metric.unit}` : ''}
              </TableCell>
              <TableCell>
                {formatThreshold(metric.threshold, metric.unit) ?? '-'}
              </TableCell>
              <TableCell>
                <MetricResult metric={metric} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

function FindingItem(props: { finding: ScanFinding }) {
  const { finding } = props;
  const location = finding.location;
  const where = [
    location?.path &&
      `${location.path}${
        location.line !== undefined ? `:${location.line}` : ''
      }`,
    location?.layerDigest,
  ].filter(Boolean);
  return (
    <li>
      <span>{finding.title}</span>
      {(finding.id || finding.category) && (
        <DetailText>
          {[finding.id, finding.category].filter(Boolean).join(' · ')}
        </DetailText>
      )}
      {where.length > 0 && <DetailText code>{where.join(' · ')}</DetailText>}
      {finding.description && <DetailText>{finding.description}</DetailText>}
      {finding.references?.map(reference => (
        <DetailText key={reference}>
          <SummaryLink value={reference} />
        </DetailText>
      ))}
    </li>
  );
}

function Findings(props: { summary: ScanEvaluationSummary }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  const groups = groupFindingsBySeverity(summary.findings);
  const total = SCAN_FINDING_SEVERITIES.reduce(
    (sum, severity) => sum + summary.findingCounts[severity],
    0,
  );
  const severityLabel = (severity: ScanFindingSeverity) =>
    t(`security.scan.severities.${severity}`);
  return (
    <div>
      <Typography variant="subtitle2" component="h4">
        {t('security.scan.findings', { count: total })}
      </Typography>
      <SeverityCounts
        label={t('security.scan.findingCounts')}
        severities={[...SCAN_FINDING_SEVERITIES].reverse()}
        counts={summary.findingCounts}
        severityClasses={classes}
        text={(severity, count) =>
          t('security.scan.severityCount', {
            severity: severityLabel(severity),
            count,
          })
        }
        className={classes.counts}
      />
      {groups.map(group => {
        const label = t('security.scan.severityGroup', {
          severity: severityLabel(group.severity),
          count: summary.findingCounts[group.severity],
        });
        return (
          <section
            key={group.severity}
            className={classes.group}
            aria-label={label}
            data-severity={group.severity}
          >
            <Typography
              variant="body2"
              component="h5"
              className={classes[group.severity]}
            >
              {label}
            </Typography>
            <ul className={classes.findings}>
              {group.findings.map((finding, index) => (
                <FindingItem
                  key={`${finding.id ?? finding.title}-${index}`}
                  finding={finding}
                />
              ))}
            </ul>
          </section>
        );
      })}
      {summary.omittedFindings > 0 && (
        <Typography variant="caption" color="textSecondary">
          {t('security.scan.omittedFindings', {
            count: summary.omittedFindings,
          })}
        </Typography>
      )}
    </div>
  );
}

/**
 * What a scan evaluation says: the tool and its version, the ModelKit it
 * scanned, its verdict, timing, metrics with their thresholds, and findings
 * grouped by severity, most severe first.
 *
 * @internal
 */
export function ScanEvaluationView(props: { summary: ScanEvaluationSummary }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  const tool = [summary.scanner.name, summary.scanner.version]
    .filter(Boolean)
    .join(' ');
  return (
    <VerticalStack>
      <AboutFieldList>
        <AboutField label={t('security.scan.tool')}>
          {summary.scanner.uri ? (
            <SummaryLink value={summary.scanner.uri}>{tool}</SummaryLink>
          ) : (
            tool
          )}
        </AboutField>
        <AboutField label={t('security.scan.verdict')}>
          <span
            className={summary.verdict === 'pass' ? classes.pass : classes.fail}
          >
            {t(`security.scan.verdicts.${summary.verdict}`)}
          </span>
          {summary.declaredResult && (
            <DetailText>
              {t('security.scan.declared', {
                result: t(`security.scan.verdicts.${summary.declaredResult}`),
              })}
            </DetailText>
          )}
        </AboutField>
        <AboutField label={t('security.scan.scannedAt')}>
          <RelativeTime timestamp={summary.startedOn} />
          <DetailText>
            {t('security.scan.duration', {
              duration: formatDuration(summary.durationMs),
            })}
          </DetailText>
        </AboutField>
        {summary.invocationUri && (
          <AboutField label={t('security.scan.run')}>
            <SummaryLink value={summary.invocationUri} />
          </AboutField>
        )}
        {summary.modelKit && (
          <AboutField label={t('security.scan.modelKit')} wide>
            {summary.modelKit.reference && (
              <code className={classes.metricCell}>
                {summary.modelKit.reference}
              </code>
            )}{' '}
            {summary.modelKit.digest && (
              <DigestText digest={summary.modelKit.digest} copy={false} />
            )}
            {summary.digestMatchesSubject === false && (
              <DetailText className={classes.fail}>
                {t('security.scan.otherDigest')}
              </DetailText>
            )}
          </AboutField>
        )}
      </AboutFieldList>
      {summary.metrics.length > 0 && (
        <MetricsTable
          metrics={summary.metrics}
          failed={summary.failedMetrics}
        />
      )}
      <Findings summary={summary} />
    </VerticalStack>
  );
}
