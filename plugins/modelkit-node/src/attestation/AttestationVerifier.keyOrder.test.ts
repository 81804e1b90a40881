import { createHash } from 'node:crypto';
import { AttestationVerifier } from './AttestationVerifier';
import { DEFAULT_ATTESTATION_LIMITS } from './config';
import { CosignMediaTypes } from './cosignFormats';
import {
  buildInTotoStatement,
  generateTestSigningKey,
  signDsseEnvelope,
  TestSigningKey,
} from './testing';

const DIGEST = `sha256:${createHash('sha256')
  .update('key order')
  .digest('hex')}`;

function layer(key: TestSigningKey, n: number) {
  const envelope = signDsseEnvelope({
    payload: buildInTotoStatement({
      digests: [DIGEST],
      predicateType: 'https://example.com/predicate/v1',
      predicate: { n },
    }),
    signers: [{ key }],
  });
  return {
    content: Buffer.from(JSON.stringify(envelope)),
    mediaType: CosignMediaTypes.dsseEnvelope,
  };
}

describe('AttestationVerifier trying trusted keys for signatures naming none', () => {
  const rsa = generateTestSigningKey('rsa-pkcs1v15-sha256');
  const pss = generateTestSigningKey('rsa-pss-sha256');
  const ecdsa = generateTestSigningKey('ecdsa-p256-sha256');
  // The ECDSA key is trusted twice, under two names: both verify its signatures.
  const verifier = AttestationVerifier.create({
    config: {
      keys: [
        { name: 'rsa', publicKey: rsa.publicKeyPem },
        {
          name: 'pss',
          publicKey: pss.publicKeyPem,
          algorithm: 'rsa-pss-sha256',
        },
        { name: 'first-ecdsa', publicKey: ecdsa.publicKeyPem },
        { name: 'second-ecdsa', publicKey: ecdsa.publicKeyPem },
      ],
      limits: { ...DEFAULT_ATTESTATION_LIMITS },
    },
  });

  it('names the first configured key that verifies, whichever key verified last', async () => {
    const signers = [pss, ecdsa, ecdsa, rsa, pss, pss, ecdsa, rsa, rsa, ecdsa];
    const names = [];
    for (const [n, key] of signers.entries()) {
      const result = await verifier.verifyLayer(layer(key, n), DIGEST);
      expect(result.state).toBe('verified');
      names.push(
        result.signer?.type === 'public-key' && result.signer.trustedName,
      );
    }
    expect(names).toEqual([
      'pss',
      'first-ecdsa',
      'first-ecdsa',
      'rsa',
      'pss',
      'pss',
      'first-ecdsa',
      'rsa',
      'rsa',
      'first-ecdsa',
    ]);
  });

  it('still refuses a signature no trusted key made after one that verified', async () => {
    await verifier.verifyLayer(layer(pss, 100), DIGEST);
    const stranger = generateTestSigningKey('rsa-pss-sha256');
    const result = await verifier.verifyLayer(layer(stranger, 101), DIGEST);
    expect(result.state).toBe('untrusted-signer');
  });
});
