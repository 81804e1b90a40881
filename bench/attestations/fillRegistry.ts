/*
 * Fills a docker-registry with the versions of one ModelKit, each with five attestations: in
 * cosign's `.att` image a key-signed scan, a keyless provenance and a key-signed SBOM; as OCI
 * referrers a keyless bundle and an RSA-signed envelope.
 */
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { CosignMediaTypes } from '@kitstage/plugin-modelkit-node';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildInTotoStatement,
  buildTestModelKit,
  buildTestReferrersIndex,
  cosignTagFor,
  signDsseEnvelope,
  type TestArtifact,
  type TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  IDENTITY,
  ISSUER,
  provenanceStatement,
  sbomStatement,
  scanStatement,
  type Signers,
} from './benchFixtures';

/** The repository the ModelKit is pushed to. */
export const BENCH_REPOSITORY = 'team/bench';

export async function fillRegistry(
  registry: TestRegistry,
  signers: Signers,
  versionCount: number,
): Promise<TestArtifact[]> {
  const versions: TestArtifact[] = [];
  for (let i = 0; i < versionCount; i++) {
    const day = new Date(Date.UTC(2026, 0, 1) + i * 86400_000);
    const version = await buildTestModelKit({
      kitfile: {
        package: { name: 'bench', version: `1.${i}.0` },
        model: { name: 'bench', path: 'model/weights.safetensors' },
      },
      files: { 'model/weights.safetensors': `weights ${i}` },
      annotations: { 'org.opencontainers.image.created': day.toISOString() },
    });
    await registry.pusher.push(BENCH_REPOSITORY, version, [`v1.${i}.0`]);
    const digest = version.digest;
    // Three in cosign's .att image: key-signed scan, keyless provenance, key-signed SBOM.
    const provenance = signers.sigstore.attest({
      statement: provenanceStatement(digest),
      identity: IDENTITY,
      issuer: ISSUER,
    });
    await registry.pusher.push(
      BENCH_REPOSITORY,
      buildCosignAttestationImage([
        {
          envelope: signDsseEnvelope({
            payload: scanStatement(digest, i),
            signers: [{ key: signers.ecdsa }],
          }),
        },
        { envelope: provenance.envelope, annotations: provenance.annotations },
        {
          envelope: signDsseEnvelope({
            payload: sbomStatement(digest),
            signers: [{ key: signers.ed25519 }],
          }),
        },
      ]),
      [cosignTagFor(digest, 'att')],
    );
    // Two OCI referrers, found through the referrers tag schema: a keyless bundle and an
    // RSA-signed envelope.
    const referrers = [
      buildAttestationReferrer({
        subject: version.descriptor,
        artifactType: CosignMediaTypes.sigstoreBundleV03,
        layers: [
          {
            content: JSON.stringify(
              signers.sigstore.bundle({
                statement: buildInTotoStatement({
                  digests: [digest],
                  predicateType: AttestationTypes.vulnsV02,
                  predicate: {
                    scanner: {
                      uri: 'pkg:github/aquasecurity/trivy',
                      version: '0.49.1',
                      result: [],
                    },
                  },
                }),
                identity: IDENTITY,
                issuer: ISSUER,
              }),
            ),
            mediaType: CosignMediaTypes.sigstoreBundleV03,
          },
        ],
      }),
      buildAttestationReferrer({
        subject: version.descriptor,
        artifactType: CosignMediaTypes.inTotoArtifact,
        layers: [
          {
            content: JSON.stringify(
              signDsseEnvelope({
                payload: scanStatement(digest, i + 1000),
                signers: [{ key: signers.rsa }],
              }),
            ),
            mediaType: CosignMediaTypes.dsseEnvelope,
          },
        ],
      }),
    ];
    for (const referrer of referrers) {
      await registry.pusher.push(BENCH_REPOSITORY, referrer);
    }
    await registry.pusher.push(
      BENCH_REPOSITORY,
      buildTestReferrersIndex(referrers),
      [digest.replace(':', '-')],
    );
    versions.push(version);
  }
  return versions;
}
