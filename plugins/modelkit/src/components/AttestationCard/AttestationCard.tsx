import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AttestationResult } from '@kitstage/plugin-modelkit-common';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Alert } from '@material-ui/lab';
import {
  AboutField,
  AboutFieldList,
  CopyableCommand,
  RelativeTime,
  shortDigest,
} from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { DetailText } from '../DetailText';
import { attestationTitleKey } from '../../lib/attestations';
import {
  AttestationStateChip,
  verificationStateOf,
} from '../AttestationStateChip';
import { AttestationSummaryView } from '../AttestationSummaryView';
import { AttestationSignerView } from './AttestationSignerView';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2),
    borderLeftWidth: theme.spacing(0.5),
  },
  verified: { borderLeftColor: theme.palette.success.main },
  unverified: { borderLeftColor: theme.palette.warning.main },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
  title: { marginRight: theme.spacing(1) },
  code: { overflowWrap: 'anywhere' },
  signatures: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
  },
  notes: {
    ...theme.typography.caption,
    color: theme.palette.text.secondary,
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

/**
 * One attestation or signature of a ModelKit version: what it is, its
 * verification state with the reason, who signed it, what its predicate says
 * and a `cosign` command to check it independently.
 *
 * @remarks
 *
 * Only a `verified` attestation is styled as verified. Any other state shows
 * its reason, and the predicate summary is marked as unconfirmed: it is what
 * the attestation claims, not something the portal vouches for.
 *
 * @internal
 */
export function AttestationCard(props: { attestation: AttestationResult }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { attestation } = props;
  const state = verificationStateOf(attestation.state);
  const verified = state === 'verified';
  const title = t(`security.predicates.${attestationTitleKey(attestation)}`);
  const location = attestation.location;
  const signatures = attestation.signatures ?? [];

  return (
    <Paper
      component="article"
      variant="outlined"
      aria-label={t('security.attestationLabel', {
        title,
        state: t(`security.states.${state}`),
      })}
      data-state={state}
      className={`${classes.root} ${
        verified ? classes.verified : classes.unverified
      }`}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3" className={classes.title}>
          {title}
        </Typography>
        <AttestationStateChip state={state} />
      </div>
      <Typography variant="body2">
        {t('security.reason', { reason: attestation.reason })}
      </Typography>
      <AboutFieldList>
        <AboutField label={t('security.fields.signer')} wide>
          <AttestationSignerView signer={attestation.signer} />
        </AboutField>
        <AboutField label={t('security.fields.predicateType')} wide>
          {attestation.predicateType ? (
            <code className={classes.code}>{attestation.predicateType}</code>
          ) : (
            '-'
          )}
        </AboutField>
        <AboutField label={t('security.fields.foundVia')}>
          {t(`security.discovery.${attestation.discoveredVia}`)}
          {attestation.format && (
            <DetailText>
              {t(`security.formats.${attestation.format}`)}
            </DetailText>
          )}
        </AboutField>
        <AboutField label={t('security.fields.storedIn')}>
          <code className={classes.code} title={location.manifestDigest}>
            {location.tag ?? shortDigest(location.manifestDigest)}
          </code>
        </AboutField>
        {attestation.createdAt && (
          <AboutField label={t('security.fields.created')}>
            <RelativeTime timestamp={attestation.createdAt} />
          </AboutField>
        )}
        {signatures.length > 1 && (
          <AboutField label={t('security.fields.signatures')} wide>
            <ol className={classes.signatures}>
              {signatures.map(signature => (
                <li key={signature.index}>
                  {t(`security.signatureOutcomes.${signature.outcome}`)}
                  <DetailText>{signature.reason}</DetailText>
                </li>
              ))}
            </ol>
          </AboutField>
        )}
      </AboutFieldList>
      {attestation.summary && !verified && (
        <Alert severity="warning">{t('security.unconfirmed')}</Alert>
      )}
      {attestation.summary && (
        <AttestationSummaryView summary={attestation.summary} />
      )}
      {attestation.command && (
        <div>
          <Typography variant="subtitle2" component="h4">
            {t('security.command.title')}
          </Typography>
          <CopyableCommand
            command={attestation.command.text}
            copyLabel={t('security.command.copy', { title })}
            copiedText={t('security.command.copied')}
          />
          {attestation.command.notes.length > 0 && (
            <ul className={classes.notes}>
              {attestation.command.notes.map(note => (
                <li key={note}>{note}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Paper>
  );
}
