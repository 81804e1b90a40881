import {
  inTotoVulnsV02,
  scanEvaluation,
  slsaV1GitHub,
  SUBJECT_DIGEST,
} from './__fixtures__/predicates';
import { parseAttestationPolicyConfig } from './AttestationPolicy';
import { AttestationResult } from './AttestationResult';
import { evaluateAttestationPolicy } from './evaluateAttestationPolicy';
import { AttestationTypes } from './predicateTypes';
import { summarizeStatement } from './summarizeStatement';

let counter = 0;

function attestation(
  predicateType: string,
  predicate: Record<string, unknown>,
  overrides: Partial<AttestationResult> = {},
): AttestationResult {
  counter += 1;
  return {
    id: `sha256:${String(counter).padStart(64, '0')}#0`,
    kind: 'attestation',
    format: 'dsse-envelope',
    discoveredVia: 'cosign-tag',
    location: {
      manifestDigest: `sha256:${String(counter).padStart(64, '0')}`,
      mediaType: 'application/vnd.dsse.envelope.v1+json',
      size: 100,
    },
    state: 'verified',
    reason: 'verified',
    signer: { type: 'public-key', trustedName: 'release-ci' },
    signatures: [],
    predicateType,
    summary: summarizeStatement(
      { predicateType, predicate },
      { subjectDigest: SUBJECT_DIGEST },
    ),
    ...overrides,
  };
}

const policies = parseAttestationPolicyConfig({
  lifecycles: {
    production: {
      rules: [
        {
          id: 'scan-clean',
          require: 'scan-evaluation',
          signers: ['release-ci', 'release-workflow'],
        },
        {
          id: 'built-by-ci',
          require: 'slsa-provenance',
          sourceRepositories: ['https://github.com/acme/support-sentiment'],
          builderIds: ['https://github.com/actions/runner/github-hosted'],
        },
      ],
    },
    experimental: { rules: [] },
    staging: {
      rules: [
        {
          id: 'no-critical',
          require: 'vulnerabilities',
          maxVulnerabilities: { critical: 0 },
        },
      ],
    },
  },
});

const cleanScan = () =>
  attestation(AttestationTypes.scanEvaluationV1, scanEvaluation);
const provenance = () =>
  attestation(AttestationTypes.slsaProvenanceV1, slsaV1GitHub);

