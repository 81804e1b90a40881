import { InfoCard } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AttestationReport } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  AboutField,
  AboutFieldList,
  DigestText,
  formatBytes,
  RelativeTime,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { AttestationStateCounts } from '../AttestationStateCounts';

const useStyles = makeStyles(theme => ({
  list: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
    '& code': { overflowWrap: 'anywhere' },
  },
}));

/** Why more evidence may exist than the report lists. */
function IncompleteNote(props: { report: AttestationReport }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { limits, discovery } = props.report;
  const reasons: string[] = [];
  if (limits.reached === 'count') {
    reasons.push(
      t('security.incomplete.countLimit', {
        max: String(limits.maxAttestations),
      }),
    );
  } else if (limits.reached === 'bytes') {
    reasons.push(
      t('security.incomplete.bytesLimit', {
        max: formatBytes(limits.maxBytes),
      }),
    );
  }
  if (limits.omitted > 0) {
    reasons.push(t('security.incomplete.omitted', { count: limits.omitted }));
  }
  return (
    <Alert severity="warning" role="note">
      <AlertTitle>{t('security.incomplete.title')}</AlertTitle>
      {t('security.incomplete.description')}
      {(reasons.length > 0 || discovery.errors.length > 0) && (
        <ul className={classes.list}>
          {reasons.map(reason => (
            <li key={reason}>{reason}</li>
          ))}
          {discovery.errors.map((error, index) => (
            <li key={`${error.where}-${index}`}>
              {t('security.incomplete.lookupFailed', {
                where: error.where,
                message: error.message,
              })}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}

/**
 * What was checked for one version: the digest, when, how many attestations
 * ended in each state, and a note when the search stopped early or a lookup
 * failed, so that more evidence may exist.
 *
 * @internal
 */
export function AttestationReportOverview(props: {
  report: AttestationReport;
}) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { report } = props;
  return (
    <InfoCard title={t('security.overview.title')}>
      <VerticalStack>
        <AboutFieldList>
          <AboutField label={t('security.overview.digest')} wide>
            <DigestText digest={report.subject.digest} />
          </AboutField>
          <AboutField label={t('security.overview.checkedAt')}>
            <RelativeTime timestamp={report.checkedAt} />
          </AboutField>
          <AboutField label={t('security.overview.total')}>
            {report.attestations.length + report.limits.omitted}
          </AboutField>
        </AboutFieldList>
        <AttestationStateCounts counts={report.counts} />
        {!report.complete && <IncompleteNote report={report} />}
        {report.otherReferrers.length > 0 && (
          <div>
            <Typography variant="body2" color="textSecondary">
              {t('security.overview.otherReferrers', {
                count: report.otherReferrers.length,
              })}
            </Typography>
            <ul className={classes.list}>
              {report.otherReferrers.map(referrer => (
                <li key={referrer.digest}>
                  <code>{referrer.artifactType ?? referrer.mediaType}</code>{' '}
                  <DigestText digest={referrer.digest} copy={false} />
                </li>
              ))}
            </ul>
          </div>
        )}
      </VerticalStack>
    </InfoCard>
  );
}
