import {
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign as cryptoSign,
} from 'node:crypto';
import { TestSigstore } from '../testing';
import { der } from '../testing/der';

/** Object identifiers of the extensions a crafted certificate carries. */
export const CRAFTED_OIDS = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  subjectKeyId: '2.5.29.14',
  authorityKeyId: '2.5.29.35',
  subjectAltName: '2.5.29.17',
  fulcioIssuerV1: '1.3.6.1.4.1.57264.1.1',
  fulcioIssuerV2: '1.3.6.1.4.1.57264.1.8',
  sctList: '1.3.6.1.4.1.11129.2.4.2',
};

const OID = CRAFTED_OIDS;

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

/** The key identifier TestSigstore gives its CA certificates: SHA-1 of the DER key. */
export function keyIdOf(key: KeyObject): Buffer {
  return createHash('sha1').update(spki(key)).digest();
}

function name(commonName: string): Buffer {
  return der.sequence(
    der.set(der.sequence(der.oid(OID.organization), der.utf8('kitstage-test'))),
    der.set(der.sequence(der.oid(OID.commonName), der.utf8(commonName))),
  );
}

/** A DER X.509 extension. */
export function craftExtension(
  oid: string,
  value: Buffer,
  critical = false,
): Buffer {
  return der.sequence(
    der.oid(oid),
    ...(critical ? [der.boolean(true)] : []),
    der.octetString(value),
  );
}

/** How a crafted certificate carries its SCT. */
export type CraftedSct =
  | 'valid'
  | 'none'
  /** Signed over a precertificate naming the root, not the issuer, as issuer key. */
  | 'wrong-issuer-key'
  /** Signed by a key that is not the trusted CT log's. */
  | 'untrusted-log'
  /** Twice the same SCT in the list. */
  | 'repeated';

/** Options of {@link craftCertificate}; by default a certificate like TestSigstore's. */
export interface CraftedCertificateOptions {
  identity: string;
  issuer: string;
  /**
   * Who signs it: the intermediate CA (default), the root CA, the new key itself, or another
   * crafted certificate (whose subject name is `subjectName` there).
   */
  signedBy?:
    | 'intermediate'
    | 'root'
    | 'self'
    | { certificate: CraftedCertificate; name: string };
  /** The issuer name written in it (default: the signer's name). */
  issuerName?: string;
  /** The subject name ('' for an empty one, the default). */
  subjectName?: string;
  /** The authority key identifier (default: the signer's); false for none. */
  authorityKeyId?: Buffer | false;
  /** The subject key identifier (default: its own); false for none. */
  subjectKeyId?: Buffer | false;
  /** A basic constraints extension. */
  basicConstraints?: { ca: boolean; pathLen?: number };
  notBefore?: Date;
  notAfter?: Date;
  sct?: CraftedSct;
  /** Leave out every extension but the SCT list. */
  onlySct?: boolean;
  /** The OIDC issuer of the v1 Fulcio extension (default: `issuer`); false for none. */
  issuerV1?: string | false;
  /** The OIDC issuer of the v2 Fulcio extension (default: `issuer`); false for none. */
  issuerV2?: string | false;
  /** The DER GeneralNames of the subject alternative name (default: `identity` as a URI). */
  subjectAltNames?: Buffer;
  /** Further DER extensions, after the others (before the SCT list). */
  extraExtensions?: Buffer[];
}

/** A crafted keyless certificate with its key. */
export interface CraftedCertificate {
  der: Buffer;
  /** Its key pair. */
  key: { publicKey: KeyObject; privateKey: KeyObject };
  pem: string;
  sign(data: Buffer): Buffer;
}

/**
 * Issues keyless certificates that differ from TestSigstore's in one way or another (another
 * issuer, missing key identifiers, odd SCTs, a CA, self-signed), for tests that compare how
 * they are verified.
 */
