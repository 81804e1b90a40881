import {
  AttestationResult,
  AttestationTypes,
} from '@kitstage/plugin-modelkit-common';
import {
  attestation,
  releaseWorkflow,
  scanCommand,
  scannerKey,
  subject,
  summary,
  vulnsCommand,
} from './attestationBuilders';
import { digests, repository } from './modelKitVersions';

/**
 * A verified scan evaluation with failing metrics and findings of every severity.
 *
 * @public
 */
export const verifiedScan = attestation('a1', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'cosign-tag',
  state: 'verified',
  reason: `Signed by trusted key scanner (ecdsa-p256-sha256); the statement names ${subject}`,
  signer: scannerKey,
  signatures: [
    {
      index: 0,
      outcome: 'trusted',
      reason: 'signed by trusted key scanner (ecdsa-p256-sha256)',
      signer: scannerKey,
    },
  ],
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: AttestationTypes.scanEvaluationV1,
  subjects: [{ name: repository, digest: { sha256: subject.slice(7) } }],
  summary: summary(AttestationTypes.scanEvaluationV1, {
    scanner: {
      name: 'modelscan',
      version: '0.8.1',
      uri: 'https://github.com/protectai/modelscan',
    },
    modelKit: { reference: `${repository}:v1.2.0`, digest: subject },
    metrics: [
      { name: 'accuracy', value: 0.93, threshold: { min: 0.9 } },
      {
        name: 'toxicity-rate',
        value: 0.02,
        unit: 'ratio',
        threshold: { max: 0.01 },
      },
      { name: 'latency-p95', value: 41, unit: 'ms' },
    ],
    findings: [
      { id: 'MS-INFO-1', severity: 'info', title: 'Model uses safetensors' },
      {
        id: 'MS-INFO-2',
        severity: 'info',
        title: 'Tokenizer files present',
        location: { path: 'model/tokenizer.json' },
      },
      {
        id: 'MS-ANOM-7',
        severity: 'anomaly',
        title: 'Unusual tokenizer vocabulary size',
        location: { path: 'model/tokenizer.json' },
      },
      {
        id: 'MS-CONC-3',
        severity: 'concern',
        title: 'Pickle file in code layer',
        category: 'unsafe-deserialization',
        description: 'src/legacy.pkl can run code when it is loaded.',
        location: { path: 'src/legacy.pkl', line: 1 },
        references: ['https://example.com/advisories/pickle'],
      },
      {
        id: 'MS-ERR-1',
        severity: 'error',
        title: 'Adapter could not be scanned',
        location: { path: 'adapters/lora.safetensors' },
      },
    ],
    timing: {
      startedOn: '2025-05-20T09:35:00Z',
      finishedOn: '2025-05-20T09:39:30Z',
    },
    invocation: { uri: 'https://ci.example.com/runs/4711' },
  }),
  createdAt: '2025-05-20T09:40:00Z',
  command: scanCommand,
});

/**
 * A verified in-toto vulnerability scan, signed keyless by the release workflow.
 *
 * @public
 */
export const verifiedVulns = attestation('b2', {
  kind: 'attestation',
  format: 'sigstore-bundle',
  discoveredVia: 'referrers-api',
  state: 'verified',
  reason:
    'Signed by trusted keyless identity release-workflow with a transparency-log entry; the statement names this version',
  signer: releaseWorkflow,
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: AttestationTypes.vulnsV02,
  summary: summary(AttestationTypes.vulnsV02, {
    scanner: {
      uri: 'pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9',
      version: '0.49.1',
      db: { version: 'v2-2025052006' },
      result: [
        { id: 'CVE-2025-0001', severity: [{ method: 'nvd', score: 'HIGH' }] },
        { id: 'CVE-2025-0002', severity: [{ method: 'nvd', score: 'medium' }] },
        {
          id: 'GHSA-xxxx-yyyy-zzzz',
          severity: [{ method: 'cvss_v3', score: 9.8 }],
        },
        { id: 'CVE-2025-0003', severity: [{ method: 'nvd', score: 'low' }] },
      ],
    },
    metadata: {
      scanStartedOn: '2025-05-20T09:36:00Z',
      scanFinishedOn: '2025-05-20T09:37:00Z',
    },
  }),
  createdAt: '2025-05-20T09:41:12Z',
  command: vulnsCommand,
});

/**
 * SLSA provenance signed by a keyless identity that is not trusted.
 *
 * @public
 */
