/**
 * The predicates of the demo attestations: in-toto statements about a demo version carrying a
 * scan evaluation, SLSA provenance or an SPDX SBOM, with fixed times and fake but stable
 * commits derived from the version.
 */
import { createHash } from 'node:crypto';
import { buildInTotoStatement } from '@kitstage/plugin-modelkit-node/testUtils';
import { DEMO_HOST, demoReference, demoRepository } from './demoKit';
import type { DemoVersionInfo } from './demoLayout';

/** The predicate types of the demo attestations. */
export const PREDICATES = {
  scanEvaluation: 'https://kitstage.dev/attestation/scan-evaluation/v1',
  slsaProvenance: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
} as const;

const SOURCE_REPOSITORY = 'https://github.com/kitstage/kitstage-demo-models';

type Severity = 'info' | 'anomaly' | 'concern' | 'error';

/** A finding of a scan evaluation. */
export interface Finding {
  id: string;
  severity: Severity;
  title: string;
  description?: string;
  category?: string;
  location?: { path: string };
}

export function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3600_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** A fake but stable git commit for a version. */
export function commitOf(name: string, version: string): string {
  return createHash('sha1').update(`${name}@${version}`).digest('hex');
}

export function statement(
  version: DemoVersionInfo,
  predicateType: string,
  predicate: Record<string, unknown>,
  about: DemoVersionInfo = version,
) {
  return buildInTotoStatement({
    digests: [about.digest],
    name: `${DEMO_HOST}/${demoRepository(about.name)}`,
    predicateType,
    predicate,
  });
}

export function modelScan(
  version: DemoVersionInfo,
  created: string,
  findings: Finding[],
  metrics: Array<Record<string, unknown>>,
  scanner = {
    name: 'modelscan',
    version: '0.8.1',
    uri: 'https://github.com/protectai/modelscan',
  },
) {
  const declared = findings.some(
    f => f.severity === 'concern' || f.severity === 'error',
  )
    ? {}
    : { result: 'pass' };
  return {
    scanner,
    modelKit: {
      reference: demoReference(version.name, version.version),
      digest: version.digest,
    },
    ...declared,
    metrics,
    findings,
    timing: {
      startedOn: hoursAfter(created, 1),
      finishedOn: hoursAfter(created, 1.25),
    },
    invocation: {
      uri: `${SOURCE_REPOSITORY}/actions/runs/${parseInt(
        commitOf(version.name, version.version).slice(0, 6),
        16,
      )}`,
    },
  };
}

export const MODEL_METRICS = [
  { name: 'accuracy', value: 0.912, threshold: { min: 0.85 } },
  {
    name: 'toxicity-rate',
    value: 0.003,
    unit: 'ratio',
    threshold: { max: 0.01 },
  },
  { name: 'latency-p95', value: 38, unit: 'ms' },
];

export const DATA_SCANNER = {
  name: 'presidio-analyzer',
  version: '2.2.355',
  uri: 'https://github.com/microsoft/presidio',
};
export const DATA_METRICS = [
  { name: 'pii-rows', value: 0, unit: 'rows', threshold: { max: 0 } },
  {
    name: 'duplicate-rate',
    value: 0.002,
    unit: 'ratio',
    threshold: { max: 0.01 },
  },
];

export function provenance(version: DemoVersionInfo, created: string) {
  const tag = `${version.name}-v${version.version}`;
  return {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: {
          ref: `refs/tags/${tag}`,
          repository: SOURCE_REPOSITORY,
          path: '.github/workflows/release.yml',
        },
      },
      resolvedDependencies: [
        {
          uri: `git+${SOURCE_REPOSITORY}@refs/tags/${tag}`,
          digest: { gitCommit: commitOf(version.name, version.version) },
        },
      ],
    },
    runDetails: {
      builder: { id: 'https://github.com/actions/runner/github-hosted' },
      metadata: {
        invocationId: `${SOURCE_REPOSITORY}/actions/runs/${parseInt(
          commitOf(version.name, version.version).slice(6, 12),
          16,
        )}/attempts/1`,
        startedOn: hoursAfter(created, -0.5),
        finishedOn: created,
      },
    },
  };
}

export function spdx(version: DemoVersionInfo, created: string) {
  return {
    spdxVersion: 'SPDX-2.3',
    SPDXID: 'SPDXRef-DOCUMENT',
    name: `${version.name}-v${version.version}`,
    creationInfo: {
      created: hoursAfter(created, 0.5),
      creators: ['Tool: syft-1.18.0', 'Organization: Kitstage demo'],
    },
    packages: [
      {
        name: 'transformers',
        versionInfo: '4.46.3',
        licenseConcluded: 'Apache-2.0',
      },
      { name: 'torch', versionInfo: '2.5.1', licenseConcluded: 'BSD-3-Clause' },
      {
        name: 'safetensors',
        versionInfo: '0.4.5',
        licenseConcluded: 'Apache-2.0',
      },
      {
        name: 'tokenizers',
        versionInfo: '0.20.3',
        licenseConcluded: 'Apache-2.0',
      },
      { name: 'peft', versionInfo: '0.13.2', licenseConcluded: 'Apache-2.0' },
    ],
  };
}
