import { createHash } from 'node:crypto';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toTrustMaterial, Verifier } from '@sigstore/verify';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { TrustContext } from './checkSignature';
import { CosignMediaTypes } from './cosignFormats';
import { preAuthEncoding } from './dsseEnvelope';
import { KeylessFastPath } from './KeylessFastPath';
import { KeylessTrust, KeylessTrustConfig } from './KeylessTrust';
import { SigningCertificateCache } from './SigningCertificateCache';
import {
  craftCertificate,
  CraftedCertificate,
  CraftedCertificateOptions,
  keyIdOf,
} from './__testUtils__/craftedCertificates';
import {
  dsseLayer,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { buildSimpleSigningPayload, TestSigstore } from './testing';
import { AttestationLayer, verifyLayer } from './verifyLayer';

jest.setTimeout(120_000);

const DIGEST = `sha256:${'4f3c'.repeat(16)}`;
const HOUR = 3600_000;

type Case = { name: string; layer: AttestationLayer; manifest?: Buffer };

function pemOf(der: Buffer): string {
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(
    /\n$/,
    '',
  )}\n-----END CERTIFICATE-----\n`;
}

function bundleLayer(bundle: unknown): AttestationLayer {
  return {
    content: Buffer.from(
      typeof bundle === 'string' ? bundle : JSON.stringify(bundle),
    ),
    mediaType: CosignMediaTypes.sigstoreBundleV03,
  };
}

describe('KeylessFastPath', () => {
  const sigstore = new TestSigstore();
  const statement = scanStatement(DIGEST);

  const configs: KeylessTrustConfig[] = [true, false].map(ct => ({
    trustedRoot: sigstore.trustedRoot,
    identities: [
      { name: 'release', subject: RELEASE_IDENTITY, issuer: GITHUB_ISSUER },
      {
        name: 'examples',
        subjectPattern: 'https://example\\.com/.*',
        issuer: GITHUB_ISSUER,
      },
    ],
    requireCertificateTransparency: ct,
  }));
  const contexts = (config: KeylessTrustConfig) =>
    [true, false].map(
      (fastPath): TrustContext => ({
        keys: [],
        keyless: KeylessTrust.fromConfig(config, { fastPath }),
        certificates: new SigningCertificateCache(),
      }),
    );

  /** A `.att` layer signed with a certificate and logged in a test Rekor. */
  function attestWith(
    certificate: { pem: string; sign(data: Buffer): Buffer },
    options: { log?: TestSigstore; integratedTime?: number } = {},
  ): AttestationLayer {
    const payload = Buffer.from(JSON.stringify(statement));
    const payloadType = AttestationTypes.inTotoPayloadType;
    const envelope = {
      payloadType,
      payload: payload.toString('base64'),
      signatures: [
        {
          keyid: '',
          sig: certificate
            .sign(preAuthEncoding(payloadType, payload))
            .toString('base64'),
        },
      ],
    };
    const tlog = (options.log ?? sigstore).log(
      TestSigstore.intotoEntry(envelope, certificate.pem),
      options.integratedTime,
    );
    return dsseLayer(envelope, {
      [CosignMediaTypes.certificateAnnotation]: certificate.pem,
      [CosignMediaTypes.bundleAnnotation]: tlog.cosignBundleAnnotation,
    });
  }

  const craft = (options: Partial<CraftedCertificateOptions> = {}) =>
    craftCertificate(sigstore, {
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
      ...options,
    });

  /** Certificates the fast path verifies itself when their attestation is valid. */
  const covered: Array<[string, CraftedCertificate]> = [
    ['like Fulcio', craft()],
    ['issued by the root', craft({ signedBy: 'root' })],
    ['without authority key ID', craft({ authorityKeyId: false })],
    ['without subject key ID', craft({ subjectKeyId: false })],
    ['a CA itself', craft({ basicConstraints: { ca: true, pathLen: 0 } })],
    ['another identity', craft({ identity: 'https://example.com/x' })],
  ];

  /** Certificates it leaves (or refuses) to `@sigstore/verify`. */
  const others: Array<[string, CraftedCertificate]> = [
    ['other authority key ID', craft({ authorityKeyId: Buffer.alloc(20, 7) })],
    [
      'subject key ID of the root',
      craft({ subjectKeyId: keyIdOf(sigstore.root.key.publicKey) }),
    ],
    [
      'self-signed',
      craft({
        signedBy: 'self',
        subjectName: 'me',
        issuerName: 'me',
        authorityKeyId: false,
      }),
    ],
    [
      'named like the intermediate',
      craft({ subjectName: sigstore.intermediate.name }),
    ],
    ['wrong issuer name', craft({ issuerName: 'nobody' })],
    [
      'wrong issuer name, no authority key ID',
      craft({ issuerName: 'nobody', authorityKeyId: false }),
    ],
    [
      'expired',
      craft({
        notBefore: new Date(Date.now() - 2 * HOUR),
        notAfter: new Date(Date.now() - HOUR),
      }),
    ],
    ['not yet valid', craft({ notBefore: new Date(Date.now() + HOUR) })],
    ['without SCT', craft({ sct: 'none' })],
    ['SCT over another issuer key', craft({ sct: 'wrong-issuer-key' })],
    ['SCT of an untrusted log', craft({ sct: 'untrusted-log' })],
    ['the same SCT twice', craft({ sct: 'repeated' })],
    ['the SCT list as only extension', craft({ onlySct: true })],
    ['untrusted identity', craft({ identity: 'https://evil.example/x' })],
    [
      'from another Sigstore',
      craftCertificate(new TestSigstore(), {
        identity: RELEASE_IDENTITY,
        issuer: GITHUB_ISSUER,
      }),
    ],
  ];

  function corpus(): Case[] {
    const cases: Case[] = [];
    for (const [name, certificate] of [...covered, ...others]) {
      cases.push({ name, layer: attestWith(certificate) });
    }
    const good = craft();
    const now = Math.floor(Date.now() / 1000);
    cases.push(
      {
        name: 'logged elsewhere',
        layer: attestWith(good, { log: new TestSigstore() }),
      },
      {
        name: 'logged after expiry',
        layer: attestWith(good, { integratedTime: now + 2 * 3600 }),
      },
      {
        name: 'logged before validity',
        layer: attestWith(good, { integratedTime: now - 2 * 3600 }),
      },
    );
    // Every 7th byte of a certificate and every 5th of a signed entry timestamp.
    const att = sigstore.attest({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    for (let i = 0; i < att.signer.certificateDer.length; i += 7) {
      const der = Buffer.from(att.signer.certificateDer);
      der[i] ^= 0x01;
      cases.push({
        name: `certificate byte ${i}`,
        layer: dsseLayer(att.envelope, {
          ...att.annotations,
          [CosignMediaTypes.certificateAnnotation]: pemOf(der),
        }),
      });
    }
    const rekor = JSON.parse(
      att.annotations[CosignMediaTypes.bundleAnnotation],
    );
    const set = Buffer.from(rekor.SignedEntryTimestamp, 'base64');
    for (let i = 0; i < set.length; i += 5) {
      const changed = Buffer.from(set);
      changed[i] ^= 0x01;
      cases.push({
        name: `signed entry timestamp byte ${i}`,
        layer: dsseLayer(att.envelope, {
          ...att.annotations,
          [CosignMediaTypes.bundleAnnotation]: JSON.stringify({
            ...rekor,
            SignedEntryTimestamp: changed.toString('base64'),
          }),
        }),
      });
    }
    // A bundle (inclusion proof and promise), every 37th character changed.
    const bundle = JSON.stringify(
      sigstore.bundle({
        statement,
        identity: RELEASE_IDENTITY,
        issuer: GITHUB_ISSUER,
      }),
    );
    cases.push({ name: 'bundle', layer: bundleLayer(bundle) });
    for (let i = 0; i < bundle.length; i += 37) {
      cases.push({
        name: `bundle character ${i}`,
        layer: bundleLayer(
          bundle.slice(0, i) +
            String.fromCharCode(bundle.charCodeAt(i) ^ 0x01) +
            bundle.slice(i + 1),
        ),
      });
    }
    // Message signatures: a cosign simple-signing payload and a bundle over the manifest.
    const payload = buildSimpleSigningPayload({
      reference: 'r',
      digest: DIGEST,
    });
    const simple = sigstore.issue({
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const signature = simple.sign(payload);
    cases.push({
      name: 'simple signing',
      layer: {
        content: payload,
        mediaType: CosignMediaTypes.simpleSigning,
        annotations: {
          [CosignMediaTypes.signatureAnnotation]: signature.toString('base64'),
          [CosignMediaTypes.certificateAnnotation]: simple.certificatePem,
          [CosignMediaTypes.bundleAnnotation]: sigstore.log(
            TestSigstore.hashedRekordEntry(
              payload,
              signature,
              simple.certificatePem,
            ),
          ).cosignBundleAnnotation,
        },
      },
    });
    const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2 }));
    const signer = sigstore.issue({
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const manifestSignature = signer.sign(manifest);
    const messageBundle = {
      mediaType: CosignMediaTypes.sigstoreBundleV03,
      verificationMaterial: {
        certificate: { rawBytes: signer.certificateDer.toString('base64') },
        tlogEntries: [
          sigstore.log(
            TestSigstore.hashedRekordEntry(
              manifest,
              manifestSignature,
              signer.certificatePem,
            ),
          ).bundleEntry,
        ],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
      messageSignature: {
        messageDigest: {
          algorithm: 'SHA2_256',
          digest: createHash('sha256').update(manifest).digest('base64'),
        },
        signature: manifestSignature.toString('base64'),
      },
    };
    cases.push({
      name: 'message bundle',
      layer: bundleLayer(messageBundle),
      manifest,
    });
    return cases;
  }

  it('ends every attestation exactly as @sigstore/verify alone does', async () => {
    const cases = corpus();
    let verified = 0;
    for (const config of configs) {
      const [fast, reference] = contexts(config);
      for (const { name, layer, manifest } of cases) {
        const digest = manifest
          ? `sha256:${createHash('sha256').update(manifest).digest('hex')}`
          : DIGEST;
        const load = manifest ? async () => manifest : undefined;
        const expected = await verifyLayer(layer, digest, reference, load);
        const actual = await verifyLayer(layer, digest, fast, load);
        expect({ name, ...actual }).toEqual({ name, ...expected });
        if (actual.state === 'verified') {
          verified++;
        }
      }
    }
    expect(cases.length).toBeGreaterThan(200);
    expect(verified).toBeGreaterThan(2 * covered.length);
  });

  it('verifies valid attestations without Verifier.verify', async () => {
    const spy = jest.spyOn(Verifier.prototype, 'verify');
    try {
      const [fast] = contexts(configs[0]);
      for (const [name, certificate] of covered) {
        const result = await verifyLayer(attestWith(certificate), DIGEST, fast);
        expect({ name, state: result.state }).toEqual({
          name,
          state: 'verified',
        });
      }
      const bundle = sigstore.bundle({
        statement,
        identity: RELEASE_IDENTITY,
        issuer: GITHUB_ISSUER,
      });
      expect((await verifyLayer(bundleLayer(bundle), DIGEST, fast)).state).toBe(
        'verified',
      );
      expect(spy).not.toHaveBeenCalled();
      // A refused one is left to it, which says why.
      const [, expired] = others.find(([name]) => name === 'expired')!;
      expect(
        (await verifyLayer(attestWith(expired), DIGEST, fast)).reason,
      ).toContain('certificate is not valid or expired at the specified date');
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('is not used with a @sigstore/verify whose verifier lacks its steps', () => {
    expect(
      KeylessFastPath.create({
        verifier: {} as Verifier,
        material: {} as never,
        ctlogThreshold: 1,
      }),
    ).toBeUndefined();
    // Nor with a version of it this was not compared with.
    const material = toTrustMaterial(
      TrustedRoot.fromJSON(sigstore.trustedRoot),
    );
    const verifier = new Verifier(material);
    for (const [verifyVersion, used] of [
      ['4.1.3', true],
      ['4.2.0', false],
      ['5.0.0', false],
      ['4.1.3-rc.1', false],
    ] as const) {
      expect({
        verifyVersion,
        used:
          KeylessFastPath.create({
            verifier,
            material,
            ctlogThreshold: 1,
            verifyVersion,
          }) !== undefined,
      }).toEqual({ verifyVersion, used });
    }
    expect(KeylessTrust.fromConfig(configs[0]).usesFastPath).toBe(true);
    expect(
      KeylessTrust.fromConfig(configs[0], { fastPath: false }).usesFastPath,
    ).toBe(false);
  });
});