export function craftCertificate(
  sigstore: TestSigstore,
  options: CraftedCertificateOptions,
): CraftedCertificate {
  const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const signers = {
    intermediate: {
      name: sigstore.intermediate.name,
      key: sigstore.intermediate.key,
    },
    root: { name: sigstore.root.name, key: sigstore.root.key },
    self: { name: options.subjectName ?? '', key },
  };
  const signedBy = options.signedBy ?? 'intermediate';
  const signer =
    typeof signedBy === 'string'
      ? signers[signedBy]
      : { name: signedBy.name, key: signedBy.certificate.key };
  const notBefore = options.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter =
    options.notAfter ?? new Date(notBefore.getTime() + 20 * 60_000);
  const subjectKeyId =
    options.subjectKeyId === undefined
      ? keyIdOf(key.publicKey)
      : options.subjectKeyId;
  const authorityKeyId =
    options.authorityKeyId === undefined
      ? keyIdOf(signer.key.publicKey)
      : options.authorityKeyId;
  const issuerV1 = options.issuerV1 ?? options.issuer;
  const issuerV2 = options.issuerV2 ?? options.issuer;
  const extensions = options.onlySct
    ? []
    : [
        craftExtension(
          OID.keyUsage,
          der.bitString(Buffer.from([0x80]), 7),
          true,
        ),
        craftExtension(OID.extKeyUsage, der.sequence(der.oid(OID.codeSigning))),
        ...(options.basicConstraints
          ? [
              craftExtension(
                OID.basicConstraints,
                der.sequence(
                  ...(options.basicConstraints.ca ? [der.boolean(true)] : []),
                  ...(options.basicConstraints.pathLen !== undefined
                    ? [der.integer(options.basicConstraints.pathLen)]
                    : []),
                ),
                true,
              ),
            ]
          : []),
        ...(subjectKeyId
          ? [craftExtension(OID.subjectKeyId, der.octetString(subjectKeyId))]
          : []),
        ...(authorityKeyId
          ? [
              craftExtension(
                OID.authorityKeyId,
                der.sequence(der.implicit(0, authorityKeyId)),
              ),
            ]
          : []),
        craftExtension(
          OID.subjectAltName,
          options.subjectAltNames ??
            der.sequence(
              der.implicit(6, Buffer.from(options.identity, 'ascii')),
            ),
          true,
        ),
        ...(issuerV1 === false
          ? []
          : [
              craftExtension(OID.fulcioIssuerV1, Buffer.from(issuerV1, 'utf8')),
            ]),
        ...(issuerV2 === false
          ? []
          : [craftExtension(OID.fulcioIssuerV2, der.utf8(issuerV2))]),
        ...(options.extraExtensions ?? []),
      ];
  const subject = options.subjectName ?? '';
  const serial = BigInt(`0x${randomBytes(8).toString('hex')}`) >> 1n;
  const tbs = (exts: Buffer[]) =>
    der.sequence(
      der.explicit(0, der.integer(2)),
      der.integer(serial),
      der.sequence(der.oid(OID.ecdsaWithSha256)),
      name(options.issuerName ?? signer.name),
      der.sequence(der.utcTime(notBefore), der.utcTime(notAfter)),
      subject === '' ? der.sequence() : name(subject),
      spki(key.publicKey),
      der.explicit(3, der.sequence(...exts)),
    );
  const sct = options.sct ?? 'valid';
  let allExtensions = extensions;
  if (sct !== 'none') {
    const issuerKey =
      sct === 'wrong-issuer-key' ? sigstore.root.key : signer.key;
    const logKey =
      sct === 'untrusted-log'
        ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
        : sigstore.ctKey;
    // Signed over the RFC 6962 precertificate: the certificate without the SCT list. (When
    // the list is the only extension, @sigstore/verify rebuilds it with the list, so no SCT
    // can verify there.)
    const list = sctList(
      tbs(extensions),
      issuerKey.publicKey,
      logKey.privateKey,
      sigstore,
      { timestampMs: notBefore.getTime(), repeated: sct === 'repeated' },
    );
    allExtensions = [
      ...extensions,
      craftExtension(OID.sctList, der.octetString(list)),
    ];
  }
  const signed = tbs(allExtensions);
  const certificate = der.sequence(
    signed,
    der.sequence(der.oid(OID.ecdsaWithSha256)),
    der.bitString(
      cryptoSign('sha256', signed, {
        key: signer.key.privateKey,
        dsaEncoding: 'der',
      }),
    ),
  );
  const base64 = certificate.toString('base64').replace(/(.{64})/g, '$1\n');
  return {
    der: certificate,
    key,
    pem: `-----BEGIN CERTIFICATE-----\n${base64.replace(
      /\n$/,
      '',
    )}\n-----END CERTIFICATE-----\n`,
    sign: data =>
      cryptoSign('sha256', data, { key: key.privateKey, dsaEncoding: 'der' }),
  };
}

function sctList(
  preTbs: Buffer,
  issuerPublicKey: KeyObject,
  logKey: KeyObject,
  sigstore: TestSigstore,
  options: { timestampMs: number; repeated: boolean },
): Buffer {
  const timestamp = Buffer.alloc(8);
  timestamp.writeBigUInt64BE(BigInt(options.timestampMs));
  const tbsLength = Buffer.alloc(3);
  tbsLength.writeUIntBE(preTbs.length, 0, 3);
  const signature = cryptoSign(
    'sha256',
    Buffer.concat([
      Buffer.from([0, 0]),
      timestamp,
      Buffer.from([0, 1]),
      createHash('sha256').update(spki(issuerPublicKey)).digest(),
      tbsLength,
      preTbs,
      Buffer.from([0, 0]),
    ]),
    { key: logKey, dsaEncoding: 'der' },
  );
  const sigLength = Buffer.alloc(2);
  sigLength.writeUInt16BE(signature.length);
  const sct = Buffer.concat([
    Buffer.from([0]),
    sigstore.ctLogId,
    timestamp,
    Buffer.from([0, 0]),
    Buffer.from([4, 3]),
    sigLength,
    signature,
  ]);
  const sctLength = Buffer.alloc(2);
  sctLength.writeUInt16BE(sct.length);
  const one = Buffer.concat([sctLength, sct]);
  const items = options.repeated ? Buffer.concat([one, one]) : one;
  const listLength = Buffer.alloc(2);
  listLength.writeUInt16BE(items.length);
  return Buffer.concat([listLength, items]);
}