describe('evaluateAttestationPolicy', () => {
  it('passes production with a clean verified scan and provenance from the right repository', () => {
    const scan = cleanScan();
    const result = evaluateAttestationPolicy({
      attestations: [scan, provenance()],
      lifecycle: 'production',
      policies,
      complete: true,
    });
    expect(result).toMatchObject({
      applies: true,
      status: 'passed',
      message: 'All 2 rules of lifecycle production passed',
    });
    expect(result.rules[0]).toEqual({
      id: 'scan-clean',
      require: 'scan-evaluation',
      status: 'passed',
      message: '1 verified scan evaluation signed by release-ci meets the rule',
      attestationIds: [scan.id],
    });
  });

  it('requires nothing of experimental versions', () => {
    expect(
      evaluateAttestationPolicy({
        attestations: [],
        lifecycle: 'experimental',
        policies,
      }),
    ).toEqual({
      lifecycle: 'experimental',
      applies: false,
      status: 'passed',
      message: 'No attestations are required for lifecycle experimental',
      rules: [],
    });
    // Lifecycles without an entry and without a default have no rules either.
    expect(
      evaluateAttestationPolicy({
        attestations: [],
        lifecycle: 'deprecated',
        policies,
      }).applies,
    ).toBe(false);
  });

  it('fails on a verified scan with a concern finding, naming the rule and finding', () => {
    const result = evaluateAttestationPolicy({
      attestations: [
        attestation(AttestationTypes.scanEvaluationV1, {
          ...scanEvaluation,
          findings: [
            {
              severity: 'concern',
              title: 'Pickle opcode GLOBAL os.system in model.pkl',
            },
          ],
        }),
        provenance(),
      ],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('failed');
    expect(result.failedRule).toBe('scan-clean');
    expect(result.message).toBe(
      'Rule scan-clean failed: The verified scan evaluation signed by release-ci fails: modelscan reported 1 concern finding (first: Pickle opcode GLOBAL os.system in model.pkl)',
    );
  });

  it('fails when any verified scan fails, even next to a clean one', () => {
    const result = evaluateAttestationPolicy({
      attestations: [
        cleanScan(),
        attestation(AttestationTypes.scanEvaluationV1, {
          ...scanEvaluation,
          metrics: [{ name: 'accuracy', value: 0.8, threshold: { min: 0.9 } }],
        }),
        provenance(),
      ],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('failed');
    expect(result.rules[0].message).toContain(
      'metric accuracy is 0.8, which should be at least 0.9',
    );
  });

  it('is missing when the only scans are unverified or from other signers, and says so', () => {
    const tampered = attestation(
      AttestationTypes.scanEvaluationV1,
      scanEvaluation,
      { state: 'invalid-signature', signer: undefined },
    );
    const otherSigner = attestation(
      AttestationTypes.scanEvaluationV1,
      scanEvaluation,
      { signer: { type: 'public-key', trustedName: 'dev-laptop' } },
    );
    const result = evaluateAttestationPolicy({
      attestations: [tampered, otherSigner, provenance()],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('missing');
    expect(result.message).toBe(
      'Rule scan-clean has no evidence: No verified scan evaluation from release-ci or release-workflow: 1 found but not verified (invalid-signature); 1 verified but signed by dev-laptop, not by release-ci or release-workflow',
    );
  });

  it('lets a failing rule win over a missing one', () => {
    const result = evaluateAttestationPolicy({
      attestations: [
        attestation(AttestationTypes.slsaProvenanceV1, {
          ...slsaV1GitHub,
          buildDefinition: {
            ...slsaV1GitHub.buildDefinition,
            externalParameters: {
              workflow: { repository: 'https://github.com/evil/fork' },
            },
            resolvedDependencies: [],
          },
        }),
      ],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('failed');
    expect(result.failedRule).toBe('built-by-ci');
    expect(result.message).toContain(
      'it was built from https://github.com/evil/fork, which is not an allowed source repository',
    );
    expect(result.rules.map(r => r.status)).toEqual(['missing', 'failed']);
  });

  it('fails an invalid predicate of the required kind', () => {
    const result = evaluateAttestationPolicy({
      attestations: [
        attestation(AttestationTypes.scanEvaluationV1, { scanner: {} }),
        provenance(),
      ],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('failed');
    expect(result.message).toContain(
      'its predicate does not match the scan-evaluation schema (predicate.scanner.name:',
    );
  });

  it('counts vulnerabilities against the limits of the rule', () => {
    const evaluate = (predicate: Record<string, unknown>) =>
      evaluateAttestationPolicy({
        attestations: [attestation(AttestationTypes.vulnsV02, predicate)],
        lifecycle: 'staging',
        policies,
      });
    expect(evaluate(inTotoVulnsV02)).toMatchObject({
      status: 'failed',
      message:
        'Rule no-critical failed: The verified vulnerability scan signed by release-ci fails: 1 critical vulnerabilities, more than the 0 allowed',
    });
    expect(
      evaluate({
        ...inTotoVulnsV02,
        scanner: { ...inTotoVulnsV02.scanner, result: [] },
      }).status,
    ).toBe('passed');
    expect(
      evaluate({
        ...inTotoVulnsV02,
        scanner: { ...inTotoVulnsV02.scanner, result: { unknown: 1 } },
      }).message,
    ).toContain('could not be read');
  });

  it('does not pass when attestations were left unchecked', () => {
    const notChecked: AttestationResult = {
      ...cleanScan(),
      state: 'not-checked',
      summary: undefined,
      predicateType: undefined,
    };
    const result = evaluateAttestationPolicy({
      attestations: [cleanScan(), provenance(), notChecked],
      lifecycle: 'production',
      policies,
    });
    expect(result.status).toBe('missing');
    expect(result.message).toBe(
      'Every rule passed on the attestations that were checked, but 1 could not be checked, so the policy cannot pass',
    );
    expect(
      evaluateAttestationPolicy({
        attestations: [cleanScan(), provenance()],
        lifecycle: 'production',
        policies,
        complete: false,
      }).status,
    ).toBe('missing');
  });

  it('matches an exact predicate type URI and signatures', () => {
    const custom = parseAttestationPolicyConfig({
      lifecycles: {},
      default: {
        rules: [
          { id: 'reviewed', require: 'https://example.com/review/v1' },
          { id: 'signed', require: 'signature' },
        ],
      },
    });
    const result = evaluateAttestationPolicy({
      attestations: [
        attestation('https://example.com/review/v1', { ok: true }),
        attestation(AttestationTypes.cosignSignV1, {}, { kind: 'signature' }),
      ],
      lifecycle: 'anything',
      policies: custom,
    });
    expect(result.status).toBe('passed');
  });
});

describe('parseAttestationPolicyConfig', () => {
  it('names every wrong field with its config path', () => {
    expect(() =>
      parseAttestationPolicyConfig({
        lifecycles: {
          production: {
            rules: [
              { id: 'Scan', require: 'scan-evaluation' },
              {
                id: 'vulns',
                require: 'scan-evaluation',
                maxVulnerabilities: { critical: 0 },
              },
              { id: 'vulns', require: 'sboms' },
            ],
          },
        },
      }),
    ).toThrow(
      'Invalid attestation policies: kitstage.policies.lifecycles.production.rules[0].id: must be lowercase letters, digits, ".", "_" and "-" (at most 63 characters); kitstage.policies.lifecycles.production.rules[1].maxVulnerabilities: only applies to rules that require vulnerabilities; kitstage.policies.lifecycles.production.rules[2].require: must be one of scan-evaluation, vulnerabilities, slsa-provenance, sbom, signature or a predicate type URI; kitstage.policies.lifecycles.production.rules[2].id: "vulns" is used by another rule of this lifecycle',
    );
    expect(() => parseAttestationPolicyConfig({ lifecycle: {} })).toThrow(
      'kitstage.policies: Unrecognized key: "lifecycle"',
    );
  });

  it('accepts an empty configuration', () => {
    expect(parseAttestationPolicyConfig(undefined)).toEqual({ lifecycles: {} });
  });
});
