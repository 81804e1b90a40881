import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { SlsaProvenanceSummary } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import {
  AboutField,
  AboutFieldList,
  RelativeTime,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { SummaryLink } from './SummaryLink';

const useStyles = makeStyles({
  code: { overflowWrap: 'anywhere' },
});

/**
 * What SLSA provenance says: the source repository, commit and ref the
 * version was built from, the builder, the build type and the build run.
 *
 * @internal
 */
export function SlsaProvenanceView(props: { summary: SlsaProvenanceSummary }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  return (
    <AboutFieldList>
      <AboutField label={t('security.provenance.source')} wide>
        {summary.sourceRepository ? (
          <SummaryLink value={summary.sourceRepository} />
        ) : (
          t('security.provenance.unknownSource')
        )}
      </AboutField>
      <AboutField label={t('security.provenance.commit')}>
        {summary.sourceCommit ? (
          <code className={classes.code} title={summary.sourceCommit}>
            {summary.sourceCommit}
          </code>
        ) : (
          '-'
        )}
      </AboutField>
      {summary.sourceRef && (
        <AboutField label={t('security.provenance.ref')}>
          <code className={classes.code}>{summary.sourceRef}</code>
        </AboutField>
      )}
      <AboutField label={t('security.provenance.builder')} wide>
        <code className={classes.code}>{summary.builderId}</code>
      </AboutField>
      <AboutField label={t('security.provenance.buildType')} wide>
        <code className={classes.code}>{summary.buildType}</code>
      </AboutField>
      {summary.invocationId && (
        <AboutField label={t('security.provenance.run')} wide>
          <SummaryLink value={summary.invocationId} />
        </AboutField>
      )}
      {summary.finishedOn && (
        <AboutField label={t('security.provenance.builtAt')}>
          <RelativeTime timestamp={summary.finishedOn} />
        </AboutField>
      )}
      <AboutField label={t('security.provenance.dependencies')}>
        {summary.dependencyCount}
      </AboutField>
      <AboutField label={t('security.provenance.slsaVersion')}>
        {summary.slsaVersion}
      </AboutField>
    </AboutFieldList>
  );
}