export const untrustedProvenance = attestation('c3', {
  kind: 'attestation',
  format: 'sigstore-bundle',
  discoveredVia: 'referrers-api',
  state: 'untrusted-signer',
  reason:
    'The certificate identity https://github.com/someone/fork/.github/workflows/release.yml@refs/heads/main is not a trusted keyless identity',
  signer: {
    type: 'certificate',
    certificateSubject:
      'https://github.com/someone/fork/.github/workflows/release.yml@refs/heads/main',
    certificateIssuer: 'https://token.actions.githubusercontent.com',
  },
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: AttestationTypes.slsaProvenanceV1,
  summary: summary(AttestationTypes.slsaProvenanceV1, {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: {
          ref: 'refs/heads/main',
          repository: 'https://github.com/acme/support-sentiment',
          path: '.github/workflows/release.yml',
        },
      },
      resolvedDependencies: [
        {
          uri: 'git+https://github.com/acme/support-sentiment@refs/heads/main',
          digest: { gitCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c' },
        },
        { uri: 'pkg:pypi/torch@2.3.0' },
      ],
    },
    runDetails: {
      builder: { id: 'https://github.com/actions/runner/github-hosted' },
      metadata: {
        invocationId:
          'https://github.com/acme/support-sentiment/actions/runs/42/attempts/1',
        startedOn: '2025-05-20T09:20:00Z',
        finishedOn: '2025-05-20T09:28:00Z',
      },
    },
  }),
});

/**
 * A CycloneDX SBOM, validly signed by a trusted key, about another artifact.
 *
 * @public
 */
export const mismatchedSbom = attestation('d4', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'cosign-tag',
  state: 'subject-mismatch',
  reason: `Signed by trusted key scanner, but the statement names ${digests.v110}, not ${subject}`,
  signer: scannerKey,
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: `${AttestationTypes.cycloneDxBom}/v1.5`,
  subjects: [{ digest: { sha256: digests.v110.slice(7) } }],
  summary: summary(`${AttestationTypes.cycloneDxBom}/v1.5`, {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    metadata: {
      timestamp: '2025-04-02T14:10:00Z',
      tools: { components: [{ name: 'cdxgen', version: '10.2.0' }] },
      component: { name: 'support-sentiment', version: '1.1.0' },
    },
    components: [
      { name: 'numpy', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
      { name: 'torch', licenses: [{ license: { id: 'BSD-3-Clause' } }] },
      {
        name: 'sentencepiece',
        licenses: [{ license: { id: 'Apache-2.0' } }],
      },
      { name: 'unknown-blob' },
    ],
  }),
});

/**
 * A scan evaluation claiming a clean pass whose signature does not check.
 *
 * @public
 */
export const tamperedScan = attestation('e5', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'cosign-tag',
  state: 'invalid-signature',
  reason:
    'The signature names key scanner-2026 but does not verify with trusted key scanner',
  signer: {
    type: 'public-key',
    keyId: 'scanner-2026',
    algorithm: 'ecdsa-p256-sha256',
    fingerprint: 'b5'.repeat(32),
  },
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: AttestationTypes.scanEvaluationV1,
  summary: summary(AttestationTypes.scanEvaluationV1, {
    scanner: { name: 'modelscan', version: '0.8.1' },
    result: 'pass',
    metrics: [{ name: 'accuracy', value: 0.99, threshold: { min: 0.9 } }],
    findings: [],
    timing: {
      startedOn: '2025-05-20T09:35:00Z',
      finishedOn: '2025-05-20T09:36:00Z',
    },
  }),
});

/**
 * A predicate Kitstage does not summarise, in an unsigned envelope.
 *
 * @public
 */
export const unsignedOther = attestation('f6', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'referrers-api',
  state: 'unsigned',
  reason: 'The envelope carries no signature',
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: 'https://example.com/model-card/v1',
  summary: summary('https://example.com/model-card/v1', {
    intendedUse: 'Routing support tickets by sentiment',
    evaluation: { dataset: 'support-tickets-2025', f1: 0.91 },
  }),
});

/**
 * An SPDX predicate that does not match the SPDX schema, signed by an unknown key.
 *
 * @public
 */
export const invalidSpdx = attestation('a7', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'cosign-tag',
  state: 'untrusted-signer',
  reason: 'Signed by a key that is not trusted (key ID laptop)',
  signer: {
    type: 'public-key',
    keyId: 'laptop',
    algorithm: 'ed25519',
    fingerprint: 'c7'.repeat(32),
  },
  payloadType: AttestationTypes.inTotoPayloadType,
  statementType: AttestationTypes.statementV1,
  predicateType: AttestationTypes.spdxDocument,
  summary: summary(AttestationTypes.spdxDocument, { spdxVersion: 'SPDX-1.2' }),
});

/**
 * An envelope that cannot be read.
 *
 * @public
 */
export const malformedEnvelope = attestation('b8', {
  kind: 'attestation',
  format: 'dsse-envelope',
  discoveredVia: 'cosign-tag',
  state: 'malformed',
  reason: 'The DSSE envelope payload is not base64 (at character 17)',
});

/**
 * An attestation beyond the configured limits.
 *
 * @public
 */
export const notChecked = attestation('c9', {
  kind: 'attestation',
  discoveredVia: 'referrers-api',
  state: 'not-checked',
  reason: 'Beyond the limit of 8 attestations per version',
});

/**
 * Every attestation of v1.2.0, in discovery order.
 *
 * @public
 */
export const attestationsV120: AttestationResult[] = [
  verifiedVulns,
  untrustedProvenance,
  unsignedOther,
  notChecked,
  verifiedScan,
  mismatchedSbom,
  tamperedScan,
  invalidSpdx,
  malformedEnvelope,
];
