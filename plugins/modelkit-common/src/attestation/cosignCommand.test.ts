import { buildCosignVerifyCommand, quoteShellArgument } from './cosignCommand';

const IMAGE = `registry.example.com/kitstage-demo/support-sentiment@sha256:${'4f3c'.repeat(
  16,
)}`;

describe('buildCosignVerifyCommand', () => {
  it('builds a key-based verify-attestation command for a cosign .att attestation', () => {
    expect(
      buildCosignVerifyCommand({
        image: IMAGE,
        kind: 'attestation',
        predicateType: 'https://kitstage.dev/attestation/scan-evaluation/v1',
        signer: { type: 'public-key', keyName: 'release-ci' },
        transparencyLog: false,
        bundleFormat: false,
      }),
    ).toEqual({
      argv: [
        'cosign',
        'verify-attestation',
        '--key',
        'release-ci.pub',
        '--type',
        'https://kitstage.dev/attestation/scan-evaluation/v1',
        '--insecure-ignore-tlog=true',
        '--new-bundle-format=false',
        IMAGE,
      ],
      text: `cosign verify-attestation --key release-ci.pub --type https://kitstage.dev/attestation/scan-evaluation/v1 --insecure-ignore-tlog=true --new-bundle-format=false ${IMAGE}`,
      notes: [
        'Save the trusted public key "release-ci" (from the portal configuration) as release-ci.pub.',
      ],
    });
  });

  it('builds a keyless command with identity, issuer and trusted root, quoting what needs it', () => {
    const command = buildCosignVerifyCommand({
      image: IMAGE,
      kind: 'attestation',
      predicateType: 'https://slsa.dev/provenance/v1',
      signer: {
        type: 'certificate',
        subjectPattern: "^(?:https://github\\.com/acme/.+ it's)$",
        issuer: 'https://token.actions.githubusercontent.com',
      },
      transparencyLog: true,
      bundleFormat: true,
      trustedRootFile: 'trusted_root.json',
    });
    expect(command?.argv).toEqual([
      'cosign',
      'verify-attestation',
      '--certificate-identity-regexp',
      "^(?:https://github\\.com/acme/.+ it's)$",
      '--certificate-oidc-issuer',
      'https://token.actions.githubusercontent.com',
      '--trusted-root',
      'trusted_root.json',
      '--type',
      'https://slsa.dev/provenance/v1',
      IMAGE,
    ]);
    expect(command?.text).toBe(
      `cosign verify-attestation --certificate-identity-regexp '^(?:https://github\\.com/acme/.+ it'\\''s)$' --certificate-oidc-issuer https://token.actions.githubusercontent.com --trusted-root trusted_root.json --type https://slsa.dev/provenance/v1 ${IMAGE}`,
    );
    expect(command?.notes).toEqual([]);
  });

  it('uses cosign verify for signatures', () => {
    expect(
      buildCosignVerifyCommand({
        image: IMAGE,
        kind: 'signature',
        predicateType: 'ignored',
        signer: {
          type: 'certificate',
          subject: 'release@acme.example',
          issuer: 'https://accounts.google.com',
        },
        transparencyLog: true,
        bundleFormat: false,
      })?.argv.slice(0, 6),
    ).toEqual([
      'cosign',
      'verify',
      '--certificate-identity',
      'release@acme.example',
      '--certificate-oidc-issuer',
      'https://accounts.google.com',
    ]);
  });

  it.each([
    [{ image: 'registry.example.com/team/model:v1' }],
    [{ image: `${IMAGE}; rm -rf /` }],
    [{ predicateType: 'https://example.com/x\nrm -rf /' }],
    [{ signer: { type: 'public-key' as const, keyName: '../../etc/passwd' } }],
  ])('refuses values that cannot be put on a command line: %p', override => {
    expect(
      buildCosignVerifyCommand({
        image: IMAGE,
        kind: 'attestation',
        predicateType: 'https://example.com/x',
        signer: { type: 'public-key', keyName: 'ci' },
        transparencyLog: false,
        bundleFormat: false,
        ...override,
      }),
    ).toBeUndefined();
  });
});

describe('quoteShellArgument', () => {
  it.each([
    ['plain-value_1.2', 'plain-value_1.2'],
    ['', "''"],
    ['a b', "'a b'"],
    ["it's", "'it'\\''s'"],
    ['$(id)', "'$(id)'"],
    ['`id`', "'`id`'"],
  ])('%p becomes %p', (value, quoted) => {
    expect(quoteShellArgument(value)).toBe(quoted);
  });
});
