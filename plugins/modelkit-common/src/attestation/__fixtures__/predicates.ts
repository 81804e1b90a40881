/** Predicates as scanners and build systems write them, for tests. */

export const SUBJECT_DIGEST = `sha256:${'4f3c'.repeat(16)}`;
export const OTHER_DIGEST = `sha256:${'9e1d'.repeat(16)}`;

export const scanEvaluation = {
  scanner: {
    name: 'modelscan',
    version: '0.8.1',
    uri: 'https://github.com/protectai/modelscan',
  },
  modelKit: {
    reference: 'registry.example.com/kitstage-demo/support-sentiment:v3',
    digest: SUBJECT_DIGEST,
  },
  result: 'pass',
  metrics: [
    { name: 'accuracy', value: 0.93, threshold: { min: 0.9 } },
    { name: 'toxicity-rate', value: 0.004, unit: 'ratio', threshold: { max: 0.01 } },
    { name: 'latency-p95', value: 41, unit: 'ms' },
  ],
  findings: [
    { id: 'MS-INFO-1', severity: 'info', title: 'Model uses safetensors' },
    {
      id: 'MS-ANOM-7',
      severity: 'anomaly',
      title: 'Unusual tokenizer vocabulary size',
      location: { path: 'model/tokenizer.json' },
    },
  ],
  timing: {
    startedOn: '2026-03-01T10:00:00Z',
    finishedOn: '2026-03-01T10:04:30Z',
  },
  invocation: { uri: 'https://ci.example.com/runs/4711' },
};

export const inTotoVulnsV02 = {
  scanner: {
    uri: 'pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9',
    version: '0.49.1',
    db: {
      uri: 'pkg:github/aquasecurity/trivy-db/commit/4c76bb580b2736d67751410fa4ab66d2b6b9b27d',
      version: 'v2-2026030106',
      lastUpdate: '2026-03-01T06:00:00Z',
    },
    result: [
      {
        id: 'CVE-2025-0001',
        severity: [
          { method: 'nvd', score: 'HIGH' },
          { method: 'cvss_score', score: '7.5' },
        ],
      },
      { id: 'CVE-2025-0002', severity: [{ method: 'nvd', score: 'medium' }] },
      { id: 'GHSA-xxxx-yyyy-zzzz', severity: [{ method: 'cvss_v3', score: 9.8 }] },
    ],
  },
  metadata: {
    scanStartedOn: '2026-03-01T10:00:00Z',
    scanFinishedOn: '2026-03-01T10:01:00Z',
  },
};

export const cosignVulnTrivy = {
  invocation: { parameters: null, uri: '', event_id: '', 'builder.id': '' },
  scanner: {
    uri: 'pkg:github/aquasecurity/trivy',
    version: '0.49.1',
    db: { uri: '', version: '' },
    result: {
      SchemaVersion: 2,
      Results: [
        {
          Target: 'model/requirements.txt',
          Vulnerabilities: [
            { VulnerabilityID: 'CVE-2024-1111', Severity: 'CRITICAL' },
            { VulnerabilityID: 'CVE-2024-2222', Severity: 'LOW' },
          ],
        },
        { Target: 'empty', Vulnerabilities: null },
      ],
    },
  },
  metadata: {
    scanStartedOn: '2026-03-01T10:00:00Z',
    scanFinishedOn: '2026-03-01T10:01:00Z',
  },
};

/** SLSA provenance v1 as the GitHub generator writes it. */
export const slsaV1GitHub = {
  buildDefinition: {
    buildType: 'https://actions.github.io/buildtypes/workflow/v1',
    externalParameters: {
      workflow: {
        ref: 'refs/heads/main',
        repository: 'https://github.com/acme/support-sentiment',
        path: '.github/workflows/release.yml',
      },
    },
    internalParameters: { github: { event_name: 'push' } },
    resolvedDependencies: [
      {
        uri: 'git+https://github.com/acme/support-sentiment@refs/heads/main',
        digest: { gitCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c' },
      },
    ],
  },
  runDetails: {
    builder: { id: 'https://github.com/actions/runner/github-hosted' },
    metadata: {
      invocationId: 'https://github.com/acme/support-sentiment/actions/runs/42/attempts/1',
      startedOn: '2026-03-01T09:50:00Z',
      finishedOn: '2026-03-01T09:58:00Z',
    },
  },
};

export const slsaV02 = {
  builder: { id: 'https://cloudbuild.googleapis.com/GoogleHostedWorker' },
  buildType: 'https://cloudbuild.googleapis.com/CloudBuildYaml@v0.1',
  invocation: {
    configSource: {
      uri: 'git+https://gitlab.example.com/ml/ranker.git@refs/tags/v2',
      digest: { sha1: '0123456789abcdef0123456789abcdef01234567' },
      entryPoint: 'cloudbuild.yaml',
    },
  },
  metadata: { buildInvocationId: 'b-1' },
  materials: [{ uri: 'git+https://gitlab.example.com/ml/ranker.git' }],
};

export const spdx23 = {
  spdxVersion: 'SPDX-2.3',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'support-sentiment-v3',
  creationInfo: {
    created: '2026-03-01T10:00:00Z',
    creators: ['Tool: syft-1.0.0', 'Organization: Acme'],
  },
  packages: [
    { name: 'torch', licenseConcluded: 'BSD-3-Clause' },
    { name: 'transformers', licenseConcluded: 'NOASSERTION', licenseDeclared: 'Apache-2.0' },
    { name: 'tokenizers', licenseConcluded: 'Apache-2.0' },
    { name: 'mystery', licenseConcluded: 'NOASSERTION' },
  ],
};

export const cycloneDx15 = {
  bomFormat: 'CycloneDX',
  specVersion: '1.5',
  metadata: {
    timestamp: '2026-03-01T10:00:00Z',
    tools: { components: [{ name: 'cdxgen', version: '10.2.0' }] },
    component: { name: 'support-sentiment', version: 'v3' },
  },
  components: [
    {
      name: 'numpy',
      licenses: [{ license: { id: 'BSD-3-Clause' } }],
      components: [
        { name: 'numpy-core', licenses: [{ expression: 'BSD-3-Clause OR MIT' }] },
      ],
    },
    { name: 'sentencepiece', licenses: [{ license: { name: 'Apache License 2.0' } }] },
    { name: 'unknown-blob' },
  ],
};
