import {
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomBytes,
  sign as cryptoSign,
} from 'node:crypto';
import { json as sigstoreJson } from '@sigstore/core';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { CosignMediaTypes } from '../cosignFormats';
import { preAuthEncoding } from '../dsseEnvelope';
import type { TestDsseEnvelope } from './attestations';
import { der } from './der';

const OID = {
  ecPublicKey: '1.2.840.10045.2.1',
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

/**
 * A certificate authority of a {@link TestSigstore}: its name, key pair and DER certificate.
 *
 * @public
 */
export interface CertificateAuthority {
  /** The common name in its subject. */
  name: string;
  /** The P-256 key pair it signs certificates with. */
  key: { privateKey: KeyObject; publicKey: KeyObject };
  /** Its certificate, DER-encoded. */
  der: Buffer;
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function keyId(key: KeyObject): Buffer {
  return createHash('sha1').update(spki(key)).digest();
}

function name(commonName: string): Buffer {
  return der.sequence(
    der.set(der.sequence(der.oid(OID.organization), der.utf8('kitstage-test'))),
    der.set(der.sequence(der.oid(OID.commonName), der.utf8(commonName))),
  );
}

function extension(oid: string, value: Buffer, critical = false): Buffer {
  return der.sequence(
    der.oid(oid),
    ...(critical ? [der.boolean(true)] : []),
    der.octetString(value),
  );
}

function p256() {
  return generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
}

function signEcdsa(key: KeyObject, data: Buffer): Buffer {
  return cryptoSign('sha256', data, { key, dsaEncoding: 'der' });
}

function pemOf(derBytes: Buffer): string {
  const base64 = derBytes.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(
    /\n$/,
    '',
  )}\n-----END CERTIFICATE-----\n`;
}

/**
 * A keyless signing certificate issued by a {@link TestSigstore}, with its private key.
 *
 * @public
 */
export interface TestKeylessSigner {
  /** The P-256 private key of the certificate, as the signer's ephemeral key. */
  privateKey: KeyObject;
  /** The signing certificate, DER-encoded. */
  certificateDer: Buffer;
  /** The signing certificate, PEM-encoded, as cosign puts in the certificate annotation. */
  certificatePem: string;
  /** The intermediate and root, PEM, as cosign puts in the chain annotation. */
  chainPem: string;
  /** Signs `data` with the private key (ECDSA P-256, SHA-256, DER signature). */
  sign(data: Buffer): Buffer;
}

/**
 * A transparency-log entry from a {@link TestSigstore}, in the forms cosign and bundles use.
 *
 * @public
 */
export interface TestTlogEntry {
  /** cosign's `dev.sigstore.cosign/bundle` annotation value. */
  cosignBundleAnnotation: string;
  /** The entry as a Sigstore bundle `tlogEntries[]` element (JSON). */
  bundleEntry: Record<string, unknown>;
}

/**
 * A self-made, offline Sigstore instance for tests: a root and intermediate CA issuing
 * Fulcio-style certificates (identity in the subject alternative name, OIDC issuer in the
 * Fulcio extensions, an embedded SCT from a test CT log), and a test Rekor log that signs
 * entry timestamps and checkpoints. `trustedRoot` is its Sigstore trusted root JSON.
 *
 * @public
 */
export class TestSigstore {
  /** The self-signed root CA, listed in the trusted root. */
  readonly root: CertificateAuthority;
  /** The intermediate CA, issued by the root, that issues the signing certificates. */
  readonly intermediate: CertificateAuthority;
  /** The key pair of the test Rekor log, which signs entry timestamps and checkpoints. */
  readonly rekorKey = p256();
  /** The key pair of the test certificate-transparency log, which signs the embedded SCTs. */
  readonly ctKey = p256();
  /** The base URL of the test Rekor log, as the trusted root names it. */
  readonly rekorUrl: string;
  #nextLogIndex = 1000;
  #serial = 1n;
  readonly #validFrom = new Date(Date.now() - 365 * 86400_000);

  constructor(options: { name?: string } = {}) {
    const label = options.name ?? 'kitstage-test';
    this.rekorUrl = `https://rekor.${label}.example`;
    const now = Date.now();
    const rootKey = p256();
    const notBefore = this.#validFrom;
    const notAfter = new Date(now + 10 * 365 * 86400_000);
    this.root = {
      name: `${label} root`,
      key: rootKey,
      der: this.#certificate({
        subject: `${label} root`,
        issuer: `${label} root`,
        publicKey: rootKey.publicKey,
        signer: rootKey.privateKey,
        issuerPublicKey: rootKey.publicKey,
        notBefore,
        notAfter,
        extensions: [
          extension(
            OID.basicConstraints,
            der.sequence(der.boolean(true), der.integer(1)),
            true,
          ),
          extension(OID.keyUsage, der.bitString(Buffer.from([0x06]), 1), true),
          extension(
            OID.subjectKeyId,
            der.octetString(keyId(rootKey.publicKey)),
          ),
        ],
      }),
    };
    const intermediateKey = p256();
    this.intermediate = {
      name: `${label} intermediate`,
      key: intermediateKey,
      der: this.#certificate({
        subject: `${label} intermediate`,
        issuer: `${label} root`,
        publicKey: intermediateKey.publicKey,
        signer: rootKey.privateKey,
        issuerPublicKey: rootKey.publicKey,
        notBefore,
        notAfter,
        extensions: [
          extension(
            OID.basicConstraints,
            der.sequence(der.boolean(true), der.integer(0)),
            true,
          ),
          extension(OID.keyUsage, der.bitString(Buffer.from([0x06]), 1), true),
          extension(
            OID.subjectKeyId,
            der.octetString(keyId(intermediateKey.publicKey)),
          ),
          extension(
            OID.authorityKeyId,
            der.sequence(der.implicit(0, keyId(rootKey.publicKey))),
          ),
        ],
      }),
    };
  }

  /** The Rekor log ID: SHA-256 of its DER public key. */
  get rekorLogId(): Buffer {
    return createHash('sha256').update(spki(this.rekorKey.publicKey)).digest();
  }

  /** The log ID of the test CT log: the SHA-256 of its public key (SPKI, DER). */
  get ctLogId(): Buffer {
    return createHash('sha256').update(spki(this.ctKey.publicKey)).digest();
  }

  /** The Sigstore trusted root of this instance (`trusted_root.json` content). */
  get trustedRoot(): Record<string, unknown> {
    const start = this.#validFrom.toISOString();
    const log = (url: string, key: KeyObject, id: Buffer) => ({
      baseUrl: url,
      hashAlgorithm: 'SHA2_256',
      publicKey: {
        rawBytes: spki(key).toString('base64'),
        keyDetails: 'PKIX_ECDSA_P256_SHA_256',
        validFor: { start },
      },
      logId: { keyId: id.toString('base64') },
    });
    return {
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [log(this.rekorUrl, this.rekorKey.publicKey, this.rekorLogId)],
      certificateAuthorities: [
        {
          subject: {
            organization: 'kitstage-test',
            commonName: this.root.name,
          },
          uri: 'https://fulcio.kitstage-test.example',
          certChain: {
            certificates: [
              { rawBytes: this.intermediate.der.toString('base64') },
              { rawBytes: this.root.der.toString('base64') },
            ],
          },
          validFor: { start },
        },
      ],
      ctlogs: [
        log(
          'https://ctfe.kitstage-test.example',
          this.ctKey.publicKey,
          this.ctLogId,
        ),
      ],
      timestampAuthorities: [],
    };
  }

  /**
   * Issues a short-lived keyless certificate for an identity, the way Fulcio does: SAN
   * (`URI` for URLs, email otherwise), issuer in the v1 and v2 Fulcio extensions, code-signing
   * usage and, unless `sct: false`, an embedded SCT.
   */
  issue(options: {
    identity: string;
    issuer: string;
    sct?: boolean;
    validFrom?: Date;
  }): TestKeylessSigner {
    const key = p256();
    const notBefore = options.validFrom ?? new Date(Date.now() - 60_000);
    const notAfter = new Date(notBefore.getTime() + 20 * 60_000);
    const san = /^[a-z][a-z0-9+.-]*:\/\//i.test(options.identity)
      ? der.implicit(6, Buffer.from(options.identity, 'ascii'))
      : der.implicit(1, Buffer.from(options.identity, 'ascii'));
    const extensions = [
      extension(OID.keyUsage, der.bitString(Buffer.from([0x80]), 7), true),
      extension(OID.extKeyUsage, der.sequence(der.oid(OID.codeSigning))),
      extension(OID.subjectKeyId, der.octetString(keyId(key.publicKey))),
      extension(
        OID.authorityKeyId,
        der.sequence(der.implicit(0, keyId(this.intermediate.key.publicKey))),
      ),
      extension(OID.subjectAltName, der.sequence(san), true),
      extension(OID.fulcioIssuerV1, Buffer.from(options.issuer, 'utf8')),
      extension(OID.fulcioIssuerV2, der.utf8(options.issuer)),
    ];
    const serial = this.#serial++ + 1000n;
    const base = {
      subject: '',
      issuer: this.intermediate.name,
      publicKey: key.publicKey,
      signer: this.intermediate.key.privateKey,
      issuerPublicKey: this.intermediate.key.publicKey,
      notBefore,
      notAfter,
      serial,
    };
    let extensionsWithSct = extensions;
    if (options.sct !== false) {
      // The SCT signs the certificate as it is without the SCT extension (the precertificate).
      const preTbs = this.#tbs({ ...base, extensions });
      extensionsWithSct = [
        ...extensions,
        extension(
          OID.sctList,
          der.octetString(this.#sctList(preTbs, notBefore.getTime())),
        ),
      ];
    }
    const certificateDer = this.#certificate({
      ...base,
      extensions: extensionsWithSct,
    });
    return {
      privateKey: key.privateKey,
      certificateDer,
      certificatePem: pemOf(certificateDer),
      chainPem: pemOf(this.intermediate.der) + pemOf(this.root.der),
      sign: data => signEcdsa(key.privateKey, data),
    };
  }

  #sctList(preTbs: Buffer, timestampMs: number): Buffer {
    const timestamp = Buffer.alloc(8);
    timestamp.writeBigUInt64BE(BigInt(timestampMs));
    const issuerKeyHash = createHash('sha256')
      .update(spki(this.intermediate.key.publicKey))
      .digest();
    const tbsLength = Buffer.alloc(3);
    tbsLength.writeUIntBE(preTbs.length, 0, 3);
    const signed = Buffer.concat([
      Buffer.from([0, 0]), // version v1, signature type certificate_timestamp
      timestamp,
      Buffer.from([0, 1]), // entry type precert_entry
      issuerKeyHash,
      tbsLength,
      preTbs,
      Buffer.from([0, 0]), // no extensions
    ]);
    const signature = signEcdsa(this.ctKey.privateKey, signed);
    const sigLength = Buffer.alloc(2);
    sigLength.writeUInt16BE(signature.length);
    const sct = Buffer.concat([
      Buffer.from([0]),
      this.ctLogId,
      timestamp,
      Buffer.from([0, 0]),
      Buffer.from([4, 3]), // sha256, ecdsa
      sigLength,
      signature,
    ]);
    const sctLength = Buffer.alloc(2);
    sctLength.writeUInt16BE(sct.length);
    const listLength = Buffer.alloc(2);
    listLength.writeUInt16BE(sct.length + 2);
    return Buffer.concat([listLength, sctLength, sct]);
  }

  #tbs(options: {
    subject: string;
    issuer: string;
    publicKey: KeyObject;
    issuerPublicKey: KeyObject;
    notBefore: Date;
    notAfter: Date;
    extensions: Buffer[];
    serial?: bigint;
  }): Buffer {
    return der.sequence(
      der.explicit(0, der.integer(2)),
      der.integer(options.serial ?? this.#serial++),
      der.sequence(der.oid(OID.ecdsaWithSha256)),
      name(options.issuer),
      der.sequence(
        der.utcTime(options.notBefore),
        der.utcTime(options.notAfter),
      ),
      options.subject === '' ? der.sequence() : name(options.subject),
      spki(options.publicKey),
      der.explicit(3, der.sequence(...options.extensions)),
    );
  }

  #certificate(options: {
    subject: string;
    issuer: string;
    publicKey: KeyObject;
    signer: KeyObject;
    issuerPublicKey: KeyObject;
    notBefore: Date;
    notAfter: Date;
    extensions: Buffer[];
    serial?: bigint;
  }): Buffer {
    const tbs = this.#tbs(options);
    return der.sequence(
      tbs,
      der.sequence(der.oid(OID.ecdsaWithSha256)),
      der.bitString(signEcdsa(options.signer, tbs)),
    );
  }

  /**
   * Logs an entry body in the test Rekor and returns it with its signed entry timestamp and a
   * one-entry inclusion proof with a signed checkpoint.
   */
  log(body: Record<string, unknown>, integratedTime?: number): TestTlogEntry {
    const canonicalBody = Buffer.from(JSON.stringify(body));
    const logIndex = this.#nextLogIndex++;
    const time = integratedTime ?? Math.floor(Date.now() / 1000);
    const logIdHex = this.rekorLogId.toString('hex');
    const setPayload = sigstoreJson.canonicalize({
      body: canonicalBody.toString('base64'),
      integratedTime: time,
      logIndex,
      logID: logIdHex,
    });
    const set = signEcdsa(this.rekorKey.privateKey, Buffer.from(setPayload));
    const rootHash = createHash('sha256')
      .update(Buffer.concat([Buffer.from([0]), canonicalBody]))
      .digest();
    const origin = `${new URL(this.rekorUrl).host} - ${randomBytes(
      4,
    ).readUInt32BE()}`;
    const note = `${origin}\n1\n${rootHash.toString('base64')}\n`;
    const noteSignature = signEcdsa(
      this.rekorKey.privateKey,
      Buffer.from(note),
    );
    const checkpoint = `${note}\n\u2014 ${
      new URL(this.rekorUrl).host
    } ${Buffer.concat([this.rekorLogId.subarray(0, 4), noteSignature]).toString(
      'base64',
    )}\n`;
    return {
      cosignBundleAnnotation: JSON.stringify({
        SignedEntryTimestamp: set.toString('base64'),
        Payload: {
          body: canonicalBody.toString('base64'),
          integratedTime: time,
          logIndex,
          logID: logIdHex,
        },
      }),
      bundleEntry: {
        logIndex: String(logIndex),
        logId: { keyId: this.rekorLogId.toString('base64') },
        kindVersion: {
          kind: String(body.kind),
          version: String(body.apiVersion),
        },
        integratedTime: String(time),
        inclusionPromise: { signedEntryTimestamp: set.toString('base64') },
        inclusionProof: {
          logIndex: '0',
          rootHash: rootHash.toString('base64'),
          treeSize: '1',
          hashes: [],
          checkpoint: { envelope: checkpoint },
        },
        canonicalizedBody: canonicalBody.toString('base64'),
      },
    };
  }

  /** The Rekor `intoto` 0.0.2 entry cosign records for a DSSE attestation. */
  static intotoEntry(
    envelope: TestDsseEnvelope,
    certificatePem: string,
  ): Record<string, unknown> {
    const payload = Buffer.from(envelope.payload, 'base64');
    return {
      apiVersion: '0.0.2',
      kind: 'intoto',
      spec: {
        content: {
          envelope: {
            payloadType: envelope.payloadType,
            signatures: envelope.signatures.map(s => ({
              sig: Buffer.from(s.sig).toString('base64'),
              publicKey: Buffer.from(certificatePem).toString('base64'),
            })),
          },
          hash: {
            algorithm: 'sha256',
            value: createHash('sha256')
              .update(JSON.stringify(envelope))
              .digest('hex'),
          },
          payloadHash: {
            algorithm: 'sha256',
            value: createHash('sha256').update(payload).digest('hex'),
          },
        },
      },
    };
  }

  /** The Rekor `dsse` 0.0.1 entry for a DSSE envelope with one signature. */
  static dsseEntry(
    envelope: TestDsseEnvelope,
    certificatePem: string,
  ): Record<string, unknown> {
    const payload = Buffer.from(envelope.payload, 'base64');
    return {
      apiVersion: '0.0.1',
      kind: 'dsse',
      spec: {
        envelopeHash: {
          algorithm: 'sha256',
          value: createHash('sha256')
            .update(JSON.stringify(envelope))
            .digest('hex'),
        },
        payloadHash: {
          algorithm: 'sha256',
          value: createHash('sha256').update(payload).digest('hex'),
        },
        signatures: envelope.signatures.map(s => ({
          signature: s.sig,
          verifier: Buffer.from(certificatePem).toString('base64'),
        })),
      },
    };
  }

  /** The Rekor `hashedrekord` 0.0.1 entry for a signature over a message. */
  static hashedRekordEntry(
    message: Buffer,
    signature: Buffer,
    certificatePem: string,
  ): Record<string, unknown> {
    return {
      apiVersion: '0.0.1',
      kind: 'hashedrekord',
      spec: {
        data: {
          hash: {
            algorithm: 'sha256',
            value: createHash('sha256').update(message).digest('hex'),
          },
        },
        signature: {
          content: signature.toString('base64'),
          publicKey: {
            content: Buffer.from(certificatePem).toString('base64'),
          },
        },
      },
    };
  }

  /**
   * Signs a statement keylessly the way `cosign attest` does: a certificate for the identity,
   * a DSSE envelope, and (unless `tlog: false`) a Rekor `intoto` entry. Returns the envelope
   * and the layer annotations of a `.att` image.
   */
  attest(options: {
    statement: Record<string, unknown>;
    identity: string;
    issuer: string;
    tlog?: boolean;
    sct?: boolean;
    payloadType?: string;
  }): {
    envelope: TestDsseEnvelope;
    signer: TestKeylessSigner;
    annotations: Record<string, string>;
    tlog?: TestTlogEntry;
  } {
    const signer = this.issue({
      identity: options.identity,
      issuer: options.issuer,
      sct: options.sct,
    });
    const payloadType =
      options.payloadType ?? AttestationTypes.inTotoPayloadType;
    const payload = Buffer.from(JSON.stringify(options.statement));
    const envelope: TestDsseEnvelope = {
      payloadType,
      payload: payload.toString('base64'),
      signatures: [
        {
          keyid: '',
          sig: signer
            .sign(preAuthEncoding(payloadType, payload))
            .toString('base64'),
        },
      ],
    };
    const tlog =
      options.tlog === false
        ? undefined
        : this.log(TestSigstore.intotoEntry(envelope, signer.certificatePem));
    return {
      envelope,
      signer,
      tlog,
      annotations: {
        predicateType: String(options.statement.predicateType),
        [CosignMediaTypes.certificateAnnotation]: signer.certificatePem,
        [CosignMediaTypes.chainAnnotation]: signer.chainPem,
        ...(tlog
          ? { [CosignMediaTypes.bundleAnnotation]: tlog.cosignBundleAnnotation }
          : {}),
      },
    };
  }

  /**
   * Builds a Sigstore bundle v0.3 (JSON) for a keyless DSSE envelope with one signature,
   * logged as a Rekor `dsse` entry.
   */
  bundle(options: {
    statement: Record<string, unknown>;
    identity: string;
    issuer: string;
  }): Record<string, unknown> {
    const signer = this.issue(options);
    const payload = Buffer.from(JSON.stringify(options.statement));
    const payloadType = AttestationTypes.inTotoPayloadType;
    const envelope: TestDsseEnvelope = {
      payloadType,
      payload: payload.toString('base64'),
      signatures: [
        {
          keyid: '',
          sig: signer
            .sign(preAuthEncoding(payloadType, payload))
            .toString('base64'),
        },
      ],
    };
    const tlog = this.log(
      TestSigstore.dsseEntry(envelope, signer.certificatePem),
    );
    return {
      mediaType: CosignMediaTypes.sigstoreBundleV03,
      verificationMaterial: {
        certificate: { rawBytes: signer.certificateDer.toString('base64') },
        tlogEntries: [tlog.bundleEntry],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      dsseEnvelope: {
        payload: envelope.payload,
        payloadType: envelope.payloadType,
        signatures: [{ sig: envelope.signatures[0].sig, keyid: '' }],
      },
    };
  }
}
