import {
  createHash,
  createPublicKey,
  KeyObject,
  verify as cryptoVerify,
} from 'node:crypto';
import type { X509Certificate } from '@sigstore/core';
import { encodeAsn1 } from './asn1Encoding';

/**
 * What certificate chain building reads from a certificate, read once with the getters of
 * `@sigstore/core`, so the values are the ones `@sigstore/verify` compares.
 *
 * @internal
 */
export interface CertificateFacts {
  /** The DER subject name. */
  subject: Buffer;
  /** The DER issuer name. */
  issuer: Buffer;
  /** The subject key identifier, when the certificate has that extension. */
  subjectKeyId?: Buffer;
  /** The authority key identifier's key identifier, when there is one. */
  authorityKeyId?: Buffer;
  /** `isCA` of the basic constraints extension (false without one). */
  basicConstraintsIsCA: boolean;
  /** The path length constraint of a CA's basic constraints, when set. */
  pathLenConstraint?: bigint;
  /** The start of the validity period. */
  notBefore: Date;
  /** The end of the validity period. */
  notAfter: Date;
}

/**
 * Reads the chain-building facts of a certificate.
 *
 * @throws when a getter of `@sigstore/core` throws for this certificate.
 * @internal
 */
export function readCertificateFacts(
  certificate: X509Certificate,
): CertificateFacts {
  const basic = certificate.extBasicConstraints;
  const basicIsCA = basic?.isCA ?? false;
  // Read only for a CA, as the path length check does.
  const pathLenConstraint = basicIsCA ? basic?.pathLenConstraint : undefined;
  const subjectKeyId = certificate.extSubjectKeyID;
  const authorityKeyId = certificate.extAuthorityKeyID?.keyIdentifier;
  return {
    subject: certificate.subject,
    issuer: certificate.issuer,
    ...(subjectKeyId ? { subjectKeyId: subjectKeyId.keyIdentifier } : {}),
    ...(authorityKeyId ? { authorityKeyId } : {}),
    basicConstraintsIsCA: basicIsCA,
    ...(pathLenConstraint !== undefined ? { pathLenConstraint } : {}),
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
  };
}

/**
 * Whether `candidate` may have issued a certificate with these facts, by the rule of
 * `@sigstore/verify`: the subject key identifier must equal the authority key identifier when
 * both are there, else the subject must equal the issuer name.
 *
 * @internal
 */
export function mayHaveIssued(
  candidate: Pick<CertificateFacts, 'subject' | 'subjectKeyId'>,
  issued: Pick<CertificateFacts, 'issuer' | 'authorityKeyId'>,
): boolean {
  if (issued.authorityKeyId && candidate.subjectKeyId) {
    return candidate.subjectKeyId.equals(issued.authorityKeyId);
  }
  return candidate.subject.equals(issued.issuer);
}

/**
 * What a certificate signed: its to-be-signed bytes, signature and algorithm, as
 * `X509Certificate.verify` of `@sigstore/core` reads them.
 *
 * @internal
 */
export interface SignedPart {
  /** The DER to-be-signed certificate. */
  tbs: Buffer;
  /** The signature value. */
  signature: Buffer;
  /** The digest of the signature algorithm (`sha256`), undefined when unknown. */
  algorithm: string | undefined;
}

/**
 * Reads what a certificate signed.
 *
 * @throws when a getter of `@sigstore/core` throws for this certificate.
 * @internal
 */
export function readSignedPart(certificate: X509Certificate): SignedPart {
  return {
    tbs: encodeAsn1(certificate.tbsCertificate),
    signature: certificate.signatureValue,
    algorithm: certificate.signatureAlgorithm,
  };
}

/**
 * Whether a signed part verifies with a key, as `X509Certificate.verify` decides (a key that
 * cannot be made, or an error, is a failed check).
 *
 * @internal
 */
export function signedWith(
  part: SignedPart,
  key: KeyObject | undefined,
): boolean {
  if (!key) {
    return false;
  }
  try {
    return cryptoVerify(part.algorithm, part.tbs, key, part.signature);
  } catch {
    return false;
  }
}

/**
 * A certificate of the trusted root, with everything chain building and SCT checks read from
 * it, read once when the verifier is created.
 *
 * @internal
 */
export class TrustedCertificate {
  /** The DER certificate. */
  readonly der: Buffer;
  /** What chain building reads from it. */
  readonly facts: CertificateFacts;
  /** `X509Certificate.isCA`: a CA by basic constraints, allowed to sign certificates. */
  readonly isCA: boolean;
  /** What its issuer signed. */
  readonly signedPart: SignedPart;
  /** The public key; undefined when it cannot be made. */
  readonly key?: KeyObject;
  /** SHA-256 of the DER SubjectPublicKeyInfo: the issuer key hash of a precertificate. */
  readonly publicKeyDigest: Buffer;
  /** Whether it verifies with its own key; undefined when that check throws. */
  readonly selfSigned?: boolean;

  /**
   * @throws when `@sigstore/core` cannot read what is needed from the certificate.
   */
  constructor(certificate: X509Certificate) {
    this.der = encodeAsn1(certificate.root);
    this.facts = readCertificateFacts(certificate);
    this.isCA = certificate.isCA;
    this.signedPart = readSignedPart(certificate);
    const publicKey = encodeAsn1(certificate.tbsCertificate.subs[6]);
    this.publicKeyDigest = createHash('sha256').update(publicKey).digest();
    try {
      this.key = createPublicKey({
        key: publicKey,
        format: 'der',
        type: 'spki',
      });
    } catch {
      this.key = undefined;
    }
    // `X509Certificate.verify()` without an issuer: its own key, which must be readable.
    this.selfSigned = this.key
      ? signedWith(this.signedPart, this.key)
      : undefined;
  }
}
