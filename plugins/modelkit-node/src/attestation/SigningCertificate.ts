import {
  createPublicKey,
  KeyObject,
  X509Certificate as NodeX509Certificate,
} from 'node:crypto';
import { crypto as sigstoreCrypto, X509Certificate } from '@sigstore/core';
import { encodeAsn1 } from './asn1Encoding';
import {
  CertificateFacts,
  readCertificateFacts,
  readSignedPart,
  SignedPart,
} from './TrustedCertificate';

const OID_FULCIO_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_FULCIO_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

/**
 * Reads the identity (subject alternative name) and OIDC issuer of a Fulcio certificate
 * without trusting it, for messages.
 *
 * @internal
 */
export function describeCertificate(certificate: X509Certificate): {
  subject?: string;
  issuer?: string;
} {
  let issuer: string | undefined;
  try {
    const v2 = certificate.extension(OID_FULCIO_ISSUER_V2);
    issuer = v2
      ? v2.valueObj.subs?.[0]?.value.toString('utf8')
      : certificate.extension(OID_FULCIO_ISSUER_V1)?.value.toString('utf8');
  } catch {
    issuer = undefined;
  }
  let subject: string | undefined;
  try {
    subject = certificate.subjectAltName;
  } catch {
    subject = undefined;
  }
  return {
    ...(subject ? { subject } : {}),
    ...(issuer ? { issuer } : {}),
  };
}

/**
 * The signer identity `@sigstore/verify` reads from a verified certificate (its `getSigner`):
 * the subject alternative name and the OIDC issuer (ASCII), after reading every extension and
 * the public key as it does, so a certificate it would refuse there is refused here too.
 *
 * @throws whatever `@sigstore/verify` would throw for this certificate.
 */
function readSignerIdentity(certificate: X509Certificate): {
  subjectAlternativeName?: string;
  issuer?: string;
} {
  const v2 = certificate.extension(OID_FULCIO_ISSUER_V2);
  const issuer = v2
    ? v2.valueObj.subs?.[0]?.value.toString('ascii')
    : certificate.extension(OID_FULCIO_ISSUER_V1)?.value.toString('ascii');
  for (const extension of certificate.extensions) {
    extension.subs[0].toOID();
    // eslint-disable-next-line @typescript-eslint/no-unused-expressions
    extension.subs[extension.subs.length - 1].value;
  }
  return { subjectAlternativeName: certificate.subjectAltName, issuer };
}

/**
 * `X509Certificate.parse` of `@sigstore/core`. It tries to read every OCTET STRING as nested
 * DER and catches the error when that fails; those errors are most of its cost when they
 * capture stack traces, which nobody reads. (Errors that leave the parser keep their message.)
 */
