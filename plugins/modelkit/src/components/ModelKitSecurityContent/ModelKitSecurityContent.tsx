import { EmptyState } from '@backstage/core-components';
import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { ModelKitAttestationsResponse } from '@kitstage/plugin-modelkit-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  ModelKitVersionSelectionTab,
  useModelKitAttestations,
  useModelKitVersionSelection,
  VerticalStack,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { AttestationCard } from '../AttestationCard';
import { AttestationPolicyPanel } from '../AttestationPolicyPanel';
import { AttestationReportOverview } from './AttestationReportOverview';

function AttestationsView(props: { value: ModelKitAttestationsResponse }) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { report, policy } = props.value;
  return (
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
        <VerticalStack>
          {report.attestations.map(attestation => (
            <AttestationCard key={attestation.id} attestation={attestation} />
          ))}
        </VerticalStack>
      ) : (
        <EmptyState
          missing="data"
          title={t('security.noAttestationsTitle')}
          description={t('security.noAttestationsDescription')}
        />
      )}
    </>
  );
}

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
  const { t } = useTranslationRef(modelkitTranslationRef);
  const selection = useModelKitVersionSelection();
  const attestations = useModelKitAttestations(
    selection.entityName,
    selection.reference,
  );

  return (
    <ModelKitVersionSelectionTab
      selection={selection}
      state={attestations}
      labels={{ loadError: t('security.loadError') }}
    >
      {value => <AttestationsView value={value} />}
    </ModelKitVersionSelectionTab>
  );
}
