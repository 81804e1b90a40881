import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { AttestationVerifier } from '../AttestationVerifier';
import { AttestationVerifierConfig } from '../config';
import { CosignMediaTypes } from '../cosignFormats';
import {
  buildInTotoStatement,
  generateTestSigningKey,
  TestDsseEnvelope,
  TestSigningKey,
  TestSigstore,
} from '../testing';

/** The identity and issuer of the trusted release workflow. */
export const RELEASE_IDENTITY =
  'https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main';
export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** A scan evaluation predicate about `digest`. */
export function scanPredicate(
  digest: string,
  findings: Array<{ severity: string; title: string }> = [],
) {
  return {
    scanner: { name: 'modelscan', version: '0.8.1' },
    modelKit: {
      reference: 'registry.example.com/team/support-sentiment:v3',
      digest,
    },
    metrics: [{ name: 'accuracy', value: 0.93, threshold: { min: 0.9 } }],
    findings,
    timing: {
      startedOn: '2026-03-01T10:00:00Z',
      finishedOn: '2026-03-01T10:04:30Z',
    },
  };
}

/** A scan evaluation statement about `digest`. */
export function scanStatement(digest: string) {
  return buildInTotoStatement({
    digests: [digest],
    predicateType: AttestationTypes.scanEvaluationV1,
    predicate: scanPredicate(digest),
  });
}

/** Keys of every scheme, a test Sigstore, and a verifier trusting them. */
export interface TrustFixture {
  keys: {
    ecdsa: TestSigningKey;
    ed25519: TestSigningKey;
    rsa: TestSigningKey;
    rsaPss: TestSigningKey;
  };
  sigstore: TestSigstore;
  config: AttestationVerifierConfig;
  verifier: AttestationVerifier;
}

export function createTrustFixture(
  overrides: Partial<AttestationVerifierConfig> = {},
): TrustFixture {
  const keys = {
    ecdsa: generateTestSigningKey('ecdsa-p256-sha256'),
    ed25519: generateTestSigningKey('ed25519'),
    rsa: generateTestSigningKey('rsa-pkcs1v15-sha256'),
    rsaPss: generateTestSigningKey('rsa-pss-sha256'),
  };
  const sigstore = new TestSigstore();
  const config: AttestationVerifierConfig = {
    keys: [
      { name: 'release-ci', publicKey: keys.ecdsa.publicKeyPem, keyId: 'ci-1' },
      { name: 'scanner', publicKey: keys.ed25519.publicKeyPem },
      { name: 'legacy-rsa', publicKey: keys.rsa.publicKeyPem },
      {
        name: 'pss-rsa',
        publicKey: keys.rsaPss.publicKeyPem,
        algorithm: 'rsa-pss-sha256',
      },
    ],
    keyless: {
      trustedRoot: sigstore.trustedRoot,
      trustedRootFile: 'trusted_root.json',
      identities: [
        {
          name: 'release-workflow',
          subject: RELEASE_IDENTITY,
          issuer: GITHUB_ISSUER,
        },
        {
          name: 'acme-workflows',
          subjectPattern:
            'https://github\\.com/acme/[a-z-]+/\\.github/workflows/scan\\.yml@refs/heads/main',
          issuer: GITHUB_ISSUER,
        },
      ],
      requireCertificateTransparency: true,
    },
    limits: { maxAttestations: 100, maxBytes: 128 * 1024 * 1024 },
    ...overrides,
  };
  return {
    keys,
    sigstore,
    config,
    verifier: AttestationVerifier.create({ config }),
  };
}

/** A DSSE layer (as in a cosign `.att` image) from an envelope. */
export function dsseLayer(
  envelope: TestDsseEnvelope | string,
  annotations?: Record<string, string>,
) {
  return {
    content: Buffer.from(
      typeof envelope === 'string' ? envelope : JSON.stringify(envelope),
    ),
    mediaType: CosignMediaTypes.dsseEnvelope,
    ...(annotations ? { annotations } : {}),
  };
}
