import { useTranslationRef } from '@backstage/frontend-plugin-api';
import {
  VULNERABILITY_SEVERITIES,
  VulnerabilityScanSummary,
} from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  AboutField,
  AboutFieldList,
  RelativeTime,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { SeverityCounts } from './SeverityCounts';
import { SummaryLink } from './SummaryLink';

const useStyles = makeStyles(theme => ({
  critical: { color: theme.palette.error.dark, fontWeight: 500 },
  high: { color: theme.palette.error.main },
  medium: { color: theme.palette.warning.dark },
  low: { color: theme.palette.info.dark },
  none: { color: theme.palette.text.secondary },
  unknown: { color: theme.palette.text.secondary },
  muted: { color: theme.palette.text.secondary },
  list: {
    ...theme.typography.body2,
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(3),
    '& summary': { cursor: 'pointer' },
  },
  code: { overflowWrap: 'anywhere' },
}));

/**
 * What a vulnerability scan says: the scanner and its database, how many
 * vulnerabilities of each severity, and the list, most severe first.
 *
 * @internal
 */
export function VulnerabilitiesView(props: {
  summary: VulnerabilityScanSummary;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  return (
    <VerticalStack gap={1}>
      <AboutFieldList>
        <AboutField label={t('security.vulns.scanner')} wide>
          <code className={classes.code}>
            <SummaryLink value={summary.scanner.uri} />
          </code>
          {summary.scanner.version && ` ${summary.scanner.version}`}
        </AboutField>
        {summary.scanner.db?.version && (
          <AboutField label={t('security.vulns.database')}>
            {summary.scanner.db.version}
          </AboutField>
        )}
        {summary.startedOn && (
          <AboutField label={t('security.vulns.scannedAt')}>
            <RelativeTime timestamp={summary.startedOn} />
          </AboutField>
        )}
      </AboutFieldList>
      {summary.resultsRead ? (
        <>
          <Typography variant="subtitle2" component="h4">
            {t('security.vulns.total', { count: summary.total })}
          </Typography>
          <SeverityCounts
            label={t('security.vulns.bySeverity')}
            severities={VULNERABILITY_SEVERITIES}
            counts={summary.counts}
            severityClasses={classes}
            text={(severity, count) =>
              t('security.vulns.severityCount', {
                severity: t(`security.vulns.severities.${severity}`),
                count,
              })
            }
          />
          {summary.vulnerabilities.length > 0 && (
            <details className={classes.list}>
              <summary>{t('security.vulns.list')}</summary>
              <ul>
                {summary.vulnerabilities.map(vulnerability => (
                  <li key={vulnerability.id}>
                    <code>{vulnerability.id}</code>{' '}
                    <span className={classes[vulnerability.severity]}>
                      {t(`security.vulns.severities.${vulnerability.severity}`)}
                    </span>
                    {vulnerability.scores.length > 0 && (
                      <span className={classes.muted}>
                        {' '}
                        ({vulnerability.scores.join(', ')})
                      </span>
                    )}
                  </li>
                ))}
              </ul>
              {summary.omitted > 0 && (
                <Typography variant="caption" color="textSecondary">
                  {t('security.vulns.omitted', { count: summary.omitted })}
                </Typography>
              )}
            </details>
          )}
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {t('security.vulns.unreadable')}
        </Typography>
      )}
    </VerticalStack>
  );
}
