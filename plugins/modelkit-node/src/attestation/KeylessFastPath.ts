import type { Bundle } from '@sigstore/bundle';
import {
  SignedEntity,
  toSignedEntity,
  TrustMaterial,
  Verifier,
} from '@sigstore/verify';
import { version as installedVerifyVersion } from '@sigstore/verify/package.json';
import { CertificateAuthorities } from './certificateChain';
import { preAuthEncoding } from './dsseEnvelope';
import { embeddedSctsHold } from './embeddedScts';
import { SigningCertificate } from './SigningCertificate';

/**
 * The steps of `Verifier.verify` (`@sigstore/verify` 4) that are called as they are: the
 * timestamps (transparency-log integrated times, RFC 3161 timestamps) and the
 * transparency-log entries (inclusion promise or proof, body bound to the signature and
 * content). They are methods of the verifier, private in its type declarations.
 */
interface VerifierSteps {
  verifyTimestamps(entity: SignedEntity): Date[];
  verifyTLogs(entity: SignedEntity): void;
}

/**
 * The `@sigstore/verify` versions whose `Verifier.verify` this mirrors: it calls two of its
 * steps and makes the others itself, so another version (which may add or change a step) is
 * left to `Verifier.verify` until it has been compared again.
 */
const REVIEWED_VERIFY_VERSIONS = /^4\.1\.\d+$/;

function stepsOf(verifier: Verifier): VerifierSteps | undefined {
  const steps = verifier as unknown as Partial<VerifierSteps>;
  return typeof steps.verifyTimestamps === 'function' &&
    typeof steps.verifyTLogs === 'function'
    ? (steps as VerifierSteps)
    : undefined;
}

/** The certificate bytes of a single-certificate bundle. */
function certificateOf(bundle: Bundle): Uint8Array | undefined {
  const content = bundle.verificationMaterial.content;
  return content.$case === 'certificate'
    ? content.certificate.rawBytes
    : undefined;
}

/**
 * The checks of `Verifier.verify` for a keyless bundle, without the work `@sigstore/verify`
 * repeats on every call: the trusted CA certificates are read, and the paths between them
 * built and verified, once; the signing certificate is parsed once (see
 * {@link SigningCertificate}); whether its issuer signed it and whether its SCTs hold are
 * checked once per certificate. Every check still applies to every bundle: the certificate
 * path and its validity at each timestamp, the SCTs, the timestamps, the transparency-log
 * entries, and the signature over the bundle's own bytes (remembered by the certificate only
 * for exactly the signature and bytes its key verified).
 *
 * It only ever accepts: when a check fails, or a case is not covered here, the bundle is left
 * to `Verifier.verify`, which decides it (and says why it refuses).
 *
 * @internal
 */
export class KeylessFastPath {
  readonly #verifier: Verifier;
  readonly #steps: VerifierSteps;
  readonly #authorities: CertificateAuthorities;
  readonly #ctlogs: TrustMaterial['ctlogs'];
  readonly #ctlogThreshold: number;

  private constructor(options: {
    verifier: Verifier;
    steps: VerifierSteps;
    material: TrustMaterial;
    ctlogThreshold: number;
  }) {
    this.#verifier = options.verifier;
    this.#steps = options.steps;
    this.#authorities = CertificateAuthorities.fromTrustMaterial(
      options.material,
    );
    this.#ctlogs = options.material.ctlogs;
    this.#ctlogThreshold = options.ctlogThreshold;
  }

  /**
   * Prepares the fast path for a verifier made from this trust material and CT log threshold;
   * undefined when this version of `@sigstore/verify` is not one it was compared with, or
   * lacks the steps it calls.
   */
  static create(options: {
    verifier: Verifier;
    material: TrustMaterial;
    ctlogThreshold: number;
    /** The installed `@sigstore/verify` version (for tests). */
    verifyVersion?: string;
  }): KeylessFastPath | undefined {
    const version = options.verifyVersion ?? installedVerifyVersion;
    if (!REVIEWED_VERIFY_VERSIONS.test(version)) {
      return undefined;
    }
    const steps = stepsOf(options.verifier);
    try {
      return steps ? new KeylessFastPath({ ...options, steps }) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Verifies a single-certificate bundle whose certificate is `leaf`. Returns the signer
   * identity `Verifier.verify` would return when every check holds, else undefined.
   *
   * The signature is always checked against the bundle's own bytes: a DSSE signature through
   * {@link SigningCertificate.verifiesSignature}, which answers from memory only when it
   * verified exactly this signature over exactly these bytes before.
   */
  verify(
    bundle: Bundle,
    artifact: Buffer | undefined,
    leaf: SigningCertificate,
  ): { subjectAlternativeName?: string; issuer?: string } | undefined {
    const certificate = certificateOf(bundle);
    if (!certificate || !leaf.der.equals(certificate)) {
      return undefined;
    }
    try {
      // The entity with the certificate already parsed as `leaf` (`toSignedEntity` would
      // parse it again): the steps called here read its timestamps, transparency-log entries
      // and signed content, and get the real certificate should they read the key.
      const entity: SignedEntity = {
        ...toSignedEntity(
          {
            ...bundle,
            verificationMaterial: {
              ...bundle.verificationMaterial,
              content: { $case: 'publicKey', publicKey: { hint: '' } },
            },
          },
          artifact,
        ),
        key: { $case: 'certificate', certificate: leaf.certificate },
      };
      const timestamps = this.#steps.verifyTimestamps.call(
        this.#verifier,
        entity,
      );
      if (timestamps.length === 0) {
        return undefined;
      }
      let issuer;
      for (const timestamp of timestamps) {
        const chain = this.#authorities.chainAt(leaf, timestamp);
        if (chain.outcome !== 'path') {
          return undefined;
        }
        issuer = chain.issuer;
      }
      const identity = leaf.signerIdentity();
      if (
        !issuer ||
        !identity.ok ||
        !embeddedSctsHold(leaf, issuer, this.#ctlogs, this.#ctlogThreshold)
      ) {
        return undefined;
      }
      this.#steps.verifyTLogs.call(this.#verifier, entity);
      if (!this.#signatureHolds(bundle, entity, leaf)) {
        return undefined;
      }
      return identity.value;
    } catch {
      return undefined;
    }
  }

  /** `verifySignature` of `Verifier.verify`, with the certificate's key. */
  #signatureHolds(
    bundle: Bundle,
    entity: SignedEntity,
    leaf: SigningCertificate,
  ): boolean {
    if (bundle.content.$case === 'dsseEnvelope') {
      // What `DSSESignatureContent.verifySignature` verifies: the first signature, over the
      // pre-authentication encoding (the bytes `dsse.preAuthEncoding` of `@sigstore/core`
      // gives, built in one buffer).
      const envelope = bundle.content.dsseEnvelope;
      const signature =
        envelope.signatures.length > 0
          ? envelope.signatures[0].sig
          : Buffer.alloc(0);
      return leaf.verifiesSignature(
        preAuthEncoding(envelope.payloadType, envelope.payload),
        signature,
      );
    }
    const key = leaf.publicKey();
    return key.ok && entity.signature.verifySignature(key.value);
  }
}
