import { isDeepStrictEqual } from 'node:util';
import {
  crypto as sigstoreCrypto,
  EXTENSION_OID_SCT,
  X509SCTExtension,
} from '@sigstore/core';
import type { TrustMaterial } from '@sigstore/verify';
import { encodeAsn1 } from './asn1Encoding';
import { SigningCertificate } from './SigningCertificate';
import { TrustedCertificate } from './TrustedCertificate';

type CtLog = TrustMaterial['ctlogs'][number];

/** The SCT checks of `@sigstore/verify` (`verifySCTs`): the log IDs of the SCTs, or throws. */
function verifiedSctLogIds(
  leaf: SigningCertificate,
  issuer: TrustedCertificate,
  ctlogs: readonly CtLog[],
): Buffer[] | undefined {
  const extensions = leaf.certificate.extensions;
  const index = extensions.findIndex(
    extension => extension.subs[0].toOID() === EXTENSION_OID_SCT,
  );
  if (index < 0) {
    return [];
  }
  const scts = new X509SCTExtension(extensions[index])
    .signedCertificateTimestamps;
  if (scts.length === 0) {
    return [];
  }
  // The precertificate (RFC 6962, 3.2): the issuer key hash, then the to-be-signed
  // certificate without the SCT extension, with its 24-bit length.
  const tbs = encodeAsn1(leaf.certificate.tbsCertificate, extensions[index]);
  const length = Buffer.alloc(3);
  length.writeUIntBE(tbs.length & 0xffffff, 0, 3);
  const preCertificate = Buffer.concat([issuer.publicKeyDigest, length, tbs]);
  const logIds: Buffer[] = [];
  for (const sct of scts) {
    const logs = ctlogs.filter(
      log =>
        log.logID.equals(sct.logID) &&
        log.validFor.start <= sct.datetime &&
        sct.datetime <= log.validFor.end,
    );
    // What `SignedCertificateTimestamp.verify` verifies (RFC 6962, 3.2): version, signature
    // type (certificate timestamp), timestamp, entry type (precertificate), the
    // precertificate, the extensions with their 16-bit length.
    const extensionsLength = Buffer.alloc(2);
    extensionsLength.writeUInt16BE(sct.extensions.byteLength & 0xffff);
    const signed = Buffer.concat([
      Buffer.from([sct.version, 0x00]),
      sct.timestamp,
      Buffer.from([0x00, 0x01]),
      preCertificate,
      extensionsLength,
      sct.extensions,
    ]);
    const algorithm = sct.algorithm;
    if (
      !logs.some(log =>
        sigstoreCrypto.verify(signed, log.publicKey, sct.signature, algorithm),
      )
    ) {
      return undefined;
    }
    logIds.push(sct.logID);
  }
  return logIds;
}

/**
 * Whether the SCTs embedded in a signing certificate issued by `issuer` hold as
 * `@sigstore/verify` requires: each signed by a trusted CT log valid at its time, none
 * repeated, at least `threshold` of them. Depends only on the certificate, its issuer and the
 * trusted CT logs, so it is remembered per certificate and issuer.
 *
 * @internal
 */
export function embeddedSctsHold(
  leaf: SigningCertificate,
  issuer: TrustedCertificate,
  ctlogs: readonly CtLog[],
  threshold: number,
): boolean {
  return leaf.remember('embedded-scts', issuer, () => {
    let logIds: Buffer[] | undefined;
    try {
      logIds = verifiedSctLogIds(leaf, issuer, ctlogs);
    } catch {
      logIds = undefined;
    }
    if (!logIds) {
      return false;
    }
    const repeated = logIds.some((logId, i) =>
      logIds!.slice(i + 1).some(other => isDeepStrictEqual(logId, other)),
    );
    return !repeated && logIds.length >= threshold;
  });
}
