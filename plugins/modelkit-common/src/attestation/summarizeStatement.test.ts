import {
  cosignVulnTrivy,
  cycloneDx15,
  inTotoVulnsV02,
  OTHER_DIGEST,
  scanEvaluation,
  slsaV02,
  slsaV1GitHub,
  spdx23,
  SUBJECT_DIGEST,
} from './__fixtures__/predicates';
import { AttestationTypes, classifyPredicateType } from './predicateTypes';
import { previewJson, summarizeStatement } from './summarizeStatement';
import { vulnerabilitySeverityOf } from './vulnerabilities';

describe('classifyPredicateType', () => {
  it.each([
    ['https://kitstage.dev/attestation/scan-evaluation/v1', 'scan-evaluation'],
    ['https://kitstage.dev/attestation/scan-evaluation/v2', 'other'],
    ['https://in-toto.io/attestation/vulns/v0.1', 'vulnerabilities'],
    ['https://in-toto.io/attestation/vulns', 'vulnerabilities'],
    ['https://cosign.sigstore.dev/attestation/vuln/v1', 'vulnerabilities'],
    ['https://slsa.dev/provenance/v1', 'slsa-provenance'],
    ['https://slsa.dev/provenance/v0.2', 'slsa-provenance'],
    ['https://spdx.dev/Document', 'spdx'],
    ['https://spdx.dev/Document/v2.3', 'spdx'],
    ['https://cyclonedx.org/bom/v1.5', 'cyclonedx'],
    ['https://cyclonedx.org/bomb', 'other'],
    ['https://sigstore.dev/cosign/sign/v1', 'signature'],
    ['https://example.com/custom', 'other'],
  ])('%s is %s', (uri, kind) => {
    expect(classifyPredicateType(uri)).toBe(kind);
  });
});

