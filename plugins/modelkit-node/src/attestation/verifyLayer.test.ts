import { createHash } from 'node:crypto';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import {
  createTrustFixture,
  dsseLayer,
  scanStatement,
} from './__testUtils__/fixtures';
import { CosignMediaTypes } from './cosignFormats';
import {
  buildInTotoStatement,
  buildSimpleSigningPayload,
  generateTestSigningKey,
  signDsseEnvelope,
} from './testing';

const MANIFEST = Buffer.from('{"schemaVersion":2,"layers":[]}');
const DIGEST = `sha256:${createHash('sha256').update(MANIFEST).digest('hex')}`;
const OTHER = `sha256:${'9e1d'.repeat(16)}`;

describe('verifyLayer with trusted keys', () => {
  const { keys, verifier } = createTrustFixture();
  const stranger = generateTestSigningKey('ecdsa-p256-sha256');
  const statement = scanStatement(DIGEST);
  const verify = (
    layer: Parameters<typeof verifier.verifyLayer>[0],
    digest = DIGEST,
  ) =>
    verifier.verifyLayer(layer, digest, {
      loadSubjectManifest: async () => MANIFEST,
    });

  it.each([
    ['release-ci', 'ecdsa', 'ecdsa-p256-sha256'],
    ['scanner', 'ed25519', 'ed25519'],
    ['legacy-rsa', 'rsa', 'rsa-pkcs1v15-sha256'],
    ['pss-rsa', 'rsaPss', 'rsa-pss-sha256'],
  ] as const)(
    'verifies a scan evaluation signed by %s over the DSSE PAE',
    async (name, key, algorithm) => {
      const result = await verify(
        dsseLayer(
          signDsseEnvelope({
            payload: statement,
            signers: [{ key: keys[key] }],
          }),
        ),
      );
      expect(result).toMatchObject({
        kind: 'attestation',
        format: 'dsse-envelope',
        state: 'verified',
        reason: `signed by trusted key ${name} (${algorithm}); the statement names this version`,
        signer: { type: 'public-key', trustedName: name, algorithm },
        payloadType: AttestationTypes.inTotoPayloadType,
        statementType: AttestationTypes.statementV1,
        predicateType: AttestationTypes.scanEvaluationV1,
        subjects: [{ name: 'modelkit', digest: { sha256: DIGEST.slice(7) } }],
        summary: {
          kind: 'scan-evaluation',
          scanEvaluation: { verdict: 'pass' },
        },
        transparencyLog: false,
      });
    },
  );

  it('verifies in-toto Statement v0.1 and a key named by its declared key ID', async () => {
    const v01 = buildInTotoStatement({
      digests: [OTHER, DIGEST],
      predicateType: 'https://example.com/review/v1',
      statementVersion: 'v0.1',
    });
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: v01,
          signers: [{ key: keys.ecdsa, keyid: 'ci-1' }],
        }),
      ),
    );
    expect(result).toMatchObject({
      state: 'verified',
      statementType: 'https://in-toto.io/Statement/v0.1',
      signer: { trustedName: 'release-ci', keyId: 'ci-1' },
      summary: { kind: 'other' },
    });
  });

  it('reports a signature by an unknown key as untrusted-signer', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({ payload: statement, signers: [{ key: stranger }] }),
      ),
    );
    expect(result).toMatchObject({
      state: 'untrusted-signer',
      reason:
        'no trusted key (release-ci, scanner, legacy-rsa, pss-rsa) verifies the signature: it was made with another key, or the signed content was changed',
      // What the payload claims is still shown, flagged by the state.
      summary: { kind: 'scan-evaluation' },
    });
    expect(result.signer).toBeUndefined();
  });

  it('reports a key ID naming no trusted key as untrusted-signer', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: keys.ecdsa, keyid: 'someone-else' }],
        }),
      ),
    );
    expect(result).toMatchObject({
      state: 'untrusted-signer',
      reason:
        'the signature names key "someone-else", which is not a trusted key',
    });
  });

  it('reports a signature that does not verify with the key it names as invalid-signature', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: stranger, keyid: 'ci-1' }],
        }),
      ),
    );
    expect(result).toMatchObject({
      state: 'invalid-signature',
      reason:
        'the signature names key "ci-1" but does not verify with trusted key release-ci',
    });
  });

  it('never accepts a signature over the bare payload instead of the PAE', async () => {
    for (const keyid of ['', 'ci-1']) {
      const result = await verify(
        dsseLayer(
          signDsseEnvelope({
            payload: statement,
            signers: [{ key: keys.ecdsa, keyid, over: 'payload' }],
          }),
        ),
      );
      expect(result.state).toBe('invalid-signature');
    }
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: keys.ed25519, over: 'payload' }],
        }),
      ),
    );
    expect(result.reason).toBe(
      'the signature covers the bare payload, not the DSSE pre-authentication encoding, so it is not valid (key scanner)',
    );
  });

  it('reports a trusted statement about another digest as subject-mismatch', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: scanStatement(OTHER),
          signers: [{ key: keys.ecdsa }],
        }),
      ),
    );
    expect(result).toMatchObject({
      state: 'subject-mismatch',
      reason: `the statement is about ${OTHER}, not this version (${DIGEST})`,
      signer: { trustedName: 'release-ci' },
    });
  });

  it.each([[[]], [[{ keyid: '', sig: '' }]]])(
    'reports an envelope with signatures %p as unsigned',
    async signatures => {
      const envelope = signDsseEnvelope({ payload: statement, signers: [] });
      const result = await verify(dsseLayer({ ...envelope, signatures }));
      expect(result).toMatchObject({
        state: 'unsigned',
        reason: 'the envelope carries no signature',
        summary: { kind: 'scan-evaluation' },
      });
    },
  );

  it.each([
    ['not json', 'the DSSE envelope is not JSON'],
    [
      JSON.stringify({
        payloadType: 'application/vnd.in-toto+json',
        payload: 'e30',
        signatures: [{ sig: '%%' }],
      }),
      'the DSSE envelope is invalid: signatures[0].sig: the signature is not valid base64',
    ],
  ])('reports an unreadable envelope %p as malformed', async (text, reason) => {
    expect(await verify(dsseLayer(text))).toMatchObject({
      state: 'malformed',
      reason,
    });
  });

  it('reports trusted signed content that is not an in-toto statement as malformed', async () => {
    const otherType = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          payloadType: 'application/json',
          signers: [{ key: keys.ecdsa }],
        }),
      ),
    );
    expect(otherType).toMatchObject({
      state: 'malformed',
      reason:
        'the signed payload has type "application/json", not application/vnd.in-toto+json',
    });
    const notStatement = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: { ...statement, subject: [] },
          signers: [{ key: keys.ecdsa }],
        }),
      ),
    );
    expect(notStatement).toMatchObject({
      state: 'malformed',
      reason:
        'the signed payload is not an in-toto Statement: subject: must list at least one subject',
    });
  });

  it('accepts an envelope when one of several signatures is trusted, and reports the others', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: stranger }, { key: keys.rsa }],
        }),
      ),
    );
    expect(result.state).toBe('verified');
    expect(result.signer?.trustedName).toBe('legacy-rsa');
    expect(result.signatures.map(s => s.outcome)).toEqual([
      'untrusted-signer',
      'trusted',
    ]);

    const none = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: stranger }, { key: stranger, keyid: 'ci-1' }],
        }),
      ),
    );
    expect(none.state).toBe('invalid-signature');
    expect(none.reason).toContain('(1 other signature also not trusted)');
  });

  it('refuses envelopes with more signatures than are checked', async () => {
    const result = await verify(
      dsseLayer(
        signDsseEnvelope({
          payload: statement,
          signers: Array.from({ length: 17 }, () => ({ key: keys.ed25519 })),
        }),
      ),
    );
    expect(result).toMatchObject({
      state: 'malformed',
      reason: 'the envelope carries 17 signatures; at most 16 are checked',
    });
  });

  describe('cosign simple signing (.sig)', () => {
    const payload = buildSimpleSigningPayload({
      reference: 'registry.example.com/team/model',
      digest: DIGEST,
    });
    const layer = (signature: string, content = payload) => ({
      content,
      mediaType: CosignMediaTypes.simpleSigning,
      annotations: { [CosignMediaTypes.signatureAnnotation]: signature },
    });

    it('verifies a signature over the payload naming this digest', async () => {
      expect(
        await verify(layer(keys.ecdsa.sign(payload).toString('base64'))),
      ).toMatchObject({
        kind: 'signature',
        format: 'cosign-simple-signing',
        state: 'verified',
        signer: { trustedName: 'release-ci' },
      });
    });

    it('tells each failure apart', async () => {
      const other = buildSimpleSigningPayload({
        reference: 'x',
        digest: OTHER,
      });
      expect(
        (await verify(layer(keys.ecdsa.sign(other).toString('base64'), other)))
          .state,
      ).toBe('subject-mismatch');
      expect((await verify(layer(''))).state).toBe('unsigned');
      expect(await verify(layer('**'))).toMatchObject({
        state: 'malformed',
        reason:
          'the dev.cosignproject.cosign/signature annotation is not valid base64',
      });
      expect(
        (await verify(layer(stranger.sign(payload).toString('base64')))).state,
      ).toBe('untrusted-signer');
      const wrongType = Buffer.from(
        JSON.stringify({
          critical: {
            image: { 'docker-manifest-digest': DIGEST },
            type: 'other',
          },
        }),
      );
      expect(
        await verify(
          layer(keys.ecdsa.sign(wrongType).toString('base64'), wrongType),
        ),
      ).toMatchObject({
        state: 'malformed',
        reason:
          'the simple-signing payload has type "other", not "cosign container image signature"',
      });
    });
  });

  describe('Sigstore bundles with a public key', () => {
    const bundleLayer = (bundle: Record<string, unknown>) => ({
      content: Buffer.from(JSON.stringify(bundle)),
      mediaType: CosignMediaTypes.sigstoreBundleV03,
    });
    const dsseBundle = (hint: string, key = keys.ecdsa) => {
      const envelope = signDsseEnvelope({
        payload: statement,
        signers: [{ key }],
      });
      return bundleLayer({
        mediaType: CosignMediaTypes.sigstoreBundleV03,
        verificationMaterial: { publicKey: { hint }, tlogEntries: [] },
        dsseEnvelope: envelope,
      });
    };

    it('verifies a DSSE bundle by the key its hint names', async () => {
      expect(await verify(dsseBundle('ci-1'))).toMatchObject({
        format: 'sigstore-bundle',
        state: 'verified',
        signer: { trustedName: 'release-ci', keyId: 'ci-1' },
      });
      // A key with a declared key ID is named by it only, not by its name.
      expect((await verify(dsseBundle('release-ci'))).state).toBe(
        'untrusted-signer',
      );
      expect((await verify(dsseBundle('unknown'))).state).toBe(
        'untrusted-signer',
      );
      expect((await verify(dsseBundle('ci-1', stranger))).state).toBe(
        'invalid-signature',
      );
    });

    it('verifies a message-signature bundle over the subject manifest', async () => {
      const message = (digest: Buffer, signature: Buffer) =>
        bundleLayer({
          mediaType: CosignMediaTypes.sigstoreBundleV03,
          verificationMaterial: { publicKey: { hint: '' }, tlogEntries: [] },
          messageSignature: {
            messageDigest: {
              algorithm: 'SHA2_256',
              digest: digest.toString('base64'),
            },
            signature: signature.toString('base64'),
          },
        });
      const hash = createHash('sha256').update(MANIFEST).digest();
      expect(
        await verify(message(hash, keys.ed25519.sign(MANIFEST))),
      ).toMatchObject({
        kind: 'signature',
        state: 'verified',
        signer: { trustedName: 'scanner' },
      });
      expect(
        (
          await verify(
            message(Buffer.alloc(32, 1), keys.ed25519.sign(MANIFEST)),
          )
        ).state,
      ).toBe('subject-mismatch');
      expect(
        (await verify(message(hash, keys.ed25519.sign(Buffer.from('other')))))
          .state,
      ).toBe('untrusted-signer');
    });

    it('reports an incomplete bundle as malformed, naming the missing fields', async () => {
      expect(
        await verify(
          bundleLayer({
            mediaType: CosignMediaTypes.sigstoreBundleV03,
            dsseEnvelope: { payload: '', payloadType: 'x', signatures: [] },
          }),
        ),
      ).toMatchObject({
        state: 'malformed',
        reason: expect.stringMatching(
          /^the Sigstore bundle is invalid: missing or empty .*content\.dsseEnvelope\.payload/,
        ),
      });
    });
  });

  it('reports a layer of another media type as malformed', async () => {
    expect(
      await verify({
        content: Buffer.from('{}'),
        mediaType: 'application/json',
      }),
    ).toMatchObject({
      state: 'malformed',
      reason:
        'the layer media type "application/json" is not a DSSE envelope, Sigstore bundle or cosign signature',
    });
  });

  it('refuses a tag as subject', async () => {
    await expect(verifier.verifyLayer(dsseLayer('{}'), 'v1')).rejects.toThrow(
      '"v1" is not a manifest digest',
    );
  });
});
