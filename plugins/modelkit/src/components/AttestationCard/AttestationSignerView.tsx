import { useTranslationRef } from '@backstage/frontend-plugin-api';
import { AttestationSigner } from '@kitstage/plugin-modelkit-common';
import { makeStyles } from '@material-ui/core/styles';
import { shortDigest } from '@kitstage/plugin-modelkit-react';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import { DetailText } from '../DetailText';
import { trustedSignerName } from '../../lib/attestations';

const useStyles = makeStyles({
  name: { fontWeight: 500 },
  unknown: { fontStyle: 'italic' },
});

/** The identity details of a signer: key fingerprint or certificate identity and issuer. */
function SignerDetails(props: { signer: AttestationSigner }) {
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { signer } = props;
  if (signer.type === 'certificate') {
    return (
      <>
        {signer.certificateSubject && (
          <DetailText>
            {t('security.signer.identity', {
              identity: signer.certificateSubject,
            })}
          </DetailText>
        )}
        {signer.certificateIssuer && (
          <DetailText>
            {t('security.signer.issuer', { issuer: signer.certificateIssuer })}
          </DetailText>
        )}
        {signer.transparencyLog && (
          <DetailText>
            {t('security.signer.transparencyLog', {
              index: signer.transparencyLog.logIndex,
            })}
          </DetailText>
        )}
      </>
    );
  }
  const key = [
    signer.algorithm,
    signer.fingerprint &&
      t('security.signer.fingerprint', {
        fingerprint: shortDigest(`sha256:${signer.fingerprint}`),
      }),
    signer.keyId && t('security.signer.keyId', { keyId: signer.keyId }),
  ].filter(Boolean);
  return key.length > 0 ? (
    <DetailText title={signer.fingerprint}>{key.join(' · ')}</DetailText>
  ) : null;
}

/**
 * Who signed an attestation. A trusted key or keyless identity is named by
 * its configured name (with the keyless identity and issuer); any other
 * signer is "Unknown", with what the signature presents marked as not
 * trusted.
 *
 * @internal
 */
export function AttestationSignerView(props: { signer?: AttestationSigner }) {
  const classes = useStyles();
  const { t } = useTranslationRef(modelkitTranslationRef);
  const { signer } = props;
  const name = trustedSignerName(signer);
  if (!signer) {
    return <span className={classes.unknown}>{t('security.signer.none')}</span>;
  }
  if (!name) {
    return (
      <>
        <span className={classes.unknown}>{t('security.signer.unknown')}</span>
        <DetailText>{t('security.signer.presented')}</DetailText>
        <SignerDetails signer={signer} />
      </>
    );
  }
  return (
    <>
      <span className={classes.name}>
        {t(
          signer.type === 'certificate'
            ? 'security.signer.trustedIdentity'
            : 'security.signer.trustedKey',
          { name },
        )}
      </span>
      <SignerDetails signer={signer} />
    </>
  );
}
