import { createHash } from 'node:crypto';
import type {
  Bundle,
  TransparencyLogEntry,
  TimestampVerificationData,
} from '@sigstore/bundle';
import { BUNDLE_V03_MEDIA_TYPE } from '@sigstore/bundle';
import { HashAlgorithm } from '@sigstore/protobuf-specs';
import {
  AttestationSignatureCheck,
  AttestationSigner,
  AttestationTransparencyLogEntry,
} from '@kitstage/plugin-modelkit-common';
import { DsseEnvelope } from './dsseEnvelope';
import { KeylessTrust } from './KeylessTrust';
import { SigningCertificateCache } from './SigningCertificateCache';
import { TrustedKey } from './TrustedKey';

/**
 * What signatures are checked against: the trusted keys and the keyless trust.
 *
 * @internal
 */
export interface TrustContext {
  keys: readonly TrustedKey[];
  keyless?: KeylessTrust;
  /** The signing certificates parsed so far, by their bytes. */
  certificates: SigningCertificateCache;
  /**
   * The trusted key that last verified a signature naming no key, tried first for the next
   * such signature (attestations are mostly signed by one key): only the order of the checks
   * depends on it, never their outcome.
   */
  lastVerifyingKey?: { key?: TrustedKey };
}

/**
 * What one signature signs, and the material that may identify its signer.
 *
 * @internal
 */
export interface SignatureInput {
  index: number;
  signature: Buffer;
  /** The DSSE `keyid` or the bundle's public key hint; empty when none. */
  keyHint: string;
  /** A DSSE envelope (the signature covers its PAE) or a message (the signature covers it). */
  signed:
    | { type: 'dsse'; envelope: DsseEnvelope }
    | { type: 'message'; message: Buffer };
  /** The DER signing certificate, for keyless signatures. */
  certificate?: Buffer;
  tlogEntries: TransparencyLogEntry[];
  timestampVerificationData?: TimestampVerificationData;
}

/**
 * Describes the first transparency-log entry, for display.
 *
 * @internal
 */
export function describeTlogEntry(
  entries: readonly TransparencyLogEntry[],
): AttestationTransparencyLogEntry | undefined {
  const entry = entries[0];
  if (!entry) {
    return undefined;
  }
  const seconds = Number(entry.integratedTime);
  return {
    logIndex: entry.logIndex,
    logId: Buffer.from(entry.logId.keyId).toString('hex'),
    ...(Number.isFinite(seconds) && seconds > 0
      ? { integratedTime: new Date(seconds * 1000).toISOString() }
      : {}),
    kind: entry.kindVersion.kind,
    version: entry.kindVersion.version,
  };
}

function signedBytes(input: SignatureInput): Buffer {
  return input.signed.type === 'dsse'
    ? input.signed.envelope.pae
    : input.signed.message;
}

/** The signer of a key signature; `trustedName` only when the signature checked. */
function keySigner(
  key: TrustedKey,
  keyHint: string,
  trusted: boolean,
): AttestationSigner {
  // Members set one after the other, optional ones only when present, in this order.
  const signer: AttestationSigner = { type: 'public-key' };
  if (trusted) {
    signer.trustedName = key.name;
  }
  signer.algorithm = key.algorithm;
  signer.fingerprint = key.fingerprint;
  if (keyHint) {
    signer.keyId = keyHint;
  }
  return signer;
}

/**
 * The first of `keys` that verifies the signature over `data`. The key remembered in `last`
 * is tried first: when it verifies, the answer is the first key configured with the same
 * public key and scheme (which verify exactly the same signatures), as trying the keys in
 * order would give, since no other key verifies a signature this one made.
 */
function firstVerifyingKey(
  keys: readonly TrustedKey[],
  data: Buffer,
  signature: Buffer,
  last: { key?: TrustedKey } | undefined,
): TrustedKey | undefined {
  const preferred = last?.key;
  if (preferred && keys.includes(preferred)) {
    if (preferred.verify(data, signature)) {
      return keys.find(
        key =>
          key.fingerprint === preferred.fingerprint &&
          key.algorithm === preferred.algorithm,
      );
    }
  }
  for (const key of keys) {
    if (key !== preferred && key.verify(data, signature)) {
      if (last) {
        last.key = key;
      }
      return key;
    }
  }
  return undefined;
}

function checkWithKeys(
  input: SignatureInput,
  keys: readonly TrustedKey[],
  named: boolean,
  context: TrustContext,
): AttestationSignatureCheck {
  const data = signedBytes(input);
  const hint = input.keyHint;
  const verifying = firstVerifyingKey(
    keys,
    data,
    input.signature,
    named ? undefined : context.lastVerifyingKey,
  );
  if (verifying) {
    return {
      index: input.index,
      outcome: 'trusted',
      reason: `signed by trusted key ${verifying.name} (${verifying.algorithm})`,
      signer: keySigner(verifying, hint, true),
    };
  }
  if (named) {
    return {
      index: input.index,
      outcome: 'invalid-signature',
      reason: `the signature names key ${JSON.stringify(
        hint,
      )} but does not verify with trusted key ${keys
        .map(k => k.name)
        .join(', ')}`,
      signer: keySigner(keys[0], hint, false),
    };
  }
  if (input.signed.type === 'dsse') {
    const bare = context.keys.find(key =>
      key.verify(
        (input.signed as { envelope: DsseEnvelope }).envelope.payload,
        input.signature,
      ),
    );
    if (bare) {
      return {
        index: input.index,
        outcome: 'invalid-signature',
        reason: `the signature covers the bare payload, not the DSSE pre-authentication encoding, so it is not valid (key ${bare.name})`,
        signer: keySigner(bare, hint, false),
      };
    }
  }
  return {
    index: input.index,
    outcome: 'untrusted-signer',
    reason:
      context.keys.length === 0
        ? 'no trusted keys are configured and the signature carries no certificate'
        : `no trusted key (${context.keys
            .map(k => k.name)
            .join(
              ', ',
            )}) verifies the signature: it was made with another key, or the signed content was changed`,
  };
}

