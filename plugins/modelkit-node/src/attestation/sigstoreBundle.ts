import {
  assertBundleLatest,
  assertBundleV01,
  assertBundleV02,
  Bundle,
  BUNDLE_V01_MEDIA_TYPE,
  BUNDLE_V02_MEDIA_TYPE,
  bundleFromJSON,
} from '@sigstore/bundle';
import { decodeBase64Strict, isCanonicalBase64 } from './dsseEnvelope';

function field(json: unknown, ...path: string[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const CHECKPOINT_SIGNATURE = /^\u2014 (\S+) (\S+)$/;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The base64 signatures of the signature lines of a checkpoint (a signed note). */
function checkpointSignatures(checkpoint: string): string[] {
  const separator = checkpoint.indexOf('\n\n');
  const signatures: string[] = [];
  for (const line of checkpoint
    .slice(separator < 0 ? checkpoint.length : separator + 2)
    .split('\n')) {
    const match = CHECKPOINT_SIGNATURE.exec(line);
    if (match) {
      signatures.push(match[2]);
    }
  }
  return signatures;
}

/**
 * Finds a bytes field that is not canonical base64. The protobuf JSON reader decodes base64
 * leniently; refusing other spellings of the same bytes keeps a changed bundle from reading
 * as the original.
 */
function strictBase64Problem(json: unknown): string | undefined {
  const checks: Array<[unknown, string]> = [
    [field(json, 'dsseEnvelope', 'payload'), 'dsseEnvelope.payload'],
    [
      field(json, 'messageSignature', 'signature'),
      'messageSignature.signature',
    ],
    [
      field(json, 'messageSignature', 'messageDigest', 'digest'),
      'messageSignature.messageDigest.digest',
    ],
    [
      field(json, 'verificationMaterial', 'certificate', 'rawBytes'),
      'verificationMaterial.certificate.rawBytes',
    ],
  ];
  list(field(json, 'dsseEnvelope', 'signatures')).forEach((signature, i) =>
    checks.push([field(signature, 'sig'), `dsseEnvelope.signatures[${i}].sig`]),
  );
  list(
    field(json, 'verificationMaterial', 'x509CertificateChain', 'certificates'),
  ).forEach((certificate, i) =>
    checks.push([
      field(certificate, 'rawBytes'),
      `verificationMaterial.x509CertificateChain.certificates[${i}].rawBytes`,
    ]),
  );
  list(
    field(
      json,
      'verificationMaterial',
      'timestampVerificationData',
      'rfc3161Timestamps',
    ),
  ).forEach((timestamp, i) =>
    checks.push([
      field(timestamp, 'signedTimestamp'),
      `verificationMaterial.timestampVerificationData.rfc3161Timestamps[${i}].signedTimestamp`,
    ]),
  );
  const entries = list(field(json, 'verificationMaterial', 'tlogEntries'));
  entries.forEach((entry, i) => {
    const at = `verificationMaterial.tlogEntries[${i}]`;
    checks.push(
      [field(entry, 'logId', 'keyId'), `${at}.logId.keyId`],
      [field(entry, 'canonicalizedBody'), `${at}.canonicalizedBody`],
      [
        field(entry, 'inclusionPromise', 'signedEntryTimestamp'),
        `${at}.inclusionPromise.signedEntryTimestamp`,
      ],
      [
        field(entry, 'inclusionProof', 'rootHash'),
        `${at}.inclusionProof.rootHash`,
      ],
    );
    list(field(entry, 'inclusionProof', 'hashes')).forEach((hash, h) =>
      checks.push([hash, `${at}.inclusionProof.hashes[${h}]`]),
    );
    const checkpoint = field(entry, 'inclusionProof', 'checkpoint', 'envelope');
    if (typeof checkpoint === 'string') {
      for (const signature of checkpointSignatures(checkpoint)) {
        checks.push([signature, `${at}.inclusionProof.checkpoint signature`]);
      }
    }
  });
  for (const [value, path] of checks) {
    if (
      value !== undefined &&
      (typeof value !== 'string' || !isCanonicalBase64(value))
    ) {
      return `${path} is not valid base64`;
    }
  }
  return undefined;
}

/** Thrown by the bundle reader when a value is not one it reads; never escapes. */
const NOT_WELL_FORMED: unique symbol = Symbol('not well-formed');

type JsonObject = Record<string, unknown>;

/** A plain object (what `JSON.parse` makes), else gives up. */
function object(value: unknown): JsonObject {
  if (
    typeof value !== 'object' ||
    value === null ||
    Object.getPrototypeOf(value) !== Object.prototype
  ) {
    throw NOT_WELL_FORMED;
  }
  return value as JsonObject;
}

/** A string, else gives up. */
function text(value: unknown): string {
  if (typeof value !== 'string') {
    throw NOT_WELL_FORMED;
  }
  return value;
}

/** The bytes of canonical base64 text, else gives up. */
function bytes(value: unknown): Buffer {
  const decoded = decodeBase64Strict(text(value));
  if (!decoded) {
    throw NOT_WELL_FORMED;
  }
  return decoded;
}

/** An array whose items `read` reads, else gives up. */
function items<T>(value: unknown, readItem: (item: unknown) => T): T[] {
  if (!Array.isArray(value)) {
    throw NOT_WELL_FORMED;
  }
  const read: T[] = new Array(value.length);
  for (let i = 0; i < value.length; i++) {
    read[i] = readItem(value[i]);
  }
  return read;
}

/** Gives up unless the member is absent (`Bundle.fromJSON` reads `null` as absent too). */
function absent(value: unknown): void {
  if (value !== undefined) {
    throw NOT_WELL_FORMED;
  }
}

type TlogEntry = Bundle['verificationMaterial']['tlogEntries'][number];

function readTlogEntry(value: unknown): TlogEntry {
  const entry = object(value);
  const logId = object(entry.logId);
  const kindVersion = object(entry.kindVersion);
  const promise =
    entry.inclusionPromise === undefined
      ? undefined
      : object(entry.inclusionPromise);
  const proof =
    entry.inclusionProof === undefined
      ? undefined
      : object(entry.inclusionProof);
  let inclusionProof: TlogEntry['inclusionProof'];
  if (proof) {
    const checkpoint = object(proof.checkpoint);
    const envelope = text(checkpoint.envelope);
    for (const signature of checkpointSignatures(envelope)) {
      if (!isCanonicalBase64(signature)) {
        throw NOT_WELL_FORMED;
      }
    }
    inclusionProof = {
      logIndex: text(proof.logIndex),
      rootHash: bytes(proof.rootHash),
      treeSize: text(proof.treeSize),
      hashes: items(proof.hashes, bytes),
      checkpoint: { envelope },
    };
  }
  // Members in the order `TransparencyLogEntry.fromJSON` sets them, absent ones undefined.
  return {
    logIndex: text(entry.logIndex),
    logId: { keyId: bytes(logId.keyId) },
    kindVersion: {
      kind: text(kindVersion.kind),
      version: text(kindVersion.version),
    },
    integratedTime: text(entry.integratedTime),
    inclusionPromise: promise
      ? { signedEntryTimestamp: bytes(promise.signedEntryTimestamp) }
      : undefined,
    inclusionProof,
    canonicalizedBody: bytes(entry.canonicalizedBody),
  };
}

function readTimestamp(value: unknown): { signedTimestamp: Buffer } {
  return { signedTimestamp: bytes(object(value).signedTimestamp) };
}

function readSignature(value: unknown): { sig: Buffer; keyid: string } {
  const signature = object(value);
  return {
    sig: bytes(signature.sig),
    keyid: signature.keyid === undefined ? '' : text(signature.keyid),
  };
}

/**
 * Reads a well-formed bundle of a DSSE envelope signed with one certificate (what `cosign`
 * and Sigstore clients write for attestations) by hand, into exactly what `Bundle.fromJSON`
 * of `@sigstore/protobuf-specs` returns for it, each bytes field decoded once, as canonical
 * base64 (what `strictBase64Problem` requires). Undefined for anything else (another content
 * or key material, a member of another type, a number where the JSON mapping allows a string,
 * `null`), which `strictBase64Problem` and `bundleFromJSON` then read. Its fields still have
 * to pass the checks `bundleFromJSON` makes after reading (`assertBundleFields`).
 *
 * @internal
 */
export function readWellFormedBundle(json: unknown): Bundle | undefined {
  try {
    const bundle = object(json);
    absent(bundle.messageSignature);
    const material = object(bundle.verificationMaterial);
    absent(material.publicKey);
    absent(material.x509CertificateChain);
    const certificate = object(material.certificate);
    const timestamps =
      material.timestampVerificationData === undefined
        ? undefined
        : object(material.timestampVerificationData);
    const envelope = object(bundle.dsseEnvelope);
    // Members in the order `Bundle.fromJSON` sets them.
    return {
      mediaType: text(bundle.mediaType),
      verificationMaterial: {
        content: {
          $case: 'certificate',
          certificate: { rawBytes: bytes(certificate.rawBytes) },
        },
        tlogEntries: items(material.tlogEntries, readTlogEntry),
        timestampVerificationData: timestamps
          ? {
              rfc3161Timestamps:
                timestamps.rfc3161Timestamps === undefined
                  ? []
                  : items(timestamps.rfc3161Timestamps, readTimestamp),
            }
          : undefined,
      },
      content: {
        $case: 'dsseEnvelope',
        dsseEnvelope: {
          payload: bytes(envelope.payload),
          payloadType: text(envelope.payloadType),
          signatures: items(envelope.signatures, readSignature),
        },
      },
    } as Bundle;
  } catch (error) {
    if (error === NOT_WELL_FORMED) {
      return undefined;
    }
    throw error;
  }
}

/** The checks `bundleFromJSON` makes after reading a bundle, by its media type. */
function assertBundleFields(bundle: Bundle): void {
  switch (bundle.mediaType) {
    case BUNDLE_V01_MEDIA_TYPE:
      assertBundleV01(bundle);
      break;
    case BUNDLE_V02_MEDIA_TYPE:
      assertBundleV02(bundle);
      break;
    default:
      assertBundleLatest(bundle);
  }
}

/**
 * Parses a Sigstore bundle (v0.1, v0.2 or v0.3) and checks the fields its version requires.
 * Never throws.
 *
 * @param options - `readByHand: false` leaves every bundle to `bundleFromJSON` (for tests that
 *   compare the two).
 * @internal
 */
export function parseSigstoreBundle(
  content: Buffer,
  options: { readByHand?: boolean } = {},
): { ok: true; bundle: Bundle } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the Sigstore bundle is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'the Sigstore bundle is not a JSON object' };
  }
  const wellFormed =
    options.readByHand === false ? undefined : readWellFormedBundle(json);
  if (wellFormed) {
    try {
      assertBundleFields(wellFormed);
      return { ok: true, bundle: wellFormed };
    } catch {
      // Left to bundleFromJSON below, which says what is missing.
    }
  }
  const base64 = strictBase64Problem(json);
  if (base64) {
    return { ok: false, reason: `the Sigstore bundle is invalid: ${base64}` };
  }
  try {
    return { ok: true, bundle: bundleFromJSON(json) };
  } catch (error) {
    const fields = (error as { fields?: string[] }).fields;
    return {
      ok: false,
      reason: `the Sigstore bundle is invalid: ${
        fields && fields.length > 0
          ? `missing or empty ${fields.slice(0, 5).join(', ')}`
          : (error as Error).message
      }`,
    };
  }
}
