import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AttestationTypes,
  AttestationVerificationState,
} from '@kitstage/plugin-modelkit-common';
import { createRegistryService } from '../registry/RegistryService';
import { buildTestModelKit, startTestRegistry } from '../testing';
import {
  createTrustFixture,
  dsseLayer,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { CosignMediaTypes } from './cosignFormats';
import { AttestationLayer } from './verifyLayer';
import {
  buildCosignAttestationImage,
  buildSimpleSigningPayload,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
  TestDsseEnvelope,
  TestSigstore,
} from './testing';

jest.setTimeout(300_000);

const OTHER_DIGEST = `sha256:${'9e1d'.repeat(16)}`;

type Mutation = { field: string; layer: AttestationLayer };

/**
 * Every byte of payloads, signatures, envelopes and signed timestamps is mutated. Certificates
 * and transparency-log bodies are large and each check of them builds a certificate chain
 * (about 15 ms), so every 8th of their bytes is.
 */
const SAMPLE_STRIDE = 8;

/** Every single-bit flip (xor 0x01) of a buffer, one position at a time. */
function* flips(bytes: Buffer): Generator<[number, Buffer]> {
  for (let i = 0; i < bytes.length; i++) {
    const copy = Buffer.from(bytes);
    copy[i] ^= 0x01;
    yield [i, copy];
  }
}

/** Every single-character change of a string (char code xor 0x01). */
function* textFlips(text: string): Generator<[number, string]> {
  for (let i = 0; i < text.length; i++) {
    yield [
      i,
      text.slice(0, i) +
        String.fromCharCode(text.charCodeAt(i) ^ 0x01) +
        text.slice(i + 1),
    ];
  }
}

function statementOf(envelope: TestDsseEnvelope): Record<string, any> {
  return JSON.parse(Buffer.from(envelope.payload, 'base64').toString());
}

function withStatement(
  envelope: TestDsseEnvelope,
  change: (statement: Record<string, any>) => void,
): TestDsseEnvelope {
  const statement = statementOf(envelope);
  change(statement);
  return {
    ...envelope,
    payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
  };
}

/**
 * Every single-field mutation of a DSSE envelope: payload bytes and base64 text, signature
 * bytes and base64 text, payload type, keyid, statement type, subject digest, predicate type,
 * signature truncation, a signature by another key, and dropped signatures.
 */
function* envelopeMutations(
  envelope: TestDsseEnvelope,
  wrap: (envelope: TestDsseEnvelope) => AttestationLayer,
  attacker: { sign(data: Buffer): Buffer },
): Generator<Mutation> {
  const payload = Buffer.from(envelope.payload, 'base64');
  for (const [i, flipped] of flips(payload)) {
    yield {
      field: `payload byte ${i}`,
      layer: wrap({ ...envelope, payload: flipped.toString('base64') }),
    };
  }
  for (const [i, text] of textFlips(envelope.payload)) {
    yield {
      field: `payload base64 char ${i}`,
      layer: wrap({ ...envelope, payload: text }),
    };
  }
  for (const [s, signature] of envelope.signatures.entries()) {
    const sig = Buffer.from(signature.sig, 'base64');
    const withSignature = (change: Partial<{ keyid: string; sig: string }>) =>
      wrap({
        ...envelope,
        signatures: envelope.signatures.map((other, o) =>
          o === s ? { ...other, ...change } : other,
        ),
      });
    for (const [i, flipped] of flips(sig)) {
      yield {
        field: `signature ${s} byte ${i}`,
        layer: withSignature({ sig: flipped.toString('base64') }),
      };
    }
    for (const [i, text] of textFlips(signature.sig)) {
      yield {
        field: `signature ${s} base64 char ${i}`,
        layer: withSignature({ sig: text }),
      };
    }
    yield {
      field: `signature ${s} truncated`,
      layer: withSignature({
        sig: sig.subarray(0, sig.length - 1).toString('base64'),
      }),
    };
    yield {
      field: `signature ${s} extended`,
      layer: withSignature({
        sig: Buffer.concat([sig, Buffer.from([0])]).toString('base64'),
      }),
    };
    yield {
      field: `signature ${s} by another key (key swap)`,
      layer: withSignature({
        sig: attacker
          .sign(
            Buffer.concat([
              Buffer.from(
                `DSSEv1 ${Buffer.byteLength(envelope.payloadType)} ${
                  envelope.payloadType
                } ${payload.length} `,
              ),
              payload,
            ]),
          )
          .toString('base64'),
      }),
    };
    for (const keyid of [
      'x',
      `${signature.keyid ?? ''}2`,
      'scanner',
      'release-ci',
    ]) {
      if (keyid !== signature.keyid) {
        yield {
          field: `signature ${s} keyid "${keyid}"`,
          layer: withSignature({ keyid }),
        };
      }
    }
  }
  yield {
    field: 'signatures removed',
    layer: wrap({ ...envelope, signatures: [] }),
  };
  for (const payloadType of [
    'application/json',
    'application/vnd.in-toto+jsonx',
    'APPLICATION/VND.IN-TOTO+JSON',
    'application/vnd.in-toto+json ',
    '',
  ]) {
    yield {
      field: `payloadType "${payloadType}"`,
      layer: wrap({ ...envelope, payloadType }),
    };
  }
  const statement = statementOf(envelope);
  const hex: string = statement.subject[0].digest.sha256;
  for (let i = 0; i < hex.length; i++) {
    yield {
      field: `subject digest hex ${i}`,
      layer: wrap(
        withStatement(envelope, st => {
          st.subject[0].digest.sha256 =
            hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
        }),
      ),
    };
  }
  yield {
    field: 'subject digest of another version',
    layer: wrap(
      withStatement(envelope, st => {
        st.subject[0].digest = { sha256: OTHER_DIGEST.slice(7) };
      }),
    ),
  };
  yield {
    field: 'subject digest algorithm',
    layer: wrap(
      withStatement(envelope, st => {
        st.subject[0].digest = { sha512: hex };
      }),
    ),
  };
  yield {
    field: 'subject added',
    layer: wrap(
      withStatement(envelope, st => {
        st.subject.push({ digest: { sha256: OTHER_DIGEST.slice(7) } });
      }),
    ),
  };
  for (const predicateType of [
    'https://kitstage.dev/attestation/scan-evaluation/v2',
    AttestationTypes.slsaProvenanceV1,
    'https://example.com/forged',
  ]) {
    yield {
      field: `predicateType ${predicateType}`,
      layer: wrap(
        withStatement(envelope, st => {
          st.predicateType = predicateType;
        }),
      ),
    };
  }
  yield {
    field: 'statement _type v0.1',
    layer: wrap(
      withStatement(envelope, st => {
        st._type = AttestationTypes.statementV01;
      }),
    ),
  };
  yield {
    field: 'predicate finding removed',
    layer: wrap(
      withStatement(envelope, st => {
        st.predicate = { ...st.predicate, findings: [] };
      }),
    ),
  };
}

describe('tamper corpus', () => {
  const fixture = createTrustFixture();
  const { keys, sigstore, verifier } = fixture;
  const attacker = generateTestSigningKey('ecdsa-p256-sha256');
  const elsewhere = new TestSigstore({ name: 'attacker' });
  const DIGEST = `sha256:${'4f3c'.repeat(16)}`;
  const statement = scanStatement(DIGEST);
  (statement.predicate as any).findings = [
    { severity: 'concern', title: 'Pickle opcode GLOBAL os.system' },
  ];

  function* corpus(): Generator<{
    sample: string;
    field: string;
    layer: AttestationLayer;
    original: AttestationLayer;
  }> {
    // Keyed DSSE envelopes, as in cosign .att layers, one per key scheme.
    const keyed: Array<[string, TestDsseEnvelope]> = [
      [
        'ecdsa with keyid',
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: keys.ecdsa, keyid: 'ci-1' }],
        }),
      ],
      [
        'ed25519',
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: keys.ed25519 }],
        }),
      ],
      [
        'rsa pkcs1',
        signDsseEnvelope({ payload: statement, signers: [{ key: keys.rsa }] }),
      ],
      [
        'rsa pss',
        signDsseEnvelope({
          payload: statement,
          signers: [{ key: keys.rsaPss }],
        }),
      ],
    ];
    for (const [sample, envelope] of keyed) {
      const original = dsseLayer(envelope);
      for (const m of envelopeMutations(
        envelope,
        e => dsseLayer(e),
        attacker,
      )) {
        yield { sample, ...m, original };
      }
    }

    // Keyless cosign layer: certificate and Rekor bundle in annotations.
    const attested = sigstore.attest({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const keylessOriginal = dsseLayer(attested.envelope, attested.annotations);
    for (const m of envelopeMutations(
      attested.envelope,
      e => dsseLayer(e, attested.annotations),
      attacker,
    )) {
      yield { sample: 'keyless cosign', ...m, original: keylessOriginal };
    }
    const annotated = (annotations: Record<string, string>) =>
      dsseLayer(attested.envelope, { ...attested.annotations, ...annotations });
    const certificate = attested.signer.certificateDer;
    for (const [i, flipped] of flips(certificate)) {
      if (i % SAMPLE_STRIDE === 0) {
        yield {
          sample: 'keyless cosign',
          field: `certificate byte ${i}`,
          original: keylessOriginal,
          layer: annotated({
            [CosignMediaTypes.certificateAnnotation]: `-----BEGIN CERTIFICATE-----\n${flipped.toString(
              'base64',
            )}\n-----END CERTIFICATE-----\n`,
          }),
        };
      }
    }
    const rekor = JSON.parse(
      attested.annotations[CosignMediaTypes.bundleAnnotation],
    );
    const withRekor = (change: (bundle: any) => void) => {
      const copy = JSON.parse(JSON.stringify(rekor));
      change(copy);
      return annotated({
        [CosignMediaTypes.bundleAnnotation]: JSON.stringify(copy),
      });
    };
    const body = Buffer.from(rekor.Payload.body, 'base64');
    for (const [i, flipped] of flips(body)) {
      if (i % SAMPLE_STRIDE === 0) {
        yield {
          sample: 'keyless cosign',
          field: `Rekor body byte ${i}`,
          original: keylessOriginal,
          layer: withRekor(b => {
            b.Payload.body = flipped.toString('base64');
          }),
        };
      }
    }
    for (const [i, flipped] of flips(
      Buffer.from(rekor.SignedEntryTimestamp, 'base64'),
    )) {
      yield {
        sample: 'keyless cosign',
        field: `Rekor SET byte ${i}`,
        original: keylessOriginal,
        layer: withRekor(b => {
          b.SignedEntryTimestamp = flipped.toString('base64');
        }),
      };
    }
    yield {
      sample: 'keyless cosign',
      field: 'Rekor integratedTime',
      original: keylessOriginal,
      layer: withRekor(b => {
        b.Payload.integratedTime += 1;
      }),
    };
    yield {
      sample: 'keyless cosign',
      field: 'Rekor logIndex',
      original: keylessOriginal,
      layer: withRekor(b => {
        b.Payload.logIndex += 1;
      }),
    };
    yield {
      sample: 'keyless cosign',
      field: 'Rekor logID',
      original: keylessOriginal,
      layer: withRekor(b => {
        b.Payload.logID = elsewhere.rekorLogId.toString('hex');
      }),
    };
    yield {
      sample: 'keyless cosign',
      field: 'Rekor bundle removed',
      original: keylessOriginal,
      layer: dsseLayer(attested.envelope, {
        [CosignMediaTypes.certificateAnnotation]:
          attested.annotations[CosignMediaTypes.certificateAnnotation],
      }),
    };
    yield {
      sample: 'keyless cosign',
      field: 'certificate removed',
      original: keylessOriginal,
      layer: dsseLayer(attested.envelope, {
        [CosignMediaTypes.bundleAnnotation]:
          attested.annotations[CosignMediaTypes.bundleAnnotation],
      }),
    };
    for (const [field, other] of [
      [
        'key swap: certificate of another identity from the trusted CA',
        sigstore.attest({
          statement,
          identity:
            'https://github.com/mallory/x/.github/workflows/release.yml@refs/heads/main',
          issuer: GITHUB_ISSUER,
        }),
      ],
      [
        'key swap: certificate for the identity from another CA',
        elsewhere.attest({
          statement,
          identity: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
        }),
      ],
      [
        'key swap: trusted identity from another issuer',
        sigstore.attest({
          statement,
          identity: RELEASE_IDENTITY,
          issuer: 'https://accounts.google.com',
        }),
      ],
      [
        'key swap: certificate without SCT',
        sigstore.attest({
          statement,
          identity: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
          sct: false,
        }),
      ],
    ] as const) {
      yield {
        sample: 'keyless cosign',
        field,
        original: keylessOriginal,
        layer: dsseLayer(other.envelope, other.annotations),
      };
    }
    const other = sigstore.attest({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    yield {
      sample: 'keyless cosign',
      field: 'Rekor entry of another signature',
      original: keylessOriginal,
      layer: annotated({
        [CosignMediaTypes.bundleAnnotation]:
          other.annotations[CosignMediaTypes.bundleAnnotation],
      }),
    };

    // Sigstore bundle v0.3 referrer.
    const bundle = sigstore.bundle({
      statement,
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const bundleLayer = (b: unknown) => ({
      content: Buffer.from(JSON.stringify(b)),
      mediaType: CosignMediaTypes.sigstoreBundleV03,
    });
    const bundleOriginal = bundleLayer(bundle);
    const envelope = bundle.dsseEnvelope as TestDsseEnvelope;
    for (const m of envelopeMutations(
      envelope,
      e => bundleLayer({ ...bundle, dsseEnvelope: e }),
      attacker,
    )) {
      yield { sample: 'sigstore bundle', ...m, original: bundleOriginal };
    }
    const withBundle = (change: (b: any) => void) => {
      const copy = JSON.parse(JSON.stringify(bundle));
      change(copy);
      return bundleLayer(copy);
    };
    const entry = (bundle.verificationMaterial as any).tlogEntries[0];
    const tlogFields: Array<[string, (b: any) => any, string]> = [
      [
        'tlog body',
        b => b.verificationMaterial.tlogEntries[0],
        'canonicalizedBody',
      ],
      [
        'tlog SET',
        b => b.verificationMaterial.tlogEntries[0].inclusionPromise,
        'signedEntryTimestamp',
      ],
      ['certificate', b => b.verificationMaterial.certificate, 'rawBytes'],
    ];
    for (const [name, at, key] of tlogFields) {
      const bytes = Buffer.from(at(bundle)[key], 'base64');
      for (const [i, flipped] of flips(bytes)) {
        if (name === 'tlog SET' || i % SAMPLE_STRIDE === 0) {
          yield {
            sample: 'sigstore bundle',
            field: `${name} byte ${i}`,
            original: bundleOriginal,
            layer: withBundle(b => {
              at(b)[key] = flipped.toString('base64');
            }),
          };
        }
      }
    }
    for (const [i, text] of textFlips(
      entry.inclusionProof.checkpoint.envelope,
    )) {
      yield {
        sample: 'sigstore bundle',
        field: `checkpoint char ${i}`,
        original: bundleOriginal,
        layer: withBundle(b => {
          b.verificationMaterial.tlogEntries[0].inclusionProof.checkpoint.envelope =
            text;
        }),
      };
    }
    for (const [field, change] of [
      [
        'tlog integratedTime',
        (b: any) => {
          b.verificationMaterial.tlogEntries[0].integratedTime = String(
            Number(entry.integratedTime) + 1,
          );
        },
      ],
      [
        'tlog logIndex',
        (b: any) => {
          b.verificationMaterial.tlogEntries[0].logIndex = String(
            Number(entry.logIndex) + 1,
          );
        },
      ],
      [
        'tlog kind',
        (b: any) => {
          b.verificationMaterial.tlogEntries[0].kindVersion.kind = 'intoto';
        },
      ],
      [
        'tlog entries removed',
        (b: any) => {
          b.verificationMaterial.tlogEntries = [];
        },
      ],
      [
        'inclusion promise removed',
        (b: any) => {
          delete b.verificationMaterial.tlogEntries[0].inclusionPromise;
        },
      ],
      [
        'certificate replaced by a key hint',
        (b: any) => {
          b.verificationMaterial = {
            publicKey: { hint: 'release-ci' },
            tlogEntries: [],
          };
        },
      ],
    ] as const) {
      yield {
        sample: 'sigstore bundle',
        field,
        original: bundleOriginal,
        layer: withBundle(change),
      };
    }

    // cosign simple signing (.sig).
    const payload = buildSimpleSigningPayload({
      reference: 'registry.example.com/team/model',
      digest: DIGEST,
    });
    const sigLayer = (content: Buffer, signature: string) => ({
      content,
      mediaType: CosignMediaTypes.simpleSigning,
      annotations: { [CosignMediaTypes.signatureAnnotation]: signature },
    });
    const signature = keys.ed25519.sign(payload).toString('base64');
    const sigOriginal = sigLayer(payload, signature);
    for (const [i, flipped] of flips(payload)) {
      yield {
        sample: 'simple signing',
        field: `payload byte ${i}`,
        original: sigOriginal,
        layer: sigLayer(flipped, signature),
      };
    }
    for (const [i, flipped] of flips(Buffer.from(signature, 'base64'))) {
      yield {
        sample: 'simple signing',
        field: `signature byte ${i}`,
        original: sigOriginal,
        layer: sigLayer(payload, flipped.toString('base64')),
      };
    }
    for (const [i, text] of textFlips(signature)) {
      yield {
        sample: 'simple signing',
        field: `signature base64 char ${i}`,
        original: sigOriginal,
        layer: sigLayer(payload, text),
      };
    }
    yield {
      sample: 'simple signing',
      field: 'key swap',
      original: sigOriginal,
      layer: sigLayer(payload, attacker.sign(payload).toString('base64')),
    };
    const otherPayload = buildSimpleSigningPayload({
      reference: 'registry.example.com/team/model',
      digest: OTHER_DIGEST,
    });
    yield {
      sample: 'simple signing',
      field: 'digest of another version',
      original: sigOriginal,
      layer: sigLayer(otherPayload, signature),
    };
    yield {
      sample: 'simple signing',
      field: 'digest of another version, re-signed by the trusted key',
      original: sigOriginal,
      layer: sigLayer(
        otherPayload,
        keys.ed25519.sign(otherPayload).toString('base64'),
      ),
    };
  }

  it('never ends a single-field mutation of a valid attestation as verified', async () => {
    const originals = new Set<AttestationLayer>();
    const states: Partial<Record<AttestationVerificationState, number>> = {};
    const verifiedMutations: string[] = [];
    const baselines: string[] = [];
    let tried = 0;
    for (const { sample, field, layer, original } of corpus()) {
      if (!originals.has(original)) {
        originals.add(original);
        const baseline = await verifier.verifyLayer(original, DIGEST);
        baselines.push(`${sample}: ${baseline.state}`);
      }
      const result = await verifier.verifyLayer(layer, DIGEST);
      tried += 1;
      states[result.state] = (states[result.state] ?? 0) + 1;
      if (result.state === 'verified') {
        verifiedMutations.push(`${sample}: ${field}`);
      }
    }
    // eslint-disable-next-line no-console
    console.log(
      `Tamper corpus: ${tried} single-field mutations of ${
        originals.size
      } valid attestations tried, ${
        states.verified ?? 0
      } verified. By state: ${JSON.stringify(states)}`,
    );
    // Each sample is valid before it is mutated, or the corpus proves nothing.
    expect(baselines).toEqual([
      'ecdsa with keyid: verified',
      'ed25519: verified',
      'rsa pkcs1: verified',
      'rsa pss: verified',
      'keyless cosign: verified',
      'sigstore bundle: verified',
      'simple signing: verified',
    ]);
    expect(verifiedMutations).toEqual([]);
    expect(originals.size).toBe(7);
    expect(tried).toBeGreaterThan(10_000);
    expect(states.verified).toBeUndefined();
  });

  it('never verifies mutations served by a real registry', async () => {
    const registry = await startTestRegistry();
    const service = createRegistryService({
      config: new ConfigReader({
        kitstage: { registries: [registry.configEntry('test')] },
      }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    try {
      const modelKit = await buildTestModelKit({
        kitfile: { package: { name: 'tamper' } },
      });
      await registry.pusher.push('team/tamper', modelKit, ['v1']);
      const valid = signDsseEnvelope({
        payload: scanStatement(modelKit.digest),
        signers: [{ key: keys.ecdsa }],
      });
      // One mutation of each kind, all in one cosign .att image next to the valid original.
      const picked = new Map<string, TestDsseEnvelope | string>();
      const original = JSON.stringify(valid);
      for (const m of envelopeMutations(valid, e => dsseLayer(e), attacker)) {
        if (m.layer.content.toString() === original) {
          // Not a change (the statement already had no findings).
          continue;
        }
        const kind = m.field.replace(/ \d+/g, '').replace(/ ".*"$/, '');
        if (!picked.has(kind)) {
          picked.set(kind, m.layer.content.toString());
        }
      }
      await registry.pusher.push(
        'team/tamper',
        buildCosignAttestationImage([
          { envelope: valid },
          ...[...picked.values()].map(envelope => ({ envelope })),
        ]),
        [cosignTagFor(modelKit.digest, 'att')],
      );
      const report = await verifier.verify({
        source: service.getSource('test'),
        repository: 'team/tamper',
        digest: modelKit.digest,
      });
      expect(report.attestations).toHaveLength(picked.size + 1);
      expect(report.attestations[0].state).toBe('verified');
      expect(
        report.attestations.slice(1).filter(a => a.state === 'verified'),
      ).toEqual([]);
      // eslint-disable-next-line no-console
      console.log(
        `Tamper corpus through docker-registry: ${picked.size} mutation kinds tried; none verified`,
      );
    } finally {
      await service.close();
      await registry.stop();
    }
  });
});