function toBundle(input: SignatureInput, certificate: Buffer): Bundle {
  const content: Bundle['content'] =
    input.signed.type === 'dsse'
      ? {
          $case: 'dsseEnvelope',
          dsseEnvelope: {
            payloadType: input.signed.envelope.payloadType,
            payload: input.signed.envelope.payload,
            signatures: [{ keyid: input.keyHint, sig: input.signature }],
          },
        }
      : {
          $case: 'messageSignature',
          messageSignature: {
            messageDigest: {
              algorithm: HashAlgorithm.SHA2_256,
              digest: createHash('sha256')
                .update(input.signed.message)
                .digest(),
            },
            signature: input.signature,
          },
        };
  return {
    mediaType: BUNDLE_V03_MEDIA_TYPE,
    verificationMaterial: {
      content: { $case: 'certificate', certificate: { rawBytes: certificate } },
      tlogEntries: input.tlogEntries,
      timestampVerificationData: input.timestampVerificationData ?? {
        rfc3161Timestamps: [],
      },
    },
    content,
  };
}

function checkKeyless(
  input: SignatureInput,
  certificateDer: Buffer,
  context: TrustContext,
): AttestationSignatureCheck {
  const parsed = context.certificates.parse(certificateDer);
  if (!parsed.ok) {
    return { index: input.index, outcome: 'malformed', reason: parsed.reason };
  }
  const certificate = parsed.certificate;
  const described = certificate.described;
  const transparencyLog = describeTlogEntry(input.tlogEntries);
  const signer: AttestationSigner = {
    type: 'certificate',
    ...(described.subject ? { certificateSubject: described.subject } : {}),
    ...(described.issuer ? { certificateIssuer: described.issuer } : {}),
    ...(transparencyLog ? { transparencyLog } : {}),
  };
  const who = `${described.subject ?? 'an unnamed identity'} (issuer ${
    described.issuer ?? 'unknown'
  })`;
  // The same check @sigstore/verify makes, done first to tell a broken signature from an
  // untrusted certificate. (The certificate remembers it, so the fast path does not verify
  // this signature over these bytes again.)
  const certificateKeyVerifies = certificate.verifiesSignature(
    signedBytes(input),
    input.signature,
  );
  if (!certificateKeyVerifies) {
    // An envelope may carry signatures by trusted keys next to a certificate for another one.
    const byKey = checkWithKeys(input, context.keys, false, context);
    if (byKey.outcome === 'trusted') {
      return byKey;
    }
    return {
      index: input.index,
      outcome: 'invalid-signature',
      reason: `the signature does not verify with the key of its certificate for ${who}`,
      signer,
    };
  }
  if (!context.keyless) {
    return {
      index: input.index,
      outcome: 'untrusted-signer',
      reason: `signed with a certificate for ${who}, but no keyless identities are configured`,
      signer,
    };
  }
  if (input.tlogEntries.length === 0) {
    return {
      index: input.index,
      outcome: 'untrusted-signer',
      reason: `signed with a certificate for ${who} that has no transparency-log entry, so its short-lived certificate cannot be trusted`,
      signer,
    };
  }
  const result = context.keyless.verify(
    toBundle(input, certificateDer),
    input.signed.type === 'message' ? input.signed.message : undefined,
    { certificate },
  );
  if (result.outcome !== 'trusted') {
    return {
      index: input.index,
      outcome: result.outcome,
      reason: `signed with a certificate for ${who}: ${result.reason}`,
      signer,
    };
  }
  return {
    index: input.index,
    outcome: 'trusted',
    reason: `signed by trusted identity ${result.identity.name}: ${result.subject} (issuer ${result.issuer}), in the transparency log`,
    // The identity and issuer as verified (the described ones are read for messages only).
    signer: {
      ...signer,
      certificateSubject: result.subject,
      certificateIssuer: result.issuer,
      trustedName: result.identity.name,
    },
  };
}

/**
 * Checks one signature: with the trusted key its hint names, with its certificate (keyless),
 * or with every trusted key. Fails closed: only `trusted` means the signer is trusted and the
 * signature covers the content (the DSSE PAE for envelopes, never the bare payload).
 *
 * @internal
 */
export function checkSignature(
  input: SignatureInput,
  context: TrustContext,
): AttestationSignatureCheck {
  if (input.signature.length === 0) {
    return {
      index: input.index,
      outcome: 'malformed',
      reason: 'the signature is empty',
    };
  }
  if (input.keyHint !== '') {
    const named = context.keys.filter(key => key.isNamedBy(input.keyHint));
    if (named.length === 0) {
      return {
        index: input.index,
        outcome: 'untrusted-signer',
        reason: `the signature names key ${JSON.stringify(
          input.keyHint.slice(0, 100),
        )}, which is not a trusted key`,
        signer: { type: 'public-key', keyId: input.keyHint.slice(0, 100) },
      };
    }
    return checkWithKeys(input, named, true, context);
  }
  if (input.certificate) {
    return checkKeyless(input, input.certificate, context);
  }
  return checkWithKeys(input, context.keys, false, context);
}
