/**
 * The demo attestations: for the demo ModelKits, signed scan evaluations (clean, and one with a
 * `concern` finding), SLSA provenance, an SPDX SBOM, and attestations that must not verify
 * (unsigned, tampered, signed by an untrusted key, about another version, unreadable), so the
 * portal shows every verification state and policy status out of the box.
 *
 * Each attestation is an OCI 1.1 referrer (artifact type `application/vnd.in-toto+json`, one
 * DSSE envelope layer, as `cosign attest` writes referrers) listed in `index.json` without a
 * reference name, where the image-layout source finds it through its `subject`. Everything is
 * signed with the demo keys of `keys.ts` (Ed25519, deterministic), so the bytes never change.
 */
import { createHash } from 'node:crypto';
import {
  buildAttestationReferrer,
  buildInTotoStatement,
  signDsseEnvelope,
  TestArtifact,
  TestDsseEnvelope,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  DEMO_HOST,
  demoReference,
  demoRepository,
  DemoVersionInfo,
} from './demoLayout';
import { DemoSigningKey, demoSigningKey, demoStrangerKey } from './keys';
import { Artifact, LayoutWriter, MediaTypes } from './layout';

const PREDICATES = {
  scanEvaluation: 'https://kitstage.dev/attestation/scan-evaluation/v1',
  slsaProvenance: 'https://slsa.dev/provenance/v1',
  spdx: 'https://spdx.dev/Document',
} as const;

const IN_TOTO_ARTIFACT = 'application/vnd.in-toto+json';
const DSSE_LAYER = 'application/vnd.dsse.envelope.v1+json';
const SOURCE_REPOSITORY = 'https://github.com/kitstage/kitstage-demo-models';

type Severity = 'info' | 'anomaly' | 'concern' | 'error';

/** What the portal should show for one demo attestation. */
export type DemoAttestationState =
  | 'verified'
  | 'untrusted-signer'
  | 'invalid-signature'
  | 'subject-mismatch'
  | 'unsigned'
  | 'malformed';

/** One demo attestation, as listed in the demo README and checked by the backend tests. */
export interface DemoAttestation {
  modelKit: string;
  version: string;
  what: string;
  state: DemoAttestationState;
}

interface Finding {
  id: string;
  severity: Severity;
  title: string;
  description?: string;
  category?: string;
  location?: { path: string };
}

function hoursAfter(iso: string, hours: number): string {
  return new Date(Date.parse(iso) + hours * 3600_000)
    .toISOString()
    .replace('.000Z', 'Z');
}

/** A fake but stable git commit for a version. */
function commitOf(name: string, version: string): string {
  return createHash('sha1').update(`${name}@${version}`).digest('hex');
}