function parseWithoutStackTraces(der: Buffer): X509Certificate {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return X509Certificate.parse(Buffer.from(der));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

type Lazy<T> = { ok: true; value: T } | { ok: false };

function lazy<T>(read: () => T): () => Lazy<T> {
  let result: Lazy<T> | undefined;
  return () => {
    if (!result) {
      try {
        result = { ok: true, value: read() };
      } catch {
        result = { ok: false };
      }
    }
    return result;
  };
}

/**
 * A keyless signing certificate, parsed strictly once and read many times: the parsed
 * certificate, what it says about its signer, its public key and its to-be-signed bytes.
 * Results that depend only on these bytes and the trusted root (whether a trusted CA
 * certificate signed it, whether its SCTs verify) are remembered per trusted certificate;
 * nothing that depends on a signature, a log entry or a time is.
 *
 * @internal
 */
export class SigningCertificate {
  /** The DER bytes, exactly as received. */
  readonly der: Buffer;
  /** The certificate as `@sigstore/core` reads it. */
  readonly certificate: X509Certificate;
  /** The identity and issuer, read without trusting the certificate (for messages). */
  readonly described: { subject?: string; issuer?: string };
  readonly #remembered = new Map<string, WeakMap<object, unknown>>();
  /** The last signature its key verified and the bytes it covers (copies). */
  #verified?: { data: Buffer; signature: Buffer };

  readonly #openssl: NodeX509Certificate;

  private constructor(
    der: Buffer,
    certificate: X509Certificate,
    openssl: NodeX509Certificate,
  ) {
    this.der = der;
    this.certificate = certificate;
    this.#openssl = openssl;
    this.described = describeCertificate(certificate);
  }

  /**
   * The public key `@sigstore/verify` makes from the DER SubjectPublicKeyInfo it reads (the
   * seventh field of the to-be-signed certificate); not ok when it cannot be made. OpenSSL
   * decoded that same field when it read the certificate, provided the certificate starts
   * with its version (else OpenSSL finds the key one field earlier); its key is then taken,
   * which spares decoding the key again.
   */
  readonly publicKey = lazy<KeyObject>(() => {
    const tbs = this.certificate.tbsCertificate;
    const spki = tbs.subs[6];
    if (!spki) {
      throw new Error('the certificate has no subject public key');
    }
    const version = tbs.subs[0]?.tag;
    if (version?.isContextSpecific(0) && version.constructed) {
      try {
        return this.#openssl.publicKey;
      } catch {
        // As createPublicKey would: the key cannot be read.
      }
    }
    return createPublicKey({
      key: encodeAsn1(spki),
      format: 'der',
      type: 'spki',
    });
  });

  /** What chain building reads; not ok when `@sigstore/core` cannot read it. */
  readonly facts = lazy<CertificateFacts>(() =>
    readCertificateFacts(this.certificate),
  );

  /** What the issuer signed; not ok when `@sigstore/core` cannot read it. */
  readonly signedPart = lazy<SignedPart>(() =>
    readSignedPart(this.certificate),
  );

  /** The signer identity `@sigstore/verify` reads; not ok when it would throw. */
  readonly signerIdentity = lazy(() => {
    if (!this.publicKey().ok) {
      throw new Error('the public key cannot be read');
    }
    return readSignerIdentity(this.certificate);
  });

  /**
   * Whether the certificate's key verifies a signature over exactly these bytes, as
   * `@sigstore/verify` verifies a DSSE signature (`crypto.verify` of `@sigstore/core`). The
   * last signature that verified is remembered with the bytes it covers (copied, and compared
   * byte for byte), so the same check made again (by the fast path, after the caller) costs a
   * comparison; any other signature or bytes are verified.
   */
  verifiesSignature(data: Uint8Array, signature: Uint8Array): boolean {
    const last = this.#verified;
    if (last && last.signature.equals(signature) && last.data.equals(data)) {
      return true;
    }
    const key = this.publicKey();
    // Copies, verified and then remembered: what is remembered is what was verified.
    const copy = { data: Buffer.from(data), signature: Buffer.from(signature) };
    if (
      !key.ok ||
      !sigstoreCrypto.verify(copy.data, key.value, copy.signature)
    ) {
      return false;
    }
    this.#verified = copy;
    return true;
  }

  /**
   * Computes a result that depends only on this certificate and `key` (a trusted CA
   * certificate) once per `kind` of check, and remembers it for as long as this certificate
   * is remembered.
   */
  remember<T>(kind: string, key: object, compute: () => T): T {
    let results = this.#remembered.get(kind);
    if (!results) {
      results = new WeakMap();
      this.#remembered.set(kind, results);
    }
    if (results.has(key)) {
      return results.get(key) as T;
    }
    const value = compute();
    results.set(key, value);
    return value;
  }

  /**
   * Parses a certificate strictly: DER that OpenSSL accepts, encoded canonically, whose outer
   * signature algorithm is the one it signed (RFC 5280, 4.1.1.2). Bytes outside the signed
   * part of a certificate can then not be changed unnoticed.
   */
  static parse(
    der: Buffer,
  ):
    | { ok: true; certificate: SigningCertificate }
    | { ok: false; reason: string } {
    let certificate: X509Certificate;
    let openssl: NodeX509Certificate;
    try {
      openssl = new NodeX509Certificate(der);
      certificate = parseWithoutStackTraces(der);
    } catch (error) {
      return {
        ok: false,
        reason: `the signing certificate is not a valid X.509 certificate (${
          (error as Error).message
        })`,
      };
    }
    const signatureValue = certificate.root.subs[2];
    if (!signatureValue || signatureValue.value[0] !== 0) {
      return {
        ok: false,
        reason: 'the signing certificate has a malformed signature value',
      };
    }
    const tbs = certificate.tbsCertificate;
    const signed = tbs.subs[tbs.subs[0]?.tag.isContextSpecific(0) ? 2 : 1];
    const outer = certificate.root.subs[1];
    if (!encodeAsn1(certificate.root).equals(der)) {
      return {
        ok: false,
        reason: 'the signing certificate is not canonically DER encoded',
      };
    }
    if (!signed || !outer || !encodeAsn1(signed).equals(encodeAsn1(outer))) {
      return {
        ok: false,
        reason:
          'the signing certificate names a signature algorithm other than the one it was signed with',
      };
    }
    return {
      ok: true,
      certificate: new SigningCertificate(der, certificate, openssl),
    };
  }
}
