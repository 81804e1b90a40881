import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_ATTESTATION_LIMITS,
  readAttestationPolicies,
  readAttestationVerifierConfig,
} from './config';
import { generateTestSigningKey, TestSigstore } from './testing';

const key = generateTestSigningKey('ecdsa-p256-sha256');
const sigstore = new TestSigstore();
const identity = {
  name: 'release-workflow',
  subject:
    'https://github.com/acme/models/.github/workflows/release.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};

function read(attestations: unknown) {
  return readAttestationVerifierConfig(
    new ConfigReader({ kitstage: { attestations } } as any),
  );
}

describe('readAttestationVerifierConfig', () => {
  it('applies defaults when nothing is configured', () => {
    expect(readAttestationVerifierConfig(new ConfigReader({}))).toEqual({
      keys: [],
      limits: DEFAULT_ATTESTATION_LIMITS,
    });
    expect(DEFAULT_ATTESTATION_LIMITS).toEqual({
      maxAttestations: 100,
      maxBytes: 134217728,
    });
  });

  it('reads keys, keyless trust (trusted root as JSON text, as $file gives it) and limits', () => {
    const config = read({
      keys: [
        { name: 'release-ci', publicKey: key.publicKeyPem, keyId: 'ci-1' },
      ],
      keyless: {
        trustedRoot: JSON.stringify(sigstore.trustedRoot),
        trustedRootFile: 'trusted_root.json',
        identities: [identity],
      },
      limits: { maxAttestations: 10, maxBytes: 1048576 },
    });
    expect(config.keys).toEqual([
      { name: 'release-ci', publicKey: key.publicKeyPem, keyId: 'ci-1' },
    ]);
    expect(config.keyless).toMatchObject({
      trustedRootFile: 'trusted_root.json',
      identities: [identity],
      requireCertificateTransparency: true,
    });
    expect(config.keyless?.trustedRoot).toEqual(sigstore.trustedRoot);
    expect(config.limits).toEqual({ maxAttestations: 10, maxBytes: 1048576 });
  });

  it.each([
    [
      { keys: [{ name: 'bad name', publicKey: key.publicKeyPem }] },
      `kitstage.attestations.keys[0].name: "bad name" is not a valid signer name`,
    ],
    [
      { keys: [{ name: 'ci', publicKey: 'nope' }] },
      'kitstage.attestations.keys[0].publicKey: is not a PEM public key',
    ],
    [
      {
        keys: [{ name: 'ci', publicKey: key.publicKeyPem, algorithm: 'dsa' }],
      },
      'kitstage.attestations.keys[0].algorithm: "dsa" is not supported; use one of ecdsa-p256-sha256, ed25519, rsa-pkcs1v15-sha256, rsa-pss-sha256',
    ],
    [
      {
        keys: [{ name: 'ci', publicKey: key.publicKeyPem }],
        keyless: {
          trustedRoot: JSON.stringify(sigstore.trustedRoot),
          identities: [{ ...identity, name: 'ci' }],
        },
      },
      'kitstage.attestations.keyless.identities[0].name: "ci" is already the name of kitstage.attestations.keys[0]',
    ],
    [
      { keyless: { identities: [identity] } },
      'kitstage.attestations.keyless.trustedRoot: is required for keyless verification',
    ],
    [
      { keyless: { trustedRoot: '{', identities: [identity] } },
      'kitstage.attestations.keyless.trustedRoot: is not JSON',
    ],
    [
      {
        keyless: {
          trustedRoot: JSON.stringify({ ...sigstore.trustedRoot, tlogs: [] }),
          identities: [identity],
        },
      },
      'kitstage.attestations.keyless.trustedRoot: the trusted root lists no transparency log',
    ],
    [
      {
        keyless: {
          trustedRoot: JSON.stringify(sigstore.trustedRoot),
          identities: [{ name: 'x', issuer: identity.issuer }],
        },
      },
      'kitstage.attestations.keyless.identities[0]: set exactly one of subject and subjectPattern',
    ],
    [
      {
        keyless: {
          trustedRoot: JSON.stringify(sigstore.trustedRoot),
          identities: [
            { name: 'x', subjectPattern: '(', issuer: identity.issuer },
          ],
        },
      },
      'kitstage.attestations.keyless.identities[0].subjectPattern: is not a valid regular expression',
    ],
    [
      { limits: { maxAttestations: 0 } },
      'kitstage.attestations.limits.maxAttestations: must be a positive integer',
    ],
  ])('names the wrong key: %p', (attestations, message) => {
    expect(() => read(attestations)).toThrow(message);
  });
});

describe('readAttestationPolicies', () => {
  it('reads kitstage.policies and reports wrong fields with their path', () => {
    expect(
      readAttestationPolicies(
        new ConfigReader({
          kitstage: {
            policies: {
              lifecycles: {
                production: {
                  rules: [
                    {
                      id: 'scan-clean',
                      require: 'scan-evaluation',
                      forbiddenSeverities: ['concern', 'error'],
                    },
                  ],
                },
              },
            },
          },
        }),
      ),
    ).toEqual({
      lifecycles: {
        production: {
          rules: [
            {
              id: 'scan-clean',
              require: 'scan-evaluation',
              forbiddenSeverities: ['concern', 'error'],
            },
          ],
        },
      },
    });
    expect(readAttestationPolicies(new ConfigReader({}))).toEqual({
      lifecycles: {},
    });
    expect(() =>
      readAttestationPolicies(
        new ConfigReader({
          kitstage: {
            policies: {
              lifecycles: {
                production: {
                  rules: [{ id: 'x', require: 'scan-evaluation', signers: [] }],
                },
              },
            },
          },
        }),
      ),
    ).toThrow('kitstage.policies.lifecycles.production.rules[0].signers:');
  });
});