function statement(
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

function modelScan(
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

const MODEL_METRICS = [
  { name: 'accuracy', value: 0.912, threshold: { min: 0.85 } },
  {
    name: 'toxicity-rate',
    value: 0.003,
    unit: 'ratio',
    threshold: { max: 0.01 },
  },
  { name: 'latency-p95', value: 38, unit: 'ms' },
];

const DATA_SCANNER = {
  name: 'presidio-analyzer',
  version: '2.2.355',
  uri: 'https://github.com/microsoft/presidio',
};
const DATA_METRICS = [
  { name: 'pii-rows', value: 0, unit: 'rows', threshold: { max: 0 } },
  {
    name: 'duplicate-rate',
    value: 0.002,
    unit: 'ratio',
    threshold: { max: 0.01 },
  },
];

function provenance(version: DemoVersionInfo, created: string) {
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

function spdx(version: DemoVersionInfo, created: string) {
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

function signed(
  key: DemoSigningKey,
  payload: Record<string, unknown>,
  keyid = key.name,
): TestDsseEnvelope {
  return signDsseEnvelope({ payload, signers: [{ key, keyid }] });
}

/** The layout's artifact for a referrer built by the test builders. */
function toArtifact(referrer: TestArtifact): Artifact {
  return {
    descriptor: {
      mediaType: referrer.mediaType,
      digest: referrer.digest,
      size: referrer.size,
      ...(referrer.descriptor.artifactType
        ? { artifactType: referrer.descriptor.artifactType }
        : {}),
    },
    raw: Buffer.from(referrer.raw),
    blobs: referrer.blobs,
  };
}

/**
 * Adds the demo attestations to the layout as referrers of the demo versions, and returns
 * what each one should show.
 */
export function addDemoAttestations(
  writer: LayoutWriter,
  versions: DemoVersionInfo[],
): DemoAttestation[] {
  const createdOf = (version: DemoVersionInfo) => version.created;
  const key = demoSigningKey();
  const stranger = demoStrangerKey();
  const find = (name: string, version: string) => {
    const found = versions.find(v => v.name === name && v.version === version);
    if (!found) {
      throw new Error(`The demo layout has no ${name} ${version}`);
    }
    return found;
  };
  const listed: DemoAttestation[] = [];
  const attach = (
    version: DemoVersionInfo,
    what: string,
    state: DemoAttestationState,
    envelope: TestDsseEnvelope | string,
    createdHours: number,
  ) => {
    const referrer = buildAttestationReferrer({
      subject: {
        mediaType: MediaTypes.manifest,
        digest: version.digest,
        size: version.size,
      },
      artifactType: IN_TOTO_ARTIFACT,
      layers: [
        {
          content:
            typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
          mediaType: DSSE_LAYER,
        },
      ],
      annotations: {
        'org.opencontainers.image.created': hoursAfter(
          createdOf(version),
          createdHours,
        ),
      },
    });
    writer.addUntagged(toArtifact(referrer));
    listed.push({
      modelKit: version.name,
      version: version.version,
      what,
      state,
    });
  };

  // support-sentiment (production): 1.1.0 passes (it runs in production), 1.0.0 fails on a
  // concern, and 2.0.0 (in staging) lacks verified evidence, so the production gate refuses it.
  {
    const v110 = find('support-sentiment', '1.1.0');
    const created110 = createdOf(v110);
    attach(
      v110,
      'scan evaluation, clean',
      'verified',
      signed(
        key,
        statement(
          v110,
          PREDICATES.scanEvaluation,
          modelScan(
            v110,
            created110,
            [
              {
                id: 'MS-INFO-1',
                severity: 'info',
                title: 'Weights are stored as safetensors',
                location: { path: 'model/adapter.safetensors' },
              },
            ],
            MODEL_METRICS,
          ),
        ),
      ),
      1.5,
    );
    attach(
      v110,
      'SLSA provenance',
      'verified',
      signed(
        key,
        statement(
          v110,
          PREDICATES.slsaProvenance,
          provenance(v110, created110),
        ),
      ),
      0.1,
    );
    attach(
      v110,
      'SPDX SBOM',
      'verified',
      signed(key, statement(v110, PREDICATES.spdx, spdx(v110, created110))),
      0.6,
    );

    const v100 = find('support-sentiment', '1.0.0');
    const created100 = createdOf(v100);
    attach(
      v100,
      'scan evaluation with a concern finding',
      'verified',
      signed(
        key,
        statement(
          v100,
          PREDICATES.scanEvaluation,
          modelScan(
            v100,
            created100,
            [
              {
                id: 'MS-CONCERN-12',
                severity: 'concern',
                title: 'Prompt-injection probe succeeded in 4 of 200 attempts',
                description:
                  'Inputs that embed instructions changed the predicted label; review the adapter training data.',
                category: 'robustness',
              },
              {
                id: 'MS-ANOM-7',
                severity: 'anomaly',
                title: 'Adapter rank differs from the base model card',
                location: { path: 'model/adapter.safetensors' },
              },
            ],
            MODEL_METRICS,
          ),
        ),
      ),
      1.5,
    );
    attach(
      v100,
      'SLSA provenance',
      'verified',
      signed(
        key,
        statement(
          v100,
          PREDICATES.slsaProvenance,
          provenance(v100, created100),
        ),
      ),
      0.1,
    );

    // 2.0.0: a scan whose findings were edited out after signing, and an unsigned one.
    const v200 = find('support-sentiment', '2.0.0');
    const created200 = createdOf(v200);
    const genuine = signed(
      key,
      statement(
        v200,
        PREDICATES.scanEvaluation,
        modelScan(
          v200,
          created200,
          [
            {
              id: 'MS-ERR-3',
              severity: 'error',
              title: 'Unsafe pickle opcode in code/inference.py fixtures',
            },
          ],
          MODEL_METRICS,
        ),
      ),
    );
    const edited = statement(
      v200,
      PREDICATES.scanEvaluation,
      modelScan(v200, created200, [], MODEL_METRICS),
    );
    attach(
      v200,
      'scan evaluation edited after signing',
      'invalid-signature',
      {
        ...genuine,
        payload: Buffer.from(JSON.stringify(edited)).toString('base64'),
      },
      1.5,
    );
    attach(
      v200,
      'scan evaluation without a signature',
      'unsigned',
      signDsseEnvelope({
        payload: statement(
          v200,
          PREDICATES.scanEvaluation,
          modelScan(v200, created200, [], MODEL_METRICS),
        ),
        signers: [],
      }),
      2,
    );
  }

  // sentiment-base (production): passes; 1.1.0 signed by a key nobody trusts.
  {
    const v2 = find('sentiment-base', '2.0.0');
    const created = createdOf(v2);
    attach(
      v2,
      'scan evaluation with an anomaly',
      'verified',
      signed(
        key,
        statement(
          v2,
          PREDICATES.scanEvaluation,
          modelScan(
            v2,
            created,
            [
              {
                id: 'MS-ANOM-2',
                severity: 'anomaly',
                title:
                  'Tokenizer vocabulary smaller than usual for English text',
                location: { path: 'model/tokenizer.json' },
              },
            ],
            MODEL_METRICS,
          ),
        ),
      ),
      1.5,
    );
    attach(
      v2,
      'SLSA provenance',
      'verified',
      signed(
        key,
        statement(v2, PREDICATES.slsaProvenance, provenance(v2, created)),
      ),
      0.1,
    );
    const v11 = find('sentiment-base', '1.1.0');
    attach(
      v11,
      'scan evaluation signed by an unknown key',
      'untrusted-signer',
      signed(
        stranger,
        statement(
          v11,
          PREDICATES.scanEvaluation,
          modelScan(v11, createdOf(v11), [], MODEL_METRICS),
        ),
        '',
      ),
      1.5,
    );
  }

  // Datasets (production): clean data audits on the newest versions.
  for (const [name, version, findings] of [
    [
      'support-tickets',
      '1.2.0',
      [
        {
          id: 'PII-INFO-1',
          severity: 'info',
          title: 'Customer names were pseudonymised before export',
        },
      ],
    ],
    [
      'product-reviews',
      '2.0.0',
      [
        {
          id: 'DATA-ANOM-4',
          severity: 'anomaly',
          title: 'Five-star reviews are 61% of the training split',
          location: { path: 'data/train.csv' },
        },
      ],
    ],
  ] as Array<[string, string, Finding[]]>) {
    const v = find(name, version);
    attach(
      v,
      findings[0].severity === 'info'
        ? 'data audit, clean'
        : 'data audit with an anomaly',
      'verified',
      signed(
        key,
        statement(
          v,
          PREDICATES.scanEvaluation,
          modelScan(v, createdOf(v), findings, DATA_METRICS, DATA_SCANNER),
        ),
      ),
      1,
    );
  }

  // review-sentiment (experimental): a concern, but experimental requires nothing.
  {
    const v = find('review-sentiment', '0.3.0');
    attach(
      v,
      'scan evaluation with a concern finding',
      'verified',
      signed(
        key,
        statement(
          v,
          PREDICATES.scanEvaluation,
          modelScan(
            v,
            createdOf(v),
            [
              {
                id: 'MS-CONCERN-12',
                severity: 'concern',
                title: 'Prompt-injection probe succeeded in 9 of 200 attempts',
                category: 'robustness',
              },
            ],
            MODEL_METRICS,
          ),
        ),
      ),
      1.5,
    );
  }

  // fraud-detector (experimental): provenance and an unsigned SBOM; a scan of another version
  // and an envelope that cannot be read.
  {
    const v12 = find('fraud-detector', '1.2.0');
    const created = createdOf(v12);
    attach(
      v12,
      'SLSA provenance',
      'verified',
      signed(
        key,
        statement(v12, PREDICATES.slsaProvenance, provenance(v12, created)),
      ),
      0.1,
    );
    attach(
      v12,
      'SPDX SBOM without a signature',
      'unsigned',
      signDsseEnvelope({
        payload: statement(v12, PREDICATES.spdx, spdx(v12, created)),
        signers: [],
      }),
      0.6,
    );
    const v11 = find('fraud-detector', '1.1.0');
    const v10 = find('fraud-detector', '1.0.0');
    attach(
      v11,
      'scan evaluation of version 1.0.0, attached to 1.1.0',
      'subject-mismatch',
      signed(
        key,
        statement(
          v10,
          PREDICATES.scanEvaluation,
          modelScan(v10, createdOf(v10), [], MODEL_METRICS),
        ),
      ),
      1.5,
    );
    attach(
      v11,
      'truncated envelope',
      'malformed',
      JSON.stringify(
        signed(key, statement(v11, PREDICATES.spdx, spdx(v11, createdOf(v11)))),
      ).slice(0, 120),
      0.6,
    );
  }
  return listed;
}
