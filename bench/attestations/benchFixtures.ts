/*
 * What the attestation benchmark signs and verifies: the signers, the statements, the
 * verifier settings, and a DSSE layer of an envelope.
 */
import { createHash } from 'node:crypto';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import {
  CosignMediaTypes,
  DEFAULT_ATTESTATION_LIMITS,
  type AttestationLayer,
} from '@kitstage/plugin-modelkit-node';
import {
  buildInTotoStatement,
  generateTestSigningKey,
  TestSigstore,
  type TestSigningKey,
} from '@kitstage/plugin-modelkit-node/testUtils';

export const IDENTITY =
  'https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main';
export const ISSUER = 'https://token.actions.githubusercontent.com';

export function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function fakeDigest(seed: string): string {
  return `sha256:${createHash('sha256').update(seed).digest('hex')}`;
}

/** A scan evaluation statement, distinct per `n`. */
export function scanStatement(digest: string, n: number) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.scanEvaluationV1,
    predicate: {
      scanner: { name: 'modelscan', version: '0.8.1' },
      modelKit: { digest },
      result: 'pass',
      metrics: [
        { name: 'accuracy', value: 0.9 + n / 1e6, threshold: { min: 0.85 } },
      ],
      findings: [
        { id: `MS-${n}`, severity: 'info', title: 'Weights are safetensors' },
      ],
      timing: {
        startedOn: '2026-03-01T10:00:00Z',
        finishedOn: '2026-03-01T10:04:30Z',
      },
    },
  });
}

export function provenanceStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.slsaProvenanceV1,
    predicate: {
      buildDefinition: {
        buildType: 'https://actions.github.io/buildtypes/workflow/v1',
        externalParameters: {
          workflow: {
            repository: 'https://github.com/acme/support-sentiment',
            ref: 'refs/heads/main',
          },
        },
        resolvedDependencies: [
          {
            uri: 'git+https://github.com/acme/support-sentiment@refs/heads/main',
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

export function sbomStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.spdxDocument,
    predicate: {
      spdxVersion: 'SPDX-2.3',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: 'bench',
      packages: [{ name: 'torch', licenseConcluded: 'BSD-3-Clause' }],
    },
  });
}

/** A key per trusted-key scheme and an offline test Sigstore. */
export interface Signers {
  ecdsa: TestSigningKey;
  ed25519: TestSigningKey;
  rsa: TestSigningKey;
  rsaPss: TestSigningKey;
  sigstore: TestSigstore;
}

export function createSigners(): Signers {
  return {
    ecdsa: generateTestSigningKey('ecdsa-p256-sha256'),
    ed25519: generateTestSigningKey('ed25519'),
    rsa: generateTestSigningKey('rsa-pkcs1v15-sha256'),
    rsaPss: generateTestSigningKey('rsa-pss-sha256'),
    sigstore: new TestSigstore({ name: 'bench' }),
  };
}

/** `kitstage.attestations` trusting every signer. */
export function verifierConfig(signers: Signers) {
  return {
    keys: [
      { name: 'ecdsa', publicKey: signers.ecdsa.publicKeyPem },
      { name: 'ed25519', publicKey: signers.ed25519.publicKeyPem },
      { name: 'rsa', publicKey: signers.rsa.publicKeyPem },
      {
        name: 'rsa-pss',
        publicKey: signers.rsaPss.publicKeyPem,
        algorithm: 'rsa-pss-sha256' as const,
      },
    ],
    keyless: {
      trustedRoot: signers.sigstore.trustedRoot,
      identities: [
        { name: 'release-workflow', subject: IDENTITY, issuer: ISSUER },
      ],
      requireCertificateTransparency: true,
    },
    limits: { ...DEFAULT_ATTESTATION_LIMITS },
  };
}

export function dsseLayer(
  envelope: unknown,
  annotations?: Record<string, string>,
): AttestationLayer {
  return {
    content: Buffer.from(JSON.stringify(envelope)),
    mediaType: CosignMediaTypes.dsseEnvelope,
    ...(annotations ? { annotations } : {}),
  };
}
