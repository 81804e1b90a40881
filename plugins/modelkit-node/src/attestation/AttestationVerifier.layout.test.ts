import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { OciLayoutSource } from '../layout';
import { buildTestModelKit } from '../testing';
import {
  createTrustFixture,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/fixtures';
import { writeTestLayout } from './__testUtils__/writeTestLayout';
import { CosignMediaTypes } from './cosignFormats';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
} from './testing';

describe('AttestationVerifier on an OCI image layout', () => {
  const { keys, sigstore, verifier } = createTrustFixture();
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kitstage-attestation-layout-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds referrers through the layout index and cosign tags by reference name', async () => {
    const modelKit = await buildTestModelKit({
      kitfile: {
        package: { name: 'fraud-model' },
        model: { path: 'model.onnx' },
      },
    });
    const bundleReferrer = buildAttestationReferrer({
      subject: modelKit.descriptor,
      artifactType: CosignMediaTypes.sigstoreBundleV03,
      layers: [
        {
          content: JSON.stringify(
            sigstore.bundle({
              statement: scanStatement(modelKit.digest),
              identity: RELEASE_IDENTITY,
              issuer: GITHUB_ISSUER,
            }),
          ),
          mediaType: CosignMediaTypes.sigstoreBundleV03,
        },
      ],
    });
    const tampered = signDsseEnvelope({
      payload: scanStatement(modelKit.digest),
      signers: [{ key: keys.ecdsa, keyid: 'ci-1' }],
    });
    tampered.payload = Buffer.from(
      JSON.stringify({
        ...scanStatement(modelKit.digest),
        predicateType: 'https://example.com/forged',
      }),
    ).toString('base64');
    const dsseReferrer = buildAttestationReferrer({
      subject: modelKit.descriptor,
      artifactType: CosignMediaTypes.inTotoArtifact,
      layers: [
        {
          content: JSON.stringify(tampered),
          mediaType: CosignMediaTypes.dsseEnvelope,
        },
      ],
    });
    const att = buildCosignAttestationImage([
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(modelKit.digest),
          signers: [{ key: generateTestSigningKey('ed25519') }],
        }),
      },
    ]);
    await writeTestLayout(dir, [
      { artifact: modelKit, refName: 'registry.example.com/ml/fraud-model:v1' },
      { artifact: bundleReferrer },
      { artifact: dsseReferrer },
      {
        artifact: att,
        refName: `registry.example.com/ml/fraud-model:${cosignTagFor(
          modelKit.digest,
          'att',
        )}`,
      },
    ]);
    const source = new OciLayoutSource({
      name: 'local',
      path: dir,
      host: 'registry.example.com',
    });

    const report = await verifier.verify({
      source,
      repository: 'ml/fraud-model',
      digest: modelKit.digest,
    });
    const byDigest = (digest: string) =>
      report.attestations.find(a => a.location.manifestDigest === digest)!;
    expect(report.discovery).toEqual({ referrers: 'layout', errors: [] });
    expect(report.attestations).toHaveLength(3);
    expect(byDigest(bundleReferrer.digest)).toMatchObject({
      discoveredVia: 'layout',
      format: 'sigstore-bundle',
      state: 'verified',
      predicateType: AttestationTypes.scanEvaluationV1,
      signer: { trustedName: 'release-workflow' },
    });
    expect(byDigest(dsseReferrer.digest)).toMatchObject({
      discoveredVia: 'layout',
      state: 'invalid-signature',
      reason:
        'the signature names key "ci-1" but does not verify with trusted key release-ci',
    });
    expect(byDigest(att.digest)).toMatchObject({
      discoveredVia: 'cosign-tag',
      state: 'untrusted-signer',
    });
    expect(report.complete).toBe(true);
    expect(report.subject.repository).toBe(
      'registry.example.com/ml/fraud-model',
    );
  });
});