describe('summarizeStatement', () => {
  it('summarises a scan evaluation: metrics against thresholds, findings by severity, timing', () => {
    const summary = summarizeStatement(
      {
        predicateType: AttestationTypes.scanEvaluationV1,
        predicate: scanEvaluation,
      },
      { subjectDigest: SUBJECT_DIGEST },
    );
    expect(summary.kind).toBe('scan-evaluation');
    if (summary.kind !== 'scan-evaluation') return;
    const scan = summary.scanEvaluation;
    expect(scan.verdict).toBe('pass');
    expect(scan.digestMatchesSubject).toBe(true);
    expect(scan.metrics.map(m => [m.name, m.passed])).toEqual([
      ['accuracy', true],
      ['toxicity-rate', true],
      ['latency-p95', undefined],
    ]);
    expect(scan.findingCounts).toEqual({
      info: 1,
      anomaly: 1,
      concern: 0,
      error: 0,
    });
    // Most severe first.
    expect(scan.findings.map(f => f.severity)).toEqual(['anomaly', 'info']);
    expect(scan.durationMs).toBe(270_000);
    expect(scan.invocationUri).toBe('https://ci.example.com/runs/4711');
  });

  it('fails the verdict of a scan with a concern, a metric out of bounds or another digest', () => {
    const concern = summarizeStatement({
      predicateType: AttestationTypes.scanEvaluationV1,
      predicate: {
        ...scanEvaluation,
        findings: [
          ...scanEvaluation.findings,
          { severity: 'concern', title: 'Pickle opcode GLOBAL os.system' },
        ],
      },
    });
    expect(concern).toMatchObject({
      kind: 'scan-evaluation',
      scanEvaluation: {
        verdict: 'fail',
        findingCounts: { concern: 1 },
        findings: [{ severity: 'concern' }, {}, {}],
      },
    });

    const metric = summarizeStatement({
      predicateType: AttestationTypes.scanEvaluationV1,
      predicate: {
        ...scanEvaluation,
        metrics: [{ name: 'accuracy', value: 0.81, threshold: { min: 0.9 } }],
      },
    });
    expect(metric).toMatchObject({
      scanEvaluation: { verdict: 'fail', failedMetrics: 1 },
    });

    const other = summarizeStatement(
      {
        predicateType: AttestationTypes.scanEvaluationV1,
        predicate: scanEvaluation,
      },
      { subjectDigest: OTHER_DIGEST },
    );
    expect(other).toMatchObject({
      scanEvaluation: { verdict: 'fail', digestMatchesSubject: false },
    });
  });

  it('names the fields of an invalid scan evaluation', () => {
    const summary = summarizeStatement({
      predicateType: AttestationTypes.scanEvaluationV1,
      predicate: {
        ...scanEvaluation,
        findings: [{ severity: 'critical', title: 'x' }],
        timing: { startedOn: 'yesterday', finishedOn: '2026-03-01T10:04:30Z' },
      },
    });
    expect(summary).toMatchObject({
      kind: 'invalid',
      predicateKind: 'scan-evaluation',
    });
    if (summary.kind !== 'invalid') return;
    expect(summary.issues).toEqual([
      'predicate.findings[0].severity: must be one of info, anomaly, concern, error',
      'predicate.timing.startedOn: must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z',
    ]);
    expect(summary.predicate.value).toBeDefined();
  });

  it('summarises in-toto and cosign (Trivy) vulnerability scans by severity', () => {
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.vulnsV02,
        predicate: inTotoVulnsV02,
      }),
    ).toMatchObject({
      kind: 'vulnerabilities',
      vulnerabilities: {
        resultsRead: true,
        total: 3,
        counts: { critical: 1, high: 1, medium: 1, low: 0 },
        vulnerabilities: [
          { id: 'GHSA-xxxx-yyyy-zzzz', severity: 'critical' },
          { id: 'CVE-2025-0001', severity: 'high' },
          { id: 'CVE-2025-0002', severity: 'medium' },
        ],
        finishedOn: '2026-03-01T10:01:00Z',
      },
    });
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.cosignVulnV1,
        predicate: cosignVulnTrivy,
      }),
    ).toMatchObject({
      vulnerabilities: { total: 2, counts: { critical: 1, low: 1 } },
    });
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.cosignVulnV1,
        predicate: {
          ...cosignVulnTrivy,
          scanner: { ...cosignVulnTrivy.scanner, result: { other: true } },
        },
      }),
    ).toMatchObject({ vulnerabilities: { resultsRead: false, total: 0 } });
  });

  it.each([
    ['CRITICAL', 'critical'],
    ['Moderate', 'medium'],
    ['negligible', 'low'],
    ['9.0', 'critical'],
    [6.9, 'medium'],
    [0, 'none'],
    ['11', 'unknown'],
    ['whatever', 'unknown'],
  ] as const)('reads severity %p as %s', (score, severity) => {
    expect(vulnerabilitySeverityOf(score)).toBe(severity);
  });

  it('reads the source repository, commit and builder of SLSA provenance for lineage', () => {
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.slsaProvenanceV1,
        predicate: slsaV1GitHub,
      }),
    ).toEqual({
      kind: 'slsa-provenance',
      provenance: {
        slsaVersion: 'v1',
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        builderId: 'https://github.com/actions/runner/github-hosted',
        sourceRepository: 'https://github.com/acme/support-sentiment',
        sourceCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c',
        sourceRef: 'refs/heads/main',
        invocationId:
          'https://github.com/acme/support-sentiment/actions/runs/42/attempts/1',
        startedOn: '2026-03-01T09:50:00Z',
        finishedOn: '2026-03-01T09:58:00Z',
        dependencyCount: 1,
      },
    });
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.slsaProvenanceV02,
        predicate: slsaV02,
      }),
    ).toMatchObject({
      provenance: {
        slsaVersion: 'v0.2',
        builderId: 'https://cloudbuild.googleapis.com/GoogleHostedWorker',
        sourceRepository: 'https://gitlab.example.com/ml/ranker',
        sourceRef: 'refs/tags/v2',
        sourceCommit: '0123456789abcdef0123456789abcdef01234567',
      },
    });
    expect(
      summarizeStatement({
        predicateType: AttestationTypes.slsaProvenanceV1,
        predicate: { buildDefinition: {} },
      }),
    ).toMatchObject({ kind: 'invalid', predicateKind: 'slsa-provenance' });
  });

  it('counts SBOM packages and licenses (SPDX 2.3 and CycloneDX 1.5 with nested components)', () => {
    expect(
      summarizeStatement({
        predicateType: 'https://spdx.dev/Document/v2.3',
        predicate: spdx23,
      }),
    ).toEqual({
      kind: 'sbom',
      sbom: {
        format: 'spdx',
        specVersion: 'SPDX-2.3',
        name: 'support-sentiment-v3',
        created: '2026-03-01T10:00:00Z',
        tools: ['Tool: syft-1.0.0', 'Organization: Acme'],
        packageCount: 4,
        licenses: [
          { license: 'Apache-2.0', count: 2 },
          { license: 'BSD-3-Clause', count: 1 },
        ],
        distinctLicenses: 2,
        packagesWithoutLicense: 1,
      },
    });
    expect(
      summarizeStatement({
        predicateType: 'https://cyclonedx.org/bom/v1.5',
        predicate: cycloneDx15,
      }),
    ).toEqual({
      kind: 'sbom',
      sbom: {
        format: 'cyclonedx',
        specVersion: '1.5',
        name: 'support-sentiment v3',
        created: '2026-03-01T10:00:00Z',
        tools: ['cdxgen 10.2.0'],
        packageCount: 4,
        licenses: [
          { license: 'Apache License 2.0', count: 1 },
          { license: 'BSD-3-Clause', count: 1 },
          { license: 'BSD-3-Clause OR MIT', count: 1 },
        ],
        distinctLicenses: 3,
        packagesWithoutLicense: 1,
      },
    });
  });

  it('keeps any other predicate as JSON, cut when it is large', () => {
    expect(
      summarizeStatement({
        predicateType: 'https://example.com/custom/v1',
        predicate: { reviewed: true },
      }),
    ).toEqual({
      kind: 'other',
      predicate: { value: { reviewed: true }, truncated: false, bytes: 17 },
    });
    const large = previewJson({ data: 'x'.repeat(100) }, 50);
    expect(large.truncated).toBe(true);
    expect(large.value).toBeUndefined();
    expect(large.text).toHaveLength(50);
    expect(large.text!.startsWith('{\n  "data": "xxx')).toBe(true);
  });

  it('does not throw on deeply nested hostile predicates', () => {
    let nested: Record<string, unknown> = { name: 'leaf' };
    for (let i = 0; i < 20_000; i++) {
      nested = { name: 'n', components: [nested] };
    }
    const summary = summarizeStatement({
      predicateType: 'https://cyclonedx.org/bom',
      predicate: { bomFormat: 'CycloneDX', components: [nested] },
    });
    expect(['sbom', 'invalid']).toContain(summary.kind);
  });
});
