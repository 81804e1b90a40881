import {
  constants,
  createHash,
  createPublicKey,
  KeyObject,
  verify as cryptoVerify,
} from 'node:crypto';

/**
 * The signature schemes accepted for trusted keys. ECDSA signatures are ASN.1 DER encoded, as
 * cosign writes them.
 *
 * @public
 */
export const TRUSTED_KEY_ALGORITHMS = Object.freeze([
  'ecdsa-p256-sha256',
  'ed25519',
  'rsa-pkcs1v15-sha256',
  'rsa-pss-sha256',
] as const);

/**
 * One of {@link TRUSTED_KEY_ALGORITHMS}.
 *
 * @public
 */
export type TrustedKeyAlgorithm = (typeof TRUSTED_KEY_ALGORITHMS)[number];

/**
 * A trusted public key from `kitstage.attestations.keys`.
 *
 * @public
 */
export interface TrustedKeyConfig {
  /** Unique name, shown as the signer and used in policy `signers`. */
  name: string;
  /** The PEM public key (SubjectPublicKeyInfo), as `cosign generate-key-pair` writes it. */
  publicKey: string;
  /** The signature scheme; inferred from the key when absent (RSA: PKCS#1 v1.5). */
  algorithm?: TrustedKeyAlgorithm;
  /** The DSSE `keyid` this key signs with, when the signer sets one. */
  keyId?: string;
}

const MIN_RSA_BITS = 2048;
/** The longest DER ECDSA P-256 signature: SEQUENCE of two INTEGERs of at most 33 octets. */
const MAX_P256_DER_SIGNATURE = 72;
const ED25519_SIGNATURE = 64;

/**
 * A parsed trusted public key that checks signatures with exactly one scheme.
 *
 * @internal
 */
export class TrustedKey {
  readonly name: string;
  readonly algorithm: TrustedKeyAlgorithm;
  /** SHA-256 of the DER SubjectPublicKeyInfo, hex. */
  readonly fingerprint: string;
  readonly declaredKeyId?: string;
  readonly #key: KeyObject;
  /** The longest signature the key can verify: an RSA signature is as long as the modulus. */
  readonly #maxRsaSignature: number;
  /** What `crypto.verify` is given for RSA-PSS: the key with its padding (made once). */
  readonly #pss: {
    key: KeyObject;
    padding: number;
    saltLength: number;
  };

  private constructor(
    name: string,
    algorithm: TrustedKeyAlgorithm,
    key: KeyObject,
    declaredKeyId?: string,
  ) {
    this.name = name;
    this.algorithm = algorithm;
    this.#key = key;
    this.#maxRsaSignature = Math.ceil(
      (key.asymmetricKeyDetails?.modulusLength ?? 0) / 8,
    );
    this.#pss = {
      key,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_AUTO,
    };
    this.declaredKeyId = declaredKeyId;
    this.fingerprint = createHash('sha256')
      .update(key.export({ type: 'spki', format: 'der' }))
      .digest('hex');
  }

  /**
   * Parses the PEM key and checks it fits the algorithm.
   *
   * @throws Error saying what is wrong with the key.
   */
  static fromConfig(config: TrustedKeyConfig): TrustedKey {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: config.publicKey, format: 'pem' });
    } catch (error) {
      throw new Error(
        `is not a PEM public key (${(error as Error).message.slice(0, 200)})`,
      );
    }
    const type = key.asymmetricKeyType;
    let algorithm = config.algorithm;
    if (type === 'ec') {
      const curve = key.asymmetricKeyDetails?.namedCurve;
      if (curve !== 'prime256v1') {
        throw new Error(
          `is an ECDSA key on curve ${curve}; only P-256 (prime256v1) is supported`,
        );
      }
      algorithm ??= 'ecdsa-p256-sha256';
      if (algorithm !== 'ecdsa-p256-sha256') {
        throw new Error(`is an ECDSA P-256 key, not a ${algorithm} key`);
      }
    } else if (type === 'ed25519') {
      algorithm ??= 'ed25519';
      if (algorithm !== 'ed25519') {
        throw new Error(`is an Ed25519 key, not a ${algorithm} key`);
      }
    } else if (type === 'rsa' || type === 'rsa-pss') {
      const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
      if (bits < MIN_RSA_BITS) {
        throw new Error(
          `is a ${bits}-bit RSA key; at least ${MIN_RSA_BITS} bits are required`,
        );
      }
      algorithm ??=
        type === 'rsa-pss' ? 'rsa-pss-sha256' : 'rsa-pkcs1v15-sha256';
      if (
        algorithm !== 'rsa-pkcs1v15-sha256' &&
        algorithm !== 'rsa-pss-sha256'
      ) {
        throw new Error(`is an RSA key, not a ${algorithm} key`);
      }
      if (type === 'rsa-pss' && algorithm !== 'rsa-pss-sha256') {
        throw new Error('is an RSA-PSS key; set algorithm: rsa-pss-sha256');
      }
    } else {
      throw new Error(
        `is a ${type} key; supported are ECDSA P-256, Ed25519 and RSA`,
      );
    }
    return new TrustedKey(config.name, algorithm, key, config.keyId);
  }

  /**
   * Whether a signature hint (DSSE `keyid`, bundle key hint) names this key: its declared key
   * ID when one is configured, otherwise its fingerprint (hex, optionally `sha256:`-prefixed).
   * Only one spelling names a key, so a changed hint never names the same key again.
   */
  isNamedBy(hint: string): boolean {
    if (this.declaredKeyId !== undefined) {
      return hint === this.declaredKeyId;
    }
    const lower = hint.toLowerCase();
    return lower === this.fingerprint || lower === `sha256:${this.fingerprint}`;
  }

  /**
   * Whether the signature has a shape this key's scheme can verify at all (its length; for
   * ECDSA its DER header). Signatures of other shapes never verify, so when trusted keys are
   * tried in turn, those of other schemes are passed over without a verification.
   */
  #mayVerify(signature: Buffer): boolean {
    switch (this.algorithm) {
      case 'ecdsa-p256-sha256':
        // OpenSSL accepts only the canonical DER encoding, whose length octet is short here.
        return (
          signature.length <= MAX_P256_DER_SIGNATURE &&
          signature[0] === 0x30 &&
          signature[1] === signature.length - 2
        );
      case 'ed25519':
        return signature.length === ED25519_SIGNATURE;
      default:
        return signature.length <= this.#maxRsaSignature;
    }
  }

  /** Checks a signature over exactly these bytes. Never throws. */
  verify(data: Buffer, signature: Buffer): boolean {
    if (signature.length === 0 || !this.#mayVerify(signature)) {
      return false;
    }
    try {
      switch (this.algorithm) {
        // The key object alone means DER signatures (ECDSA) and PKCS#1 v1.5 padding (an RSA
        // key), the defaults, and spares Node.js reading an options object on every call.
        case 'ecdsa-p256-sha256':
          return cryptoVerify('sha256', data, this.#key, signature);
        case 'ed25519':
          return cryptoVerify(null, data, this.#key, signature);
        case 'rsa-pkcs1v15-sha256':
          return cryptoVerify('sha256', data, this.#key, signature);
        case 'rsa-pss-sha256':
          return cryptoVerify('sha256', data, this.#pss, signature);
        default:
          return false;
      }
    } catch {
      return false;
    }
  }
}
