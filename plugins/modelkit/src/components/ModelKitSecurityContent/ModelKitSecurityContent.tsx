import { EmptyState, Progress, WarningPanel } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  isVersionReference,
  ModelKitErrorPanel,
  ModelKitVersionPicker,
  useModelKitAttestations,
  useModelKitEntityName,
  useModelKitVersions,
  useVersionQueryParams,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { AttestationCard } from '../AttestationCard';
import { AttestationPolicyPanel } from '../AttestationPolicyPanel';
import { AttestationReportOverview } from './AttestationReportOverview';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  list: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
}));

const QUERY_KEYS = ['version'] as const;

/**
 * The Security tab of a ModelKit entity page: pick a version (the newest by
 * default), then see its attestation policy outcome, how many attestations
 * ended in each verification state, and each attestation with its state and
 * reason, signer, predicate summary and a `cosign` command to check it.
 *
 * @remarks
 *
 * The selected version is kept in the `version` query parameter (a tag or a
 * digest), so a link to the page opens the same version. The backend finds
 * and verifies the attestations; the browser only shows its verdicts.
 *
 * @internal
 */
export function ModelKitSecurityContent() {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const entityName = useModelKitEntityName();
  const versions = useModelKitVersions(entityName);
  const [params, setParams] = useVersionQueryParams(QUERY_KEYS);

  const requested = params.version;
  const invalid = requested !== undefined && !isVersionReference(requested);
  const selected = requested ?? versions.versions[0]?.digest;
  const attestations = useModelKitAttestations(
    entityName,
    invalid ? undefined : selected,
  );

  let body;
  if (invalid) {
    body = (
      <WarningPanel
        severity="error"
        title={t('invalidReference', { reference: requested })}
      />
    );
  } else if (attestations.error) {
    body = (
      <ModelKitErrorPanel
        error={attestations.error}
        title={t('security.loadError')}
      />
    );
  } else if (attestations.value) {
    const { report, policy } = attestations.value;
    body = (
      <>
        <Grid container spacing={2}>
          <Grid item xs={12} md={7}>
            <AttestationPolicyPanel policy={policy} />
          </Grid>
          <Grid item xs={12} md={5}>
            <AttestationReportOverview report={report} />
          </Grid>
        </Grid>
        <Typography variant="h5" component="h2">
          {t('security.attestationsTitle')}
        </Typography>
        {report.attestations.length > 0 ? (
          <div className={classes.list}>
            {report.attestations.map(attestation => (
              <AttestationCard key={attestation.id} attestation={attestation} />
            ))}
          </div>
        ) : (
          <EmptyState
            missing="data"
            title={t('security.noAttestationsTitle')}
            description={t('security.noAttestationsDescription')}
          />
        )}
      </>
    );
  } else if (attestations.loading || versions.loading) {
    body = <Progress />;
  } else if (versions.error) {
    body = (
      <ModelKitErrorPanel
        error={versions.error}
        title={t('security.versionsLoadError')}
      />
    );
  } else {
    body = (
      <EmptyState
        missing="data"
        title={t('contentsContent.emptyTitle')}
        description={t('contentsContent.emptyDescription')}
      />
    );
  }

  const showPicker =
    !versions.loading &&
    !versions.error &&
    (versions.versions.length > 0 || requested !== undefined);

  return (
    <div className={classes.root}>
      {showPicker && (
        <div>
          <ModelKitVersionPicker
            label={t('security.version')}
            versions={versions.versions}
            value={selected}
            onChange={digest => setParams({ version: digest })}
            onLoadMore={versions.hasMore ? versions.loadMore : undefined}
            loadingMore={versions.loadingMore}
          />
        </div>
      )}
      {versions.loadMoreError && (
        <ModelKitErrorPanel
          error={versions.loadMoreError}
          title={t('security.versionsLoadError')}
        />
      )}
      {body}
    </div>
  );
}
