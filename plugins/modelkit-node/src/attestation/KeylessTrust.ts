import { createHash } from 'node:crypto';
import { Bundle, bundleToJSON } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import {
  toSignedEntity,
  toTrustMaterial,
  TrustMaterial,
  Verifier,
} from '@sigstore/verify';
import { KeylessFastPath } from './KeylessFastPath';
import { SigningCertificate } from './SigningCertificate';
import { tlogSignerProblem } from './tlogSigner';

/**
 * A trusted keyless (Fulcio certificate) identity.
 *
 * @public
 */
export interface KeylessIdentityConfig {
  /** Unique name, shown as the signer and used in policy `signers`. */
  name: string;
  /** The exact certificate identity (subject alternative name: email or URI). */
  subject?: string;
  /** Or a regular expression the whole identity must match. */
  subjectPattern?: string;
  /** The exact OIDC issuer recorded in the certificate. */
  issuer: string;
}

/**
 * Keyless trust: an offline Sigstore trusted root and the identities it may vouch for.
 *
 * @public
 */
export interface KeylessTrustConfig {
  /** The trusted root (Sigstore `trusted_root.json` content, parsed). */
  trustedRoot: unknown;
  /** A file name to show in `cosign ... --trusted-root` commands. */
  trustedRootFile?: string;
  /** The identities that may sign. */
  identities: KeylessIdentityConfig[];
  /** Whether certificates must carry a valid signed certificate timestamp (SCT). */
  requireCertificateTransparency: boolean;
}

const MAX_CACHED_OUTCOMES = 2000;

/**
 * The outcome of a keyless check.
 *
 * @internal
 */
export type KeylessOutcome =
  | {
      outcome: 'trusted';
      identity: KeylessIdentityConfig;
      subject: string;
      issuer: string;
    }
  | {
      outcome: 'untrusted-signer' | 'invalid-signature';
      reason: string;
      subject?: string;
      issuer?: string;
    };

function identityMatches(
  identity: KeylessIdentityConfig,
  subject: string,
  issuer: string,
): boolean {
  if (identity.issuer !== issuer) {
    return false;
  }
  if (identity.subject !== undefined) {
    return identity.subject === subject;
  }
  // The whole identity must match, not a part of it.
  return new RegExp(`^(?:${identity.subjectPattern})$`, 'u').test(subject);
}

/** The signing certificate of a bundle, as `toSignedEntity` of `@sigstore/verify` reads it. */
function signingCertificateOf(bundle: Bundle): Uint8Array {
  const content = bundle.verificationMaterial.content;
  switch (content.$case) {
    case 'certificate':
      return content.certificate.rawBytes;
    case 'x509CertificateChain':
      return (
        content.x509CertificateChain.certificates[0]?.rawBytes ??
        Buffer.alloc(0)
      );
    default:
      return Buffer.alloc(0);
  }
}

/** The outcome for an error of `Verifier.verify`, by its code. */
function refusal(error: unknown): KeylessOutcome {
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error).message;
  const cause = (error as { cause?: Error }).cause?.message;
  const detail = cause ? `${message}: ${cause}` : message;
  if (code === 'SIGNATURE_ERROR' || code === 'TLOG_BODY_ERROR') {
    return {
      outcome: 'invalid-signature',
      reason:
        code === 'SIGNATURE_ERROR'
          ? `the signature does not verify with the certificate's key (${detail})`
          : `the transparency-log entry is for another signature or content (${detail})`,
    };
  }
  if (code.startsWith('TLOG') || code === 'TIMESTAMP_ERROR') {
    return {
      outcome: 'untrusted-signer',
      reason: `the transparency-log entry is not vouched for by a trusted log (${detail})`,
    };
  }
  if (code === 'CERTIFICATE_ERROR') {
    return {
      outcome: 'untrusted-signer',
      reason: `the certificate does not chain to the trusted root or lacks a valid certificate timestamp (${detail})`,
    };
  }
  return {
    outcome: 'untrusted-signer',
    reason: `the signature could not be verified (${detail})`,
  };
}

/**
 * Keyless trust built from an offline Sigstore trusted root: certificate chains, SCTs and
 * transparency-log entries are checked as `@sigstore/verify` checks them (by
 * {@link KeylessFastPath}, which reads the trusted root once, else by its `Verifier`);
 * identities are compared here, exactly (or as a whole-string regular expression), never as a
 * substring.
 *
 * @internal
 */
export class KeylessTrust {
  readonly identities: KeylessIdentityConfig[];
  readonly trustedRootFile?: string;
  readonly #verifier: Verifier;
  readonly #fastPath?: KeylessFastPath;
  // A check by `Verifier.verify` takes about 15 ms; its outcome depends only on the bundle,
  // the artifact and this trust, so repeated checks are answered here.
  readonly #cache = new Map<string, KeylessOutcome>();

