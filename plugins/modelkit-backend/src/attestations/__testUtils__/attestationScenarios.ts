import {
  AttestationTypes,
  ScanFindingSeverity,
} from '@kitstage/plugin-modelkit-common';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildCosignSignatureImage,
  buildInTotoStatement,
  buildSimpleSigningPayload,
  buildTestReferrer,
  buildTestReferrersIndex,
  cosignTagFor,
  generateTestSigningKey,
  TestArtifact,
  TestDsseEnvelope,
  TestRegistry,
  TestSigningKey,
  TestSigstore,
  signDsseEnvelope,
} from '@kitstage/plugin-modelkit-node/testUtils';

/** The identity and issuer of the trusted keyless release workflow. */
export const RELEASE_IDENTITY =
  'https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main';
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
export const SOURCE_REPOSITORY = 'https://github.com/acme/support-sentiment';

const DSSE = 'application/vnd.dsse.envelope.v1+json';
const BUNDLE = 'application/vnd.dev.sigstore.bundle.v0.3+json';
const IN_TOTO = 'application/vnd.in-toto+json';

/**
 * The signers of the attestation tests: trusted keys of three schemes, an offline Sigstore
 * for keyless signatures, and a stranger's key nobody trusts.
 */
export interface TestSigners {
  /** Trusted as `release-ci`, declared key ID `ci-1`. */
  ecdsa: TestSigningKey;
  /** Trusted as `scanner`. */
  ed25519: TestSigningKey;
  /** Trusted as `legacy-rsa`. */
  rsa: TestSigningKey;
  /** Trusted as nobody. */
  stranger: TestSigningKey;
  /** Its release workflow identity is trusted as `release-workflow`. */
  sigstore: TestSigstore;
}

/** Generates fresh signers. */
export function createTestSigners(): TestSigners {
  return {
    ecdsa: generateTestSigningKey('ecdsa-p256-sha256'),
    ed25519: generateTestSigningKey('ed25519'),
    rsa: generateTestSigningKey('rsa-pkcs1v15-sha256'),
    stranger: generateTestSigningKey('ecdsa-p256-sha256'),
    sigstore: new TestSigstore({ name: 'attestations-api' }),
  };
}

/** `kitstage.attestations` trusting {@link TestSigners}, at most 6 attestations a version. */
export function attestationsConfig(signers: TestSigners) {
  return {
    keys: [
      {
        name: 'release-ci',
        publicKey: signers.ecdsa.publicKeyPem,
        keyId: 'ci-1',
      },
      { name: 'scanner', publicKey: signers.ed25519.publicKeyPem },
      { name: 'legacy-rsa', publicKey: signers.rsa.publicKeyPem },
    ],
    keyless: {
      trustedRoot: signers.sigstore.trustedRoot,
      trustedRootFile: 'trusted_root.json',
      identities: [
        {
          name: 'release-workflow',
          subject: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
        },
      ],
    },
    limits: { maxAttestations: 6 },
    cache: { ttl: { hours: 1 }, missingTtl: { seconds: 1 } },
  };
}

/**
 * `kitstage.policies`: production needs a clean scan evaluation from a trusted key and SLSA
 * provenance from the release workflow; experimental needs nothing.
 */
export const TEST_POLICIES = {
  lifecycles: {
    production: {
      rules: [
        {
          id: 'scan-clean',
          require: 'scan-evaluation',
          signers: ['release-ci', 'scanner'],
          forbiddenSeverities: ['concern', 'error'],
        },
        {
          id: 'built-in-ci',
          require: 'slsa-provenance',
          signers: ['release-workflow'],
          sourceRepositories: [SOURCE_REPOSITORY],
        },
      ],
    },
    experimental: { rules: [] },
  },
};

/** A scan evaluation statement about `digest`, with the given findings. */
export function scanStatement(
  digest: string,
  findings: Array<{ severity: ScanFindingSeverity; title: string }> = [],
  about = digest,
) {
  return buildInTotoStatement({
    digests: [about],
    predicateType: AttestationTypes.scanEvaluationV1,
    predicate: {
      scanner: { name: 'modelscan', version: '0.8.1' },
      modelKit: { digest },
      result: 'pass',
      metrics: [{ name: 'accuracy', value: 0.93, threshold: { min: 0.9 } }],
      findings,
      timing: {
        startedOn: '2026-03-01T10:00:00Z',
        finishedOn: '2026-03-01T10:04:30Z',
      },
    },
  });
}

