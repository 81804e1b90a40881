import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AttestationTypes,
  evaluateAttestationPolicy,
  parseAttestationPolicyConfig,
} from '@kitstage/plugin-modelkit-common';
import { referrersTagFor } from '../registry/digest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from '../registry/RegistryService';
import {
  buildTestModelKit,
  buildTestReferrersIndex,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '../testing';
import { createTrustFixture, scanStatement } from './__testUtils__/fixtures';
import { AttestationVerifier } from './AttestationVerifier';
import { CosignMediaTypes } from './cosignFormats';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildInTotoStatement,
  cosignTagFor,
  signDsseEnvelope,
} from './testing';

jest.setTimeout(120_000);

describe('attestation limits against a hostile registry', () => {
  const fixture = createTrustFixture();
  const { keys, verifier } = fixture;
  let registry: TestRegistry;
  let service: StandaloneRegistryService;

  beforeAll(async () => {
    registry = await startTestRegistry();
    service = createRegistryService({
      config: new ConfigReader({
        kitstage: { registries: [registry.configEntry('test')] },
      }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
  });

  afterAll(async () => {
    await service?.close();
    await registry?.stop();
  });

  async function pushModelKit(repository: string, name: string) {
    const modelKit = await buildTestModelKit({
      kitfile: { package: { name }, model: { path: 'model.bin' } },
    });
    await registry.pusher.push(repository, modelKit, ['v1']);
    return modelKit;
  }

  function signed(digest: string, padding = 0) {
    return signDsseEnvelope({
      payload: buildInTotoStatement({
        digests: [digest],
        predicateType: AttestationTypes.scanEvaluationV1,
        predicate: {
          ...(scanStatement(digest).predicate as Record<string, unknown>),
          ...(padding > 0 ? { padding: 'x'.repeat(padding) } : {}),
        },
      }),
      signers: [{ key: keys.ecdsa }],
    });
  }

  it('checks 100 of 101 attestations and reports the last as not checked', async () => {
    const repository = 'flood/count';
    const modelKit = await pushModelKit(repository, 'count');
    // 60 layers in the .att tag and 41 referrers: 101 valid attestations.
    await registry.pusher.push(
      repository,
      buildCosignAttestationImage(
        Array.from({ length: 60 }, (_, i) => ({
          envelope: signed(modelKit.digest, i + 1),
        })),
      ),
      [cosignTagFor(modelKit.digest, 'att')],
    );
    const referrers: TestArtifact[] = [];
    for (let i = 0; i < 41; i++) {
      const referrer = buildAttestationReferrer({
        subject: modelKit.descriptor,
        artifactType: CosignMediaTypes.inTotoArtifact,
        layers: [
          {
            content: JSON.stringify(signed(modelKit.digest, 100 + i)),
            mediaType: CosignMediaTypes.dsseEnvelope,
          },
        ],
      });
      await registry.pusher.push(repository, referrer);
      referrers.push(referrer);
    }
    await registry.pusher.push(repository, buildTestReferrersIndex(referrers), [
      referrersTagFor(modelKit.digest),
    ]);

    const report = await verifier.verify({
      source: service.getSource('test'),
      repository,
      digest: modelKit.digest,
    });
    expect(report.attestations).toHaveLength(101);
    expect(report.counts.verified).toBe(100);
    expect(report.counts['not-checked']).toBe(1);
    const notChecked = report.attestations.filter(
      a => a.state === 'not-checked',
    );
    expect(notChecked).toEqual([
      expect.objectContaining({
        discoveredVia: 'cosign-tag',
        location: expect.objectContaining({ layerIndex: 59 }),
        reason:
          'not checked: the limit of 100 attestations per version was reached',
      }),
    ]);
    expect(report.limits).toMatchObject({ reached: 'count', omitted: 0 });
    expect(report.complete).toBe(false);

    // Evidence that was not checked could break a rule, so the policy cannot pass.
    const policy = evaluateAttestationPolicy({
      attestations: report.attestations,
      lifecycle: 'production',
      policies: parseAttestationPolicyConfig({
        lifecycles: {
          production: { rules: [{ id: 'scan', require: 'scan-evaluation' }] },
        },
      }),
      complete: report.complete,
    });
    expect(policy.status).toBe('missing');
  });

  it('stops reading at the byte limit without downloading oversized layers', async () => {
    const repository = 'flood/bytes';
    const modelKit = await pushModelKit(repository, 'bytes');
    const small = signed(modelKit.digest, 10);
    const large = signed(modelKit.digest, 300_000);
    await registry.pusher.push(
      repository,
      buildCosignAttestationImage([
        { envelope: small },
        { envelope: large },
        { envelope: signed(modelKit.digest, 20) },
      ]),
      [cosignTagFor(modelKit.digest, 'att')],
    );
    const limited = AttestationVerifier.create({
      config: {
        ...fixture.config,
        limits: { maxAttestations: 100, maxBytes: 65_536 },
      },
    });
    const before = service.getRequestCounts()[0].byKind.blob;
    const report = await limited.verify({
      source: service.getSource('test'),
      repository,
      digest: modelKit.digest,
    });
    const after = service.getRequestCounts()[0].byKind.blob;
    expect(report.attestations.map(a => a.state)).toEqual([
      'verified',
      'not-checked',
      'verified',
    ]);
    expect(report.attestations[1].reason).toBe(
      'not checked: the 65536-byte limit of attestation data per version was reached',
    );
    expect(report.limits.reached).toBe('bytes');
    expect(report.limits.bytesRead).toBeLessThanOrEqual(65_536);
    // Only the two small layers were downloaded.
    expect(after - before).toBe(2);
  });

  it('lists at most maxAttestations not-checked entries and counts the rest', async () => {
    const repository = 'flood/listing';
    const modelKit = await pushModelKit(repository, 'listing');
    await registry.pusher.push(
      repository,
      buildCosignAttestationImage(
        Array.from({ length: 12 }, (_, i) => ({
          envelope: signed(modelKit.digest, i + 1),
        })),
      ),
      [cosignTagFor(modelKit.digest, 'att')],
    );
    const tiny = AttestationVerifier.create({
      config: {
        ...fixture.config,
        limits: { maxAttestations: 3, maxBytes: 1e9 },
      },
    });
    const report = await tiny.verify({
      source: service.getSource('test'),
      repository,
      digest: modelKit.digest,
    });
    expect(
      report.attestations.filter(a => a.state === 'verified'),
    ).toHaveLength(3);
    expect(
      report.attestations.filter(a => a.state === 'not-checked'),
    ).toHaveLength(3);
    expect(report.limits.omitted).toBe(6);
    expect(report.counts['not-checked']).toBe(9);
  });
});
