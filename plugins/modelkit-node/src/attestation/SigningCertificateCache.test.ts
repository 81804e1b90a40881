import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { TrustContext } from './checkSignature';
import { CosignMediaTypes } from './cosignFormats';
import { KeylessTrust } from './KeylessTrust';
import { SigningCertificateCache } from './SigningCertificateCache';
import { preAuthEncoding } from './dsseEnvelope';
import {
  dsseLayer,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { TestKeylessSigner, TestSigstore } from './testing';
import { verifyLayer } from './verifyLayer';

const DIGEST = `sha256:${'4f3c'.repeat(16)}`;

describe('SigningCertificateCache', () => {
  const sigstore = new TestSigstore();
  const config = {
    trustedRoot: sigstore.trustedRoot,
    identities: [
      { name: 'release', subject: RELEASE_IDENTITY, issuer: GITHUB_ISSUER },
    ],
    requireCertificateTransparency: true,
  };
  const keyless = KeylessTrust.fromConfig(config);

  function context(certificates = new SigningCertificateCache()): TrustContext {
    return { keys: [], keyless, certificates };
  }

  /** An attestation signed (and logged) with this certificate. */
  function attestWith(signer: TestKeylessSigner, log = sigstore, n = 0) {
    const statement = { ...scanStatement(DIGEST), n };
    const payload = Buffer.from(JSON.stringify(statement));
    const payloadType = AttestationTypes.inTotoPayloadType;
    const envelope = {
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
    const tlog = log.log(
      TestSigstore.intotoEntry(envelope, signer.certificatePem),
    );
    return {
      envelope,
      annotations: {
        [CosignMediaTypes.certificateAnnotation]: signer.certificatePem,
        [CosignMediaTypes.bundleAnnotation]: tlog.cosignBundleAnnotation,
      },
    };
  }

  const signer = () =>
    sigstore.issue({ identity: RELEASE_IDENTITY, issuer: GITHUB_ISSUER });

  it('parses a certificate once and verifies each attestation it signs', async () => {
    const certificates = new SigningCertificateCache();
    const trust = context(certificates);
    const certificate = signer();
    for (const n of [1, 2, 3]) {
      const { envelope, annotations } = attestWith(certificate, sigstore, n);
      expect(
        await verifyLayer(dsseLayer(envelope, annotations), DIGEST, trust),
      ).toMatchObject({ state: 'verified' });
    }
    expect(certificates.size).toBe(1);
    expect(certificates.parse(certificate.certificateDer)).toBe(
      certificates.parse(certificate.certificateDer),
    );
  });

  it('checks another certificate with the same subject on its own', async () => {
    const trust = context();
    const first = attestWith(signer());
    expect(
      await verifyLayer(
        dsseLayer(first.envelope, first.annotations),
        DIGEST,
        trust,
      ),
    ).toMatchObject({ state: 'verified' });
    // Same CA names, identity and issuer; other keys.
    const impostor = new TestSigstore();
    const forged = attestWith(
      impostor.issue({ identity: RELEASE_IDENTITY, issuer: GITHUB_ISSUER }),
      sigstore,
    );
    expect(
      await verifyLayer(
        dsseLayer(forged.envelope, forged.annotations),
        DIGEST,
        trust,
      ),
    ).toMatchObject({
      state: 'untrusted-signer',
      reason: expect.stringContaining(
        'the certificate does not chain to the trusted root',
      ),
    });
  });

  it('refuses a changed signature after the certificate verified', async () => {
    const trust = context();
    const certificate = signer();
    const good = attestWith(certificate);
    expect(
      await verifyLayer(
        dsseLayer(good.envelope, good.annotations),
        DIGEST,
        trust,
      ),
    ).toMatchObject({ state: 'verified' });
    const sig = Buffer.from(good.envelope.signatures[0].sig, 'base64');
    sig[sig.length - 1] ^= 0x01;
    const tampered = {
      ...good.envelope,
      signatures: [{ keyid: '', sig: sig.toString('base64') }],
    };
    expect(
      await verifyLayer(dsseLayer(tampered, good.annotations), DIGEST, trust),
    ).toMatchObject({ state: 'invalid-signature' });
    // And a correct signature by the same certificate over other content, logged for
    // the first content only.
    const other = attestWith(certificate, sigstore, 7);
    expect(
      await verifyLayer(
        dsseLayer(other.envelope, good.annotations),
        DIGEST,
        trust,
      ),
    ).toMatchObject({
      state: 'invalid-signature',
      reason: expect.stringContaining(
        'the transparency-log entry is for another signature or content',
      ),
    });
  });

  it('remembers malformed certificates as malformed', () => {
    const certificates = new SigningCertificateCache();
    const broken = Buffer.from(signer().certificateDer);
    broken[broken.length - 1] ^= 0x01;
    const truncated = broken.subarray(0, broken.length - 1);
    expect(certificates.parse(truncated)).toMatchObject({ ok: false });
    expect(certificates.parse(truncated)).toMatchObject({ ok: false });
    expect(certificates.parse(broken)).toMatchObject({ ok: true });
    expect(certificates.size).toBe(2);
  });

  it('stays within its bound, dropping the least recently used first', () => {
    const certificates = new SigningCertificateCache({ maxCertificates: 3 });
    const ders = Array.from({ length: 5 }, () => signer().certificateDer);
    const [a, b, c, d, e] = ders;
    const first = certificates.parse(a);
    certificates.parse(b);
    certificates.parse(c);
    expect(certificates.parse(a)).toBe(first); // a is now the most recent
    certificates.parse(d); // drops b
    certificates.parse(e); // drops c
    expect(certificates.size).toBe(3);
    expect(certificates.parse(a)).toBe(first);
    const again = certificates.parse(b);
    expect(again).not.toBe(undefined);
    expect(certificates.size).toBe(3);
    for (const der of ders) {
      expect(certificates.parse(der)).toMatchObject({ ok: true });
    }
    expect(certificates.size).toBe(3);
  });

  it('can remember nothing', () => {
    const certificates = new SigningCertificateCache({ maxCertificates: 0 });
    const der = signer().certificateDer;
    expect(certificates.parse(der)).not.toBe(certificates.parse(der));
    expect(certificates.size).toBe(0);
  });
});
