import { generateKeyPairSync } from 'node:crypto';
import { generateTestSigningKey } from './testing';
import { TRUSTED_KEY_ALGORITHMS, TrustedKey } from './TrustedKey';

const DATA = Buffer.from('DSSEv1 28 application/vnd.in-toto+json 2 {}');

describe('TrustedKey', () => {
  const keys = Object.fromEntries(
    TRUSTED_KEY_ALGORITHMS.map(algorithm => [
      algorithm,
      generateTestSigningKey(algorithm),
    ]),
  );

  it.each(TRUSTED_KEY_ALGORITHMS)(
    'verifies %s signatures over exactly the signed bytes',
    algorithm => {
      const key = keys[algorithm];
      const trusted = TrustedKey.fromConfig({
        name: 'ci',
        publicKey: key.publicKeyPem,
        ...(algorithm === 'rsa-pss-sha256' ? { algorithm } : {}),
      });
      expect(trusted.algorithm).toBe(algorithm);
      const signature = key.sign(DATA);
      expect(trusted.verify(DATA, signature)).toBe(true);
      expect(
        trusted.verify(Buffer.concat([DATA, Buffer.from(' ')]), signature),
      ).toBe(false);
      const flipped = Buffer.from(signature);
      flipped[flipped.length - 1] ^= 0x01;
      expect(trusted.verify(DATA, flipped)).toBe(false);
      expect(trusted.verify(DATA, Buffer.alloc(0))).toBe(false);
    },
  );

  it('checks RSA signatures with the configured padding only', () => {
    const pss = keys['rsa-pss-sha256'];
    const pkcs1 = TrustedKey.fromConfig({
      name: 'rsa',
      publicKey: pss.publicKeyPem,
    });
    expect(pkcs1.algorithm).toBe('rsa-pkcs1v15-sha256');
    expect(pkcs1.verify(DATA, pss.sign(DATA))).toBe(false);
  });

  it('accepts only its own signatures among those of every scheme and length', () => {
    const trusted = TRUSTED_KEY_ALGORITHMS.map(algorithm =>
      TrustedKey.fromConfig({
        name: algorithm,
        publicKey: keys[algorithm].publicKeyPem,
        ...(algorithm === 'rsa-pss-sha256' ? { algorithm } : {}),
      }),
    );
    for (const signer of TRUSTED_KEY_ALGORITHMS) {
      const signature = keys[signer].sign(DATA);
      const variants = [
        signature,
        signature.subarray(0, signature.length - 1),
        Buffer.concat([signature, Buffer.from([0])]),
        Buffer.concat([Buffer.from([0]), signature]),
      ];
      for (const key of trusted) {
        expect([
          key.name,
          signer,
          variants.map(variant => key.verify(DATA, variant)),
        ]).toEqual([
          key.name,
          signer,
          [key.name === signer, false, false, false],
        ]);
      }
    }
  });

  it('does not accept a signature of one key with another', () => {
    const a = TrustedKey.fromConfig({
      name: 'a',
      publicKey: keys['ecdsa-p256-sha256'].publicKeyPem,
    });
    const other = generateTestSigningKey('ecdsa-p256-sha256');
    expect(a.verify(DATA, other.sign(DATA))).toBe(false);
  });

  it('is named by its declared key ID only, or else by its fingerprint only', () => {
    const declared = TrustedKey.fromConfig({
      name: 'release-ci',
      publicKey: keys.ed25519.publicKeyPem,
      keyId: 'SHA256:abc',
    });
    expect(declared.isNamedBy('SHA256:abc')).toBe(true);
    expect(declared.isNamedBy('release-ci')).toBe(false);
    expect(declared.isNamedBy(declared.fingerprint)).toBe(false);

    const key = TrustedKey.fromConfig({
      name: 'release-ci',
      publicKey: keys.ed25519.publicKeyPem,
    });
    expect(key.fingerprint).toMatch(/^[a-f0-9]{64}$/);
    expect(key.isNamedBy(key.fingerprint.toUpperCase())).toBe(true);
    expect(key.isNamedBy(`sha256:${key.fingerprint}`)).toBe(true);
    expect(key.isNamedBy('release-ci')).toBe(false);
    expect(key.isNamedBy('other')).toBe(false);
  });

  it.each([
    [{ publicKey: 'not a key' }, /^is not a PEM public key/],
    [
      {
        publicKey: generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString(),
      },
      'is an ECDSA key on curve secp384r1; only P-256 (prime256v1) is supported',
    ],
    [
      {
        publicKey: generateKeyPairSync('rsa', { modulusLength: 1024 })
          .publicKey.export({ type: 'spki', format: 'pem' })
          .toString(),
      },
      'is a 1024-bit RSA key; at least 2048 bits are required',
    ],
    [
      { algorithm: 'ed25519' as const },
      'is an ECDSA P-256 key, not a ed25519 key',
    ],
  ])('rejects %p', (override, message) => {
    expect(() =>
      TrustedKey.fromConfig({
        name: 'x',
        publicKey: keys['ecdsa-p256-sha256'].publicKeyPem,
        ...override,
      }),
    ).toThrow(message);
  });
});