/** SLSA provenance v1 about `digest`, built from {@link SOURCE_REPOSITORY}. */
export function provenanceStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.slsaProvenanceV1,
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            repository: SOURCE_REPOSITORY,
            ref: 'refs/heads/main',
            path: '.github/workflows/release.yml',
          },
        },
        resolvedDependencies: [
          {
            uri: `git+${SOURCE_REPOSITORY}@refs/heads/main`,
            digest: { gitCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c' },
          },
        ],
      },
      runDetails: {
        builder: { id: 'https://github.com/actions/runner/github-hosted' },
      },
    },
  });
}

/** A CycloneDX SBOM statement about `digest`. */
export function sbomStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: 'https://cyclonedx.org/bom/v1.5',
    predicate: {
      bomFormat: 'CycloneDX',
      specVersion: '1.5',
      components: [
        { name: 'torch', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
      ],
    },
  });
}

/** One `.att` layer. */
export interface AttLayer {
  envelope: TestDsseEnvelope | string;
  annotations?: Record<string, string>;
}

/** A DSSE envelope signed by trusted key `release-ci` (key ID `ci-1`). */
export function byReleaseCi(
  signers: TestSigners,
  statement: Record<string, unknown>,
): AttLayer {
  return {
    envelope: signDsseEnvelope({
      payload: statement,
      signers: [{ key: signers.ecdsa, keyid: 'ci-1' }],
    }),
  };
}

/** A keyless `.att` layer signed by the release workflow, logged in the test Rekor. */
export function byReleaseWorkflow(
  signers: TestSigners,
  statement: Record<string, unknown>,
): AttLayer {
  const { envelope, annotations } = signers.sigstore.attest({
    statement,
    identity: RELEASE_IDENTITY,
    issuer: GITHUB_ISSUER,
  });
  return { envelope, annotations };
}

/** Pushes a cosign `.att` image (one layer per attestation) for a version. */
export async function pushAtt(
  registry: TestRegistry,
  repository: string,
  version: TestArtifact,
  layers: AttLayer[],
): Promise<void> {
  await registry.pusher.push(repository, buildCosignAttestationImage(layers), [
    cosignTagFor(version.digest, 'att'),
  ]);
}

/** Pushes a cosign `.sig` simple-signing signature made with `key`. */
export async function pushSig(
  registry: TestRegistry,
  repository: string,
  version: TestArtifact,
  key: TestSigningKey,
): Promise<void> {
  const payload = buildSimpleSigningPayload({
    reference: `${registry.host}/${repository}`,
    digest: version.digest,
  });
  await registry.pusher.push(
    repository,
    buildCosignSignatureImage([
      { payload, signature: key.sign(payload).toString('base64') },
    ]),
    [cosignTagFor(version.digest, 'sig')],
  );
}

/**
 * Pushes OCI 1.1 referrers of a version and the referrers tag schema index listing them
 * (`sha256-<hex>`): `docker-registry` 2.8 has no referrers API.
 */
export async function pushReferrers(
  registry: TestRegistry,
  repository: string,
  referrers: TestArtifact[],
  version: TestArtifact,
): Promise<void> {
  for (const referrer of referrers) {
    await registry.pusher.push(repository, referrer);
  }
  await registry.pusher.push(repository, buildTestReferrersIndex(referrers), [
    version.digest.replace(':', '-'),
  ]);
}

/** A referrer holding a keyless Sigstore bundle (v0.3) of a vulnerability scan. */
export function keylessBundleReferrer(
  signers: TestSigners,
  version: TestArtifact,
): TestArtifact {
  const bundle = signers.sigstore.bundle({
    statement: buildInTotoStatement({
      digests: [version.digest],
      predicateType: AttestationTypes.vulnsV02,
      predicate: {
        scanner: {
          uri: 'pkg:github/aquasecurity/trivy',
          version: '0.49.1',
          result: [],
        },
      },
    }),
    identity: RELEASE_IDENTITY,
    issuer: GITHUB_ISSUER,
  });
  return buildAttestationReferrer({
    subject: version.descriptor,
    artifactType: BUNDLE,
    layers: [{ content: JSON.stringify(bundle), mediaType: BUNDLE }],
  });
}

/** A referrer holding a DSSE envelope, as `cosign attest` writes OCI 1.1 referrers. */
export function dsseReferrer(
  version: TestArtifact,
  envelope: TestDsseEnvelope,
): TestArtifact {
  return buildAttestationReferrer({
    subject: version.descriptor,
    artifactType: IN_TOTO,
    layers: [{ content: JSON.stringify(envelope), mediaType: DSSE }],
  });
}

/** A plain SPDX file attached as a referrer: not an attestation. */
export function sbomFileReferrer(version: TestArtifact): TestArtifact {
  return buildTestReferrer({
    subject: version.descriptor,
    artifactType: 'application/spdx+json',
    payload: '{"spdxVersion":"SPDX-2.3"}',
    payloadMediaType: 'application/spdx+json',
  });
}
