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
import { signDsseEnvelope } from '@kitstage/plugin-modelkit-node/testUtils';
import {
  DATA_METRICS,
  DATA_SCANNER,
  Finding,
  MODEL_METRICS,
  modelScan,
  PREDICATES,
  provenance,
  spdx,
  statement,
} from './attestationPredicates';
import type { DemoVersionInfo } from './demoLayout';
import { DemoAttestation, DemoReferrers, signed } from './demoReferrers';
import { demoSigningKey, demoStrangerKey } from './keys';
import { LayoutWriter } from './layout';

export type { DemoAttestation, DemoAttestationState } from './demoReferrers';

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
  const referrers = new DemoReferrers(writer);
  const { attach } = referrers;
  /** A verified SLSA provenance of the version, made as it was created. */
  const attachProvenance = (version: DemoVersionInfo) =>
    attach(
      version,
      'SLSA provenance',
      'verified',
      signed(
        key,
        statement(
          version,
          PREDICATES.slsaProvenance,
          provenance(version, createdOf(version)),
        ),
      ),
      0.1,
    );
  /** A verified scan evaluation of the version with these findings. */
  const attachScan = (
    version: DemoVersionInfo,
    what: string,
    findings: Finding[],
    createdHours = 1.5,
    metrics = MODEL_METRICS,
    scanner?: typeof DATA_SCANNER,
  ) =>
    attach(
      version,
      what,
      'verified',
      signed(
        key,
        statement(
          version,
          PREDICATES.scanEvaluation,
          modelScan(version, createdOf(version), findings, metrics, scanner),
        ),
      ),
      createdHours,
    );

  // support-sentiment (production): 1.1.0 passes (it runs in production), 1.0.0 fails on a
  // concern, and 2.0.0 (in staging) lacks verified evidence, so the production gate refuses it.
  {
    const v110 = find('support-sentiment', '1.1.0');
    const created110 = createdOf(v110);
    attachScan(v110, 'scan evaluation, clean', [
      {
        id: 'MS-INFO-1',
        severity: 'info',
        title: 'Weights are stored as safetensors',
        location: { path: 'model/adapter.safetensors' },
      },
    ]);
    attachProvenance(v110);
    attach(
      v110,
      'SPDX SBOM',
      'verified',
      signed(key, statement(v110, PREDICATES.spdx, spdx(v110, created110))),
      0.6,
    );

    const v100 = find('support-sentiment', '1.0.0');
    attachScan(v100, 'scan evaluation with a concern finding', [
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
    ]);
    attachProvenance(v100);

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
    attachScan(v2, 'scan evaluation with an anomaly', [
      {
        id: 'MS-ANOM-2',
        severity: 'anomaly',
        title: 'Tokenizer vocabulary smaller than usual for English text',
        location: { path: 'model/tokenizer.json' },
      },
    ]);
    attachProvenance(v2);
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
    attachScan(
      v,
      findings[0].severity === 'info'
        ? 'data audit, clean'
        : 'data audit with an anomaly',
      findings,
      1,
      DATA_METRICS,
      DATA_SCANNER,
    );
  }

  // review-sentiment (experimental): a concern, but experimental requires nothing.
  {
    const v = find('review-sentiment', '0.3.0');
    attachScan(v, 'scan evaluation with a concern finding', [
      {
        id: 'MS-CONCERN-12',
        severity: 'concern',
        title: 'Prompt-injection probe succeeded in 9 of 200 attempts',
        category: 'robustness',
      },
    ]);
  }

  // fraud-detector (experimental): provenance and an unsigned SBOM; a scan of another version
  // and an envelope that cannot be read.
  {
    const v12 = find('fraud-detector', '1.2.0');
    const created = createdOf(v12);
    attachProvenance(v12);
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
  return referrers.listed;
}
