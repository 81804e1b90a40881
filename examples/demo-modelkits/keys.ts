/**
 * The demo signing keys: Ed25519 keys derived from fixed, published seeds, so the demo
 * attestations are the same bytes on every build (Ed25519 signatures are deterministic).
 *
 * These keys are public knowledge: anyone can sign with them. The portal trusts
 * `kitstage-demo` only through the demo configuration in app-config.yaml; never trust it
 * anywhere else.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  KeyObject,
  sign,
} from 'node:crypto';

/** The PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows it. */
const ED25519_PKCS8_PREFIX = Buffer.from(
  '302e020100300506032b657004220420',
  'hex',
);

export interface DemoSigningKey {
  /** The name the demo configuration trusts it under (and its DSSE key ID). */
  name: string;
  privateKey: KeyObject;
  /** SubjectPublicKeyInfo PEM, as `kitstage.attestations.keys[].publicKey` takes it. */
  publicKeyPem: string;
  sign(data: Buffer): Buffer;
}

function keyFromSeed(name: string, seedText: string): DemoSigningKey {
  const seed = createHash('sha256').update(seedText).digest();
  const privateKey = createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    name,
    privateKey,
    publicKeyPem: createPublicKey(privateKey)
      .export({ type: 'spki', format: 'pem' })
      .toString(),
    sign: data => sign(null, data, privateKey),
  };
}

/** The key the demo configuration trusts: `keys/kitstage-demo.pub`. */
export function demoSigningKey(): DemoSigningKey {
  return keyFromSeed(
    'kitstage-demo',
    'kitstage demo signing key: public, for the demo portal only',
  );
}

/** A key nobody trusts, for the demo's untrusted-signer attestation. */
export function demoStrangerKey(): DemoSigningKey {
  return keyFromSeed(
    'stranger',
    'kitstage demo stranger key: trusted by no configuration',
  );
}
