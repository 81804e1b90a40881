import {
  constants,
  generateKeyPairSync,
  KeyObject,
  sign as cryptoSign,
} from 'node:crypto';
import type { TrustedKeyAlgorithm } from '../TrustedKey';

/**
 * A signing key generated for a test, with the PEM public key to trust.
 *
 * @public
 */
export interface TestSigningKey {
  /** The signature scheme, as `kitstage.attestations.trustedKeys[].algorithm` names it. */
  algorithm: TrustedKeyAlgorithm;
  /** The private key, for signing envelopes in tests. */
  privateKey: KeyObject;
  /** The public key, to configure as trusted. */
  publicKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as `kitstage.attestations.keys[].publicKey` takes it. */
  publicKeyPem: string;
  /** Signs exactly these bytes with the key's scheme (ECDSA signatures are DER). */
  sign(data: Buffer): Buffer;
}

/**
 * Generates a key pair for one of the trusted-key schemes.
 *
 * @public
 */
export function generateTestSigningKey(
  algorithm: TrustedKeyAlgorithm,
): TestSigningKey {
  let pair;
  if (algorithm === 'ecdsa-p256-sha256') {
    pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  } else if (algorithm === 'ed25519') {
    pair = generateKeyPairSync('ed25519');
  } else {
    pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  }
  const { privateKey, publicKey } = pair;
  const sign = (data: Buffer): Buffer => {
    switch (algorithm) {
      case 'ecdsa-p256-sha256':
        return cryptoSign('sha256', data, {
          key: privateKey,
          dsaEncoding: 'der',
        });
      case 'ed25519':
        return cryptoSign(null, data, privateKey);
      case 'rsa-pkcs1v15-sha256':
        return cryptoSign('sha256', data, {
          key: privateKey,
          padding: constants.RSA_PKCS1_PADDING,
        });
      default:
        return cryptoSign('sha256', data, {
          key: privateKey,
          padding: constants.RSA_PKCS1_PSS_PADDING,
          saltLength: 32,
        });
    }
  };
  return {
    algorithm,
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    sign,
  };
}
