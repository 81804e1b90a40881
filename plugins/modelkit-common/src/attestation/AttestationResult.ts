import type { AttestationSummary } from './AttestationSummary';

/**
 * Every verification state, from the only good one to the least informative.
 *
 * @remarks
 *
 * - `verified`: a signature checks over the DSSE pre-authentication encoding (or, for a
 *   cosign simple-signing signature, over its payload), made by a trusted key or by a trusted
 *   keyless identity whose certificate chains to the trusted root and whose signature is in a
 *   trusted transparency log; the payload is an in-toto Statement whose subjects include the
 *   manifest digest of this ModelKit version.
 * - `untrusted-signer`: the signer is not trusted: an unknown key, a certificate from another
 *   CA or for another identity or issuer, or a certificate without a transparency-log entry.
 * - `invalid-signature`: the signature does not check with the key that claims to have made
 *   it, or the transparency-log entry is for other content.
 * - `subject-mismatch`: trusted and valid, but about another artifact.
 * - `unsigned`: no signature at all.
 * - `malformed`: the envelope, bundle or statement cannot be read.
 * - `not-checked`: beyond the configured limits, or could not be downloaded.
 *
 * @public
 */
export const ATTESTATION_VERIFICATION_STATES = Object.freeze([
  'verified',
  'untrusted-signer',
  'invalid-signature',
  'subject-mismatch',
  'unsigned',
  'malformed',
  'not-checked',
] as const);

/**
 * The one state each attestation or signature ends in; see
 * {@link ATTESTATION_VERIFICATION_STATES}.
 *
 * @public
 */
export type AttestationVerificationState =
  (typeof ATTESTATION_VERIFICATION_STATES)[number];

/**
 * `attestation` for in-toto statements with a predicate; `signature` for plain image
 * signatures (cosign simple signing, the cosign sign predicate, Sigstore message signatures).
 *
 * @public
 */
export type AttestationKind = 'attestation' | 'signature';

/**
 * How the attestation is encoded.
 *
 * - `dsse-envelope`: a DSSE envelope layer (cosign `.att` tag or an in-toto referrer).
 * - `sigstore-bundle`: a Sigstore bundle (v0.1 to v0.3) stored as a referrer.
 * - `cosign-simple-signing`: a cosign `.sig` layer with its signature in an annotation.
 *
 * @public
 */
export type AttestationFormat =
  | 'dsse-envelope'
  | 'sigstore-bundle'
  | 'cosign-simple-signing';

/**
 * Where the attestation was found: cosign's `sha256-<hex>.att` / `.sig` tags, the OCI 1.1
 * referrers API, the referrers tag schema (`sha256-<hex>`), or an OCI image layout's index.
 *
 * @public
 */
export type AttestationDiscoveryMethod =
  | 'cosign-tag'
  | 'referrers-api'
  | 'tag-schema'
  | 'layout';

/**
 * Where in the repository an attestation lives.
 *
 * @public
 */
export interface AttestationLocation {
  /** The digest of the manifest holding it (the `.att` image or the referrer). */
  manifestDigest: string;
  /** The tag of that manifest, for cosign tags. */
  tag?: string;
  /** The position of the layer holding it. */
  layerIndex?: number;
  /** The digest of the layer blob. */
  layerDigest?: string;
  /** The media type of the layer (or of the referrer, when not read). */
  mediaType: string;
  /** The size in bytes of the layer (or of the referrer manifest, when not read). */
  size: number;
}

/**
 * A transparency-log (Rekor) entry of a signature.
 *
 * @public
 */
export interface AttestationTransparencyLogEntry {
  /** The entry's index in the log. */
  logIndex: string;
  /** The log ID (SHA-256 of the log's public key), hex. */
  logId: string;
  /** When the log integrated the entry (ISO 8601), when known. */
  integratedTime?: string;
  /** The Rekor entry kind and version, e.g. `dsse` `0.0.1`. */
  kind: string;
  /** The Rekor entry version, e.g. `0.0.1`. */
  version: string;
}

/**
 * Who made a signature: a public key or a (keyless) certificate.
 *
 * @public
 */
export interface AttestationSigner {
  /** `public-key` for key pairs, `certificate` for keyless (Fulcio) and other X.509 signers. */
  type: 'public-key' | 'certificate';
  /** The configured name of the trusted key or keyless identity that matched. */
  trustedName?: string;
  /** The DSSE `keyid` or Sigstore bundle key hint, when the signature carries one. */
  keyId?: string;
  /** For keys: `ecdsa-p256-sha256`, `ed25519`, `rsa-pkcs1v15-sha256` or `rsa-pss-sha256`. */
  algorithm?: string;
  /** For keys: SHA-256 of the DER SubjectPublicKeyInfo, hex. */
  fingerprint?: string;
  /** For certificates: the subject alternative name (an email or URI identity). */
  certificateSubject?: string;
  /** For certificates: the OIDC issuer from the Fulcio extension. */
  certificateIssuer?: string;
  /** The transparency-log entry that was checked, if any. */
  transparencyLog?: AttestationTransparencyLogEntry;
}

