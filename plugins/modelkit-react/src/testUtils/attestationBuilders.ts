import {
  AttestationResult,
  AttestationTypes,
  buildCosignVerifyCommand,
  summarizeStatement,
} from '@kitstage/plugin-modelkit-common';
import { digests, repository } from './modelKitVersions';

/**
 * Attestations of the `support-sentiment` ModelKit as the modelkit backend
 * reports them: one of every verification state and predicate family, with
 * summaries made by the same code the backend uses.
 */

export const subject = digests.v120;
export const image = `${repository}@${subject}`;

export function manifestDigest(hex: string): string {
  return `sha256:${hex.repeat(64 / hex.length)}`;
}

export function summary(
  predicateType: string,
  predicate: Record<string, unknown>,
) {
  return summarizeStatement(
    { predicateType, predicate },
    { subjectDigest: subject },
  );
}

export function attestation(
  hex: string,
  result: Omit<AttestationResult, 'id' | 'location' | 'signatures'> &
    Partial<Pick<AttestationResult, 'signatures'>>,
): AttestationResult {
  const holder = manifestDigest(hex);
  return {
    id: `${holder}#0`,
    location: {
      manifestDigest: holder,
      tag: `sha256-${subject.slice(7)}.att`,
      layerIndex: 0,
      layerDigest: manifestDigest(`${hex}0`),
      mediaType: 'application/vnd.dsse.envelope.v1+json',
      size: 4_096,
    },
    signatures: [],
    ...result,
  };
}

export const scannerKey = {
  type: 'public-key' as const,
  trustedName: 'scanner',
  keyId: 'scanner-2026',
  algorithm: 'ecdsa-p256-sha256',
  fingerprint: 'b5'.repeat(32),
};

export const releaseWorkflow = {
  type: 'certificate' as const,
  trustedName: 'release-workflow',
  certificateSubject:
    'https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main',
  certificateIssuer: 'https://token.actions.githubusercontent.com',
  transparencyLog: {
    logIndex: '118804211',
    logId: 'c0d2'.repeat(16),
    integratedTime: '2025-05-20T09:41:12Z',
    kind: 'dsse',
    version: '0.0.1',
  },
};

/**
 * The command the backend writes for scan evaluations signed by `scanner`.
 *
 * @public
 */
export const scanCommand = buildCosignVerifyCommand({
  image,
  kind: 'attestation',
  predicateType: AttestationTypes.scanEvaluationV1,
  signer: { type: 'public-key', keyName: 'scanner' },
  transparencyLog: false,
  bundleFormat: false,
})!;

export const vulnsCommand = buildCosignVerifyCommand({
  image,
  kind: 'attestation',
  predicateType: AttestationTypes.vulnsV02,
  signer: {
    type: 'certificate',
    subject: releaseWorkflow.certificateSubject,
    issuer: releaseWorkflow.certificateIssuer,
  },
  transparencyLog: true,
  bundleFormat: true,
})!;
