import {
  createTrustFixture,
  dsseLayer,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { AttestationVerifier } from './AttestationVerifier';
import { CosignMediaTypes } from './cosignFormats';
import { buildSimpleSigningPayload, TestSigstore } from './testing';

const DIGEST = `sha256:${'4f3c'.repeat(16)}`;

describe('keyless verification against an offline trusted root', () => {
  const fixture = createTrustFixture();
  const { sigstore, verifier } = fixture;
  const statement = scanStatement(DIGEST);
  const attest = (
    options: Partial<Parameters<TestSigstore['attest']>[0]> = {},
    by: TestSigstore = sigstore,
  ) =>
    by.attest({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
      ...options,
    });
  const verifyAttested = (attested: ReturnType<typeof attest>) =>
    verifier.verifyLayer(
      dsseLayer(attested.envelope, attested.annotations),
      DIGEST,
    );

  it('verifies a cosign .att layer: certificate chain, SCT, Rekor entry, identity and issuer', async () => {
    const attested = attest();
    const result = await verifyAttested(attested);
    expect(result).toMatchObject({
      state: 'verified',
      reason: `signed by trusted identity release-workflow: ${RELEASE_IDENTITY} (issuer ${GITHUB_ISSUER}), in the transparency log; the statement names this version`,
      signer: {
        type: 'certificate',
        trustedName: 'release-workflow',
        certificateSubject: RELEASE_IDENTITY,
        certificateIssuer: GITHUB_ISSUER,
        transparencyLog: {
          logId: sigstore.rekorLogId.toString('hex'),
          kind: 'intoto',
          version: '0.0.2',
        },
      },
      transparencyLog: true,
    });
  });

  it('verifies a Rekor dsse entry, a v0.3 bundle and a keyless simple signature', async () => {
    const signer = sigstore.issue({
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const envelope = {
      ...attest().envelope,
    };
    // Re-sign with a fresh certificate and log it as a dsse entry.
    const pae = Buffer.concat([
      Buffer.from(
        `DSSEv1 ${envelope.payloadType.length} ${envelope.payloadType} `,
      ),
      Buffer.from(`${Buffer.from(envelope.payload, 'base64').length} `),
      Buffer.from(envelope.payload, 'base64'),
    ]);
    envelope.signatures = [
      { keyid: '', sig: signer.sign(pae).toString('base64') },
    ];
    const tlog = sigstore.log(
      TestSigstore.dsseEntry(envelope, signer.certificatePem),
    );
    expect(
      (
        await verifier.verifyLayer(
          dsseLayer(envelope, {
            [CosignMediaTypes.certificateAnnotation]: signer.certificatePem,
            [CosignMediaTypes.bundleAnnotation]: tlog.cosignBundleAnnotation,
          }),
          DIGEST,
        )
      ).state,
    ).toBe('verified');

    const bundle = sigstore.bundle({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    expect(
      await verifier.verifyLayer(
        {
          content: Buffer.from(JSON.stringify(bundle)),
          mediaType: CosignMediaTypes.sigstoreBundleV03,
        },
        DIGEST,
      ),
    ).toMatchObject({
      format: 'sigstore-bundle',
      state: 'verified',
      signer: {
        trustedName: 'release-workflow',
        transparencyLog: { kind: 'dsse' },
      },
    });

    const payload = buildSimpleSigningPayload({
      reference: 'r',
      digest: DIGEST,
    });
    const signature = signer.sign(payload);
    const signed = sigstore.log(
      TestSigstore.hashedRekordEntry(payload, signature, signer.certificatePem),
    );
    expect(
      await verifier.verifyLayer(
        {
          content: payload,
          mediaType: CosignMediaTypes.simpleSigning,
          annotations: {
            [CosignMediaTypes.signatureAnnotation]:
              signature.toString('base64'),
            [CosignMediaTypes.certificateAnnotation]: signer.certificatePem,
            [CosignMediaTypes.bundleAnnotation]: signed.cosignBundleAnnotation,
          },
        },
        DIGEST,
      ),
    ).toMatchObject({ kind: 'signature', state: 'verified' });
  });

  it('verifies v0.1 bundles (certificate chain, inclusion promise only) and requires v0.2 proofs', async () => {
    const v03 = sigstore.bundle({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    }) as any;
    const chain = {
      x509CertificateChain: {
        certificates: [
          v03.verificationMaterial.certificate,
          { rawBytes: sigstore.intermediate.der.toString('base64') },
        ],
      },
    };
    const entry = { ...v03.verificationMaterial.tlogEntries[0] };
    delete entry.inclusionProof;
    const legacy = (version: string) => ({
      ...v03,
      mediaType: `application/vnd.dev.sigstore.bundle+json;version=${version}`,
      verificationMaterial: {
        ...chain,
        tlogEntries: [entry],
        timestampVerificationData: { rfc3161Timestamps: [] },
      },
    });
    const verify = (bundle: unknown, mediaType: string) =>
      verifier.verifyLayer(
        { content: Buffer.from(JSON.stringify(bundle)), mediaType },
        DIGEST,
      );
    expect(
      await verify(
        legacy('0.1'),
        'application/vnd.dev.sigstore.bundle+json;version=0.1',
      ),
    ).toMatchObject({
      format: 'sigstore-bundle',
      state: 'verified',
      signer: { trustedName: 'release-workflow' },
    });
    expect(
      await verify(
        legacy('0.2'),
        'application/vnd.dev.sigstore.bundle+json;version=0.2',
      ),
    ).toMatchObject({
      state: 'malformed',
      reason:
        'the Sigstore bundle is invalid: missing or empty verificationMaterial.tlogEntries[0].inclusionProof',
    });
  });

  it('matches an identity pattern against the whole identity only', async () => {
    const scan =
      'https://github.com/acme/fraud-model/.github/workflows/scan.yml@refs/heads/main';
    expect(await verifyAttested(attest({ identity: scan }))).toMatchObject({
      state: 'verified',
      signer: { trustedName: 'acme-workflows' },
    });
    for (const identity of [`${scan}-evil`, `https://evil.example/?${scan}`]) {
      expect((await verifyAttested(attest({ identity }))).state).toBe(
        'untrusted-signer',
      );
    }
  });

  it('refuses a wrong identity, including one that merely starts with the trusted one', async () => {
    for (const identity of [
      'https://github.com/mallory/support-sentiment/.github/workflows/release.yml@refs/heads/main',
      `${RELEASE_IDENTITY}x`,
      'release@acme.example',
    ]) {
      const result = await verifyAttested(attest({ identity }));
      expect(result).toMatchObject({
        state: 'untrusted-signer',
        reason: `signed with a certificate for ${identity} (issuer ${GITHUB_ISSUER}): the certificate identity ${identity} (issuer ${GITHUB_ISSUER}) is not a trusted keyless identity`,
        signer: { type: 'certificate', certificateSubject: identity },
      });
      expect(result.signer?.trustedName).toBeUndefined();
    }
  });

  it('refuses the trusted identity from a wrong issuer', async () => {
    const result = await verifyAttested(
      attest({ issuer: 'https://accounts.google.com' }),
    );
    expect(result.state).toBe('untrusted-signer');
    expect(result.reason).toContain('is not a trusted keyless identity');
    expect(result.signer?.certificateIssuer).toBe(
      'https://accounts.google.com',
    );
  });

  it('refuses a certificate without a transparency-log entry', async () => {
    const result = await verifyAttested(attest({ tlog: false }));
    expect(result).toMatchObject({
      state: 'untrusted-signer',
      reason: `signed with a certificate for ${RELEASE_IDENTITY} (issuer ${GITHUB_ISSUER}) that has no transparency-log entry, so its short-lived certificate cannot be trusted`,
    });
  });

  it('refuses a transparency-log entry bound to another signature', async () => {
    const first = attest();
    const second = attest();
    const result = await verifier.verifyLayer(
      dsseLayer(second.envelope, {
        ...second.annotations,
        [CosignMediaTypes.bundleAnnotation]:
          first.annotations[CosignMediaTypes.bundleAnnotation],
      }),
      DIGEST,
    );
    expect(result.state).toBe('invalid-signature');
    expect(result.reason).toContain(
      'the transparency-log entry is for another signature or content',
    );
  });

  it('refuses a certificate and log from another Sigstore instance', async () => {
    const other = new TestSigstore({ name: 'elsewhere' });
    const result = await verifyAttested(attest({}, other));
    expect(result.state).toBe('untrusted-signer');
    // A valid chain from our CA logged in a log we do not trust is refused as well.
    const ours = attest();
    const foreignLog = other.log(
      TestSigstore.intotoEntry(ours.envelope, ours.signer.certificatePem),
    );
    const loggedElsewhere = await verifier.verifyLayer(
      dsseLayer(ours.envelope, {
        ...ours.annotations,
        [CosignMediaTypes.bundleAnnotation]: foreignLog.cosignBundleAnnotation,
      }),
      DIGEST,
    );
    expect(loggedElsewhere).toMatchObject({
      state: 'untrusted-signer',
      reason: expect.stringContaining(
        'the transparency-log entry is not vouched for by a trusted log',
      ),
    });
  });

  it('requires a signed certificate timestamp unless configured otherwise', async () => {
    const noSct = attest({ sct: false });
    expect(await verifyAttested(noSct)).toMatchObject({
      state: 'untrusted-signer',
      reason: expect.stringContaining('expected 1 SCTs, got 0'),
    });
    const lenient = AttestationVerifier.create({
      config: {
        ...fixture.config,
        keyless: {
          ...fixture.config.keyless!,
          requireCertificateTransparency: false,
        },
      },
    });
    expect(
      (
        await lenient.verifyLayer(
          dsseLayer(noSct.envelope, noSct.annotations),
          DIGEST,
        )
      ).state,
    ).toBe('verified');
  });

  it('reports a changed payload under a keyless signature as invalid-signature', async () => {
    const attested = attest();
    const changed = {
      ...attested.envelope,
      payload: Buffer.from(
        JSON.stringify(scanStatement(`sha256:${'0'.repeat(64)}`)),
      ).toString('base64'),
    };
    expect(
      await verifier.verifyLayer(
        dsseLayer(changed, attested.annotations),
        DIGEST,
      ),
    ).toMatchObject({
      state: 'invalid-signature',
      reason: `the signature does not verify with the key of its certificate for ${RELEASE_IDENTITY} (issuer ${GITHUB_ISSUER})`,
    });
  });

  it('does not trust certificates when no keyless identities are configured', async () => {
    const keysOnly = AttestationVerifier.create({
      config: { ...fixture.config, keyless: undefined },
    });
    const attested = attest();
    expect(
      await keysOnly.verifyLayer(
        dsseLayer(attested.envelope, attested.annotations),
        DIGEST,
      ),
    ).toMatchObject({
      state: 'untrusted-signer',
      reason: `signed with a certificate for ${RELEASE_IDENTITY} (issuer ${GITHUB_ISSUER}), but no keyless identities are configured`,
    });
  });

  it('reports broken certificate and Rekor annotations as malformed', async () => {
    const attested = attest();
    expect(
      await verifier.verifyLayer(
        dsseLayer(attested.envelope, {
          ...attested.annotations,
          [CosignMediaTypes.certificateAnnotation]: 'not a certificate',
        }),
        DIGEST,
      ),
    ).toMatchObject({
      state: 'malformed',
      reason:
        'the dev.sigstore.cosign/certificate annotation is not a PEM certificate',
    });
    expect(
      await verifier.verifyLayer(
        dsseLayer(attested.envelope, {
          ...attested.annotations,
          [CosignMediaTypes.bundleAnnotation]: '{"Payload":{}}',
        }),
        DIGEST,
      ),
    ).toMatchObject({
      state: 'malformed',
      reason: expect.stringMatching(
        /^the Rekor bundle annotation is invalid: /,
      ),
    });
  });

  it('ignores the chain annotation: only the configured trusted root is trusted', async () => {
    const other = new TestSigstore({ name: 'self-signed' });
    const attested = attest({}, other);
    // The attacker ships their own root in the chain annotation.
    expect(attested.annotations[CosignMediaTypes.chainAnnotation]).toContain(
      'BEGIN CERTIFICATE',
    );
    const result = await verifyAttested(attested);
    expect(result.state).toBe('untrusted-signer');
    expect(result.reason).toContain(
      'the certificate does not chain to the trusted root',
    );
  });
});