  private constructor(
    config: KeylessTrustConfig,
    material: TrustMaterial,
    fastPath: boolean,
  ) {
    this.identities = config.identities;
    this.trustedRootFile = config.trustedRootFile;
    const ctlogThreshold = config.requireCertificateTransparency ? 1 : 0;
    this.#verifier = new Verifier(material, {
      tlogThreshold: 1,
      ctlogThreshold,
      timestampThreshold: 1,
    });
    this.#fastPath = fastPath
      ? KeylessFastPath.create({
          verifier: this.#verifier,
          material,
          ctlogThreshold,
        })
      : undefined;
  }

  /**
   * Loads the trusted root.
   *
   * @param options - `fastPath: false` leaves every check to `Verifier.verify` of
   *   `@sigstore/verify` (for tests that compare the two).
   * @throws Error when the trusted root cannot be used.
   */
  static fromConfig(
    config: KeylessTrustConfig,
    options: { fastPath?: boolean } = {},
  ): KeylessTrust {
    const root = TrustedRoot.fromJSON(config.trustedRoot);
    if (root.certificateAuthorities.length === 0) {
      throw new Error('the trusted root lists no certificate authority');
    }
    if (root.tlogs.length === 0) {
      throw new Error('the trusted root lists no transparency log');
    }
    if (config.requireCertificateTransparency && root.ctlogs.length === 0) {
      throw new Error(
        'the trusted root lists no certificate transparency log; add one or set requireCertificateTransparency: false',
      );
    }
    let material: TrustMaterial;
    try {
      material = toTrustMaterial(root);
    } catch (error) {
      throw new Error(
        `the trusted root cannot be loaded (${(error as Error).message})`,
      );
    }
    return new KeylessTrust(config, material, options.fastPath ?? true);
  }

  /** Whether bundles are checked by the fast path first (see {@link KeylessFastPath}). */
  get usesFastPath(): boolean {
    return this.#fastPath !== undefined;
  }

  /**
   * Verifies a single-signature Sigstore bundle carrying a certificate: chain to the trusted
   * root, SCT, transparency-log inclusion and its binding to this signature, content and
   * certificate (or its key), the signature itself, then the identity and issuer.
   *
   * @param options - `certificate`: the bundle's certificate, parsed.
   */
  verify(
    bundle: Bundle,
    artifact?: Buffer,
    options: { certificate?: SigningCertificate } = {},
  ): KeylessOutcome {
    const outcome = this.#verifyWithVerifier(bundle, artifact, options);
    if (outcome.outcome !== 'trusted') {
      return outcome;
    }
    // Checked after either path (which say why they refuse first): `Verifier.verify` binds a
    // transparency-log entry to the signature and content, not to the signer it records.
    const problem = tlogSignerProblem(
      bundle.verificationMaterial.tlogEntries,
      signingCertificateOf(bundle),
    );
    return problem
      ? {
          outcome: 'invalid-signature',
          reason: problem,
          subject: outcome.subject,
          issuer: outcome.issuer,
        }
      : outcome;
  }

  /** The fast path, else `Verifier.verify` (its outcomes remembered), then the identity. */
  #verifyWithVerifier(
    bundle: Bundle,
    artifact: Buffer | undefined,
    options: { certificate?: SigningCertificate },
  ): KeylessOutcome {
    const fast =
      options.certificate &&
      this.#fastPath?.verify(bundle, artifact, options.certificate);
    if (fast) {
      // Accepted by the fast path, which is cheap enough to run again.
      return this.#identify(fast.subjectAlternativeName, fast.issuer);
    }
    const hash = createHash('sha256').update(
      JSON.stringify(bundleToJSON(bundle)),
    );
    if (artifact) {
      hash.update('\0').update(artifact);
    }
    const key = hash.digest('hex');
    const cached = this.#cache.get(key);
    if (cached) {
      return cached;
    }
    const outcome = this.#verifyFully(bundle, artifact);
    if (this.#cache.size >= MAX_CACHED_OUTCOMES) {
      this.#cache.delete(this.#cache.keys().next().value!);
    }
    this.#cache.set(key, outcome);
    return outcome;
  }

  /** Every check by `Verifier.verify`, then the identity. */
  #verifyFully(bundle: Bundle, artifact: Buffer | undefined): KeylessOutcome {
    let signer;
    try {
      signer = this.#verifier.verify(toSignedEntity(bundle, artifact));
    } catch (error) {
      return refusal(error);
    }
    return this.#identify(
      signer.identity?.subjectAlternativeName,
      signer.identity?.extensions?.issuer,
    );
  }

  /** The outcome for a verified certificate's identity and issuer. */
  #identify(subject?: string, issuer?: string): KeylessOutcome {
    if (!subject || !issuer) {
      return {
        outcome: 'untrusted-signer',
        reason: 'the certificate names no identity or no OIDC issuer',
        ...(subject ? { subject } : {}),
        ...(issuer ? { issuer } : {}),
      };
    }
    const identity = this.identities.find(i =>
      identityMatches(i, subject, issuer),
    );
    if (!identity) {
      return {
        outcome: 'untrusted-signer',
        reason: `the certificate identity ${subject} (issuer ${issuer}) is not a trusted keyless identity`,
        subject,
        issuer,
      };
    }
    return { outcome: 'trusted', identity, subject, issuer };
  }
}