/**
 * The outcome for one signature of an envelope or bundle.
 *
 * @public
 */
export interface AttestationSignatureCheck {
  /** The position of the signature in the envelope. */
  index: number;
  /** `trusted` when this signature meets every signer condition. */
  outcome: 'trusted' | 'untrusted-signer' | 'invalid-signature' | 'malformed';
  /** Why, in a sentence. */
  reason: string;
  /** The signer, as far as it could be identified. */
  signer?: AttestationSigner;
}

/**
 * One subject of an in-toto Statement.
 *
 * @public
 */
export interface AttestationSubject {
  /** The subject name; informative only, subjects match by digest. */
  name?: string;
  /** Digests by algorithm, e.g. `{ sha256: "4f3c…" }`. */
  digest: Record<string, string>;
}

/**
 * A command users can run themselves to check an attestation, built from parsed values
 * (never pasted from attestation text).
 *
 * @public
 */
export interface CosignVerifyCommand {
  /** The program and its arguments, one per element. */
  argv: string[];
  /** The same, quoted for a POSIX shell. */
  text: string;
  /** What the user needs besides the command (a key file, the trusted root). */
  notes: string[];
}

/**
 * One attestation or signature of a ModelKit version, with its verification state.
 *
 * @public
 */
export interface AttestationResult {
  /** Stable identifier: the holding manifest digest and layer index. */
  id: string;
  /** An attestation (statement with a predicate) or a plain signature. */
  kind: AttestationKind;
  /** Absent when the attestation was not read. */
  format?: AttestationFormat;
  /** How it was found. */
  discoveredVia: AttestationDiscoveryMethod;
  /** Where it is stored. */
  location: AttestationLocation;
  /** The one verification state it ended in. */
  state: AttestationVerificationState;
  /** Why it ended in this state, in a sentence naming what was checked. */
  reason: string;
  /** The signer that verified it; otherwise the best identified signer, if any. */
  signer?: AttestationSigner;
  /** Every signature and its outcome (an envelope may carry several). */
  signatures: AttestationSignatureCheck[];
  /** The DSSE payload type, when read. */
  payloadType?: string;
  /** The in-toto Statement `_type`, when read. */
  statementType?: string;
  /** The in-toto `predicateType`, when read. */
  predicateType?: string;
  /** The statement's subjects (at most 20 kept). */
  subjects?: AttestationSubject[];
  /**
   * What the predicate says. Present whenever the statement could be read: the content is
   * only vouched for when `state` is `verified`.
   */
  summary?: AttestationSummary;
  /** When it was made (an OCI `created` annotation or the transparency-log time), ISO 8601. */
  createdAt?: string;
  /** A `cosign verify-attestation` (or `cosign verify`) command for this attestation. */
  command?: CosignVerifyCommand;
}

/**
 * Every attestation of one ModelKit version and how far the search went.
 *
 * @public
 */
export interface AttestationReport {
  /** The version the attestations were checked against. */
  subject: {
    /** The OCI source (registry or layout) name. */
    source: string;
    /** The repository reference, `host/path`. */
    repository: string;
    /** The manifest digest: every `verified` statement names it. */
    digest: string;
  };
  /** In discovery order: referrers, then cosign `.att`, then cosign `.sig`. */
  attestations: AttestationResult[];
  /** How many attestations ended in each state, including omitted `not-checked` ones. */
  counts: Record<AttestationVerificationState, number>;
  /** The limits and how much of them was used. */
  limits: {
    maxAttestations: number;
    maxBytes: number;
    bytesRead: number;
    /** Which limit stopped the checks, if any. */
    reached?: 'count' | 'bytes';
    /** `not-checked` attestations beyond those listed (a listing cap keeps reports small). */
    omitted: number;
  };
  /** How attestations were looked for, and what failed. */
  discovery: {
    /** How the referrers list was obtained, when it was. */
    referrers?: 'referrers-api' | 'tag-schema' | 'layout';
    /** Lookups that failed (other than "nothing there"). */
    errors: Array<{ where: string; message: string }>;
  };
  /** Referrers that are not attestations or signatures (SBOM files, other signature formats). */
  otherReferrers: Array<{
    digest: string;
    mediaType: string;
    artifactType?: string;
  }>;
  /** False when a lookup failed or a limit was reached: more evidence may exist. */
  complete: boolean;
  /** When the report was made, ISO 8601. */
  checkedAt: string;
}

/**
 * Counts attestations per state.
 *
 * @public
 */
export function countAttestationStates(
  attestations: readonly Pick<AttestationResult, 'state'>[],
  omittedNotChecked = 0,
): Record<AttestationVerificationState, number> {
  const counts = Object.fromEntries(
    ATTESTATION_VERIFICATION_STATES.map(state => [state, 0]),
  ) as Record<AttestationVerificationState, number>;
  for (const attestation of attestations) {
    counts[attestation.state] += 1;
  }
  counts['not-checked'] += omittedNotChecked;
  return counts;
}
