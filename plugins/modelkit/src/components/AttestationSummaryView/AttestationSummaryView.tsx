import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AttestationSummary } from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { JsonPreviewView } from '../JsonPreviewView';
import { SbomView } from './SbomView';
import { ScanEvaluationView } from './ScanEvaluationView';
import { SlsaProvenanceView } from './SlsaProvenanceView';
import { VulnerabilitiesView } from './VulnerabilitiesView';

const useStyles = makeStyles(theme => ({
  issues: {
    ...theme.typography.body2,
    margin: theme.spacing(0.5, 0),
    paddingLeft: theme.spacing(3),
    '& code': { overflowWrap: 'anywhere' },
  },
}));

/**
 * What an attestation's predicate says, by family: scan evaluations,
 * vulnerability scans, SLSA provenance and SBOMs as summaries, any other
 * predicate as collapsible JSON, and a predicate that breaks its family's
 * schema with the fields that are wrong.
 *
 * @internal
 */
export function AttestationSummaryView(props: { summary: AttestationSummary }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { summary } = props;
  switch (summary.kind) {
    case 'scan-evaluation':
      return <ScanEvaluationView summary={summary.scanEvaluation} />;
    case 'vulnerabilities':
      return <VulnerabilitiesView summary={summary.vulnerabilities} />;
    case 'slsa-provenance':
      return <SlsaProvenanceView summary={summary.provenance} />;
    case 'sbom':
      return <SbomView summary={summary.sbom} />;
    case 'signature':
      return (
        <Typography variant="body2" color="textSecondary">
          {t('security.signatureOnly')}
        </Typography>
      );
    case 'other':
      return (
        <JsonPreviewView
          preview={summary.predicate}
          showLabel={t('security.json.show')}
          hideLabel={t('security.json.hide')}
        />
      );
    case 'invalid':
      return (
        <div>
          <Typography variant="body2">
            {t('security.invalidPredicate', {
              family: t(
                `security.predicates.${
                  summary.predicateKind === 'spdx' ||
                  summary.predicateKind === 'cyclonedx'
                    ? 'sbom'
                    : summary.predicateKind
                }`,
              ),
            })}
          </Typography>
          <ul className={classes.issues}>
            {summary.issues.map(issue => (
              <li key={issue}>
                <code>{issue}</code>
              </li>
            ))}
          </ul>
          <JsonPreviewView
            preview={summary.predicate}
            showLabel={t('security.json.show')}
            hideLabel={t('security.json.hide')}
          />
        </div>
      );
    default:
      // A summary kind this version does not know: shown as unread rather than guessed.
      return (
        <Typography variant="body2" color="textSecondary">
          {t('security.unknownSummary')}
        </Typography>
      );
  }
}
