import { z } from 'zod';

/**
 * A parsed DSSE envelope with its payload and signatures decoded.
 *
 * @internal
 */
export interface DsseEnvelope {
  payloadType: string;
  /** The payload: a view of the end of `pae`. */
  payload: Buffer;
  signatures: Array<{ keyid: string; sig: Buffer }>;
  /**
   * The pre-authentication encoding of the payload type and payload: the bytes every DSSE
   * signature of the envelope covers.
   */
  pae: Buffer;
}

/**
 * Whether an envelope's payload is the end of its pre-authentication encoding (the bytes its
 * signatures are checked over), as every envelope this module builds has it: the statement is
 * read from `payload`, so content that is not those bytes must never be shown as signed.
 *
 * @internal
 */
export function payloadIsSigned(envelope: DsseEnvelope): boolean {
  const { payload, pae } = envelope;
  return (
    payload.buffer === pae.buffer &&
    payload.byteOffset + payload.byteLength ===
      pae.byteOffset + pae.byteLength &&
    payload.byteLength <= pae.byteLength
  );
}

const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;
const URL_SAFE = /^[A-Za-z0-9_-]*={0,2}$/;

/** The value of a base64 (or base64url) digit. */
function digitValue(code: number): number {
  if (code >= 0x41 && code <= 0x5a) {
    return code - 0x41; // A-Z
  }
  if (code >= 0x61 && code <= 0x7a) {
    return code - 0x61 + 26; // a-z
  }
  if (code >= 0x30 && code <= 0x39) {
    return code - 0x30 + 52; // 0-9
  }
  return code === 0x2b || code === 0x2d ? 62 : 63; // + or -, / or _
}

/**
 * The number of bytes padded standard base64 (what most signers write) decodes into when it
 * may be the canonical encoding of its bytes, found without decoding it; -1 for any other
 * text, which `decodeBase64Strict` then reads digit by digit. The decoded bytes must then be
 * exactly that many, and `lastDigitFits` hold.
 *
 * Node.js skips characters that are not base64 digits (and reads only the low byte of a
 * character beyond ASCII, and reads `-` and `_` as `+` and `/`), and decodes every four
 * digits into three bytes: so a text of ASCII characters without `-` or `_`, a multiple of
 * four long, decodes into exactly its length's worth of bytes only when every character
 * before the padding is a standard digit. The bits of the last digit beyond the last byte
 * must then be zero, as they are in the canonical encoding.
 */
function canonicalPaddedSize(text: string): number {
  const length = text.length;
  if (
    length % 4 !== 0 ||
    text.indexOf('-') !== -1 ||
    text.indexOf('_') !== -1 ||
    Buffer.byteLength(text, 'utf8') !== length
  ) {
    return -1;
  }
  return (length / 4) * 3 - paddingOf(text);
}

/** How many `=` end a padded text: 0, 1 or 2 (of a text a multiple of four long). */
function paddingOf(text: string): number {
  const length = text.length;
  if (length === 0 || text.charCodeAt(length - 1) !== 0x3d) {
    return 0;
  }
  return text.charCodeAt(length - 2) === 0x3d ? 2 : 1;
}

/** Whether the bits of the last digit of a padded text beyond its last byte are zero. */
function lastDigitFits(text: string): boolean {
  const padding = paddingOf(text);
  return (
    padding === 0 ||
    (digitValue(text.charCodeAt(text.length - padding - 1)) &
      (padding === 2 ? 0x0f : 0x03)) ===
      0
  );
}

/**
 * Decodes padded standard base64 when it is the canonical encoding of its bytes, without
 * encoding them again (see `canonicalPaddedSize`); undefined for any other text.
 */
function decodeCanonicalPadded(text: string): Buffer | undefined {
  const size = canonicalPaddedSize(text);
  if (size < 0) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  return bytes.length === size && lastDigitFits(text) ? bytes : undefined;
}

/**
 * Decodes base64 (standard or URL-safe, padded or not) only when the text is the canonical
 * encoding of its bytes, so that two different texts never decode to the same bytes.
 *
 * @internal
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const padded = decodeCanonicalPadded(text);
  if (padded) {
    return padded;
  }
  // The bytes encode back to exactly the text only if it is their canonical padded encoding.
  const bytes = Buffer.from(text, 'base64');
  if (bytes.toString('base64') === text) {
    return bytes;
  }
  const urlSafe = !STANDARD.test(text);
  if (urlSafe && !URL_SAFE.test(text)) {
    return undefined;
  }
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) {
    end--;
  }
  // Encoding the bytes again gives the same digits exactly when no digit is left over (one
  // digit is not a byte) and the bits of the last digit beyond the last byte are zero.
  const rest = end % 4;
  if (rest === 1) {
    return undefined;
  }
  if (
    rest !== 0 &&
    (digitValue(text.charCodeAt(end - 1)) & (rest === 2 ? 0x0f : 0x03)) !== 0
  ) {
    return undefined;
  }
  // Padding, when present, must be complete.
  if (end < text.length && text.length % 4 !== 0) {
    return undefined;
  }
  return Buffer.from(text, urlSafe ? 'base64url' : 'base64');
}

/**
 * Whether the text is the canonical base64 encoding of some bytes, as `decodeBase64Strict`
 * decides. (Decoding is the cheapest way to tell: Node.js decodes base64 many times faster than
 * a regular expression scans it.)
 *
 * @internal
 */
export function isCanonicalBase64(text: string): boolean {
  return decodeBase64Strict(text) !== undefined;
}

const base64Field = (what: string) =>
  z.string().transform((value, ctx) => {
    const bytes = decodeBase64Strict(value);
    if (!bytes) {
      ctx.addIssue({ code: 'custom', message: `${what} is not valid base64` });
      return z.NEVER;
    }
    return bytes;
  });

const envelopeSchema = z.object({
  payloadType: z.string().min(1, { message: 'must not be empty' }),
  payload: base64Field('the payload'),
  signatures: z
    .array(
      z.object({
        keyid: z.string().max(512).optional(),
        sig: base64Field('the signature'),
      }),
    )
    .max(1000),
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads a well-formed envelope by hand, as `envelopeSchema` would; undefined for anything
 * else, which the schema then reads (and describes what is wrong).
 */
function readWellFormed(json: unknown): DsseEnvelope | undefined {
  if (!isRecord(json)) {
    return undefined;
  }
  const { payloadType, payload, signatures } = json;
  if (
    typeof payloadType !== 'string' ||
    payloadType.length === 0 ||
    typeof payload !== 'string' ||
    !Array.isArray(signatures) ||
    signatures.length > 1000
  ) {
    return undefined;
  }
  const decoded = decodeIntoPae(payloadType, payload);
  if (!decoded) {
    return undefined;
  }
  const read: DsseEnvelope['signatures'] = [];
  for (const signature of signatures) {
    if (!isRecord(signature)) {
      return undefined;
    }
    const { keyid, sig } = signature;
    if (
      (keyid !== undefined &&
        (typeof keyid !== 'string' || keyid.length > 512)) ||
      typeof sig !== 'string'
    ) {
      return undefined;
    }
    const sigBytes = decodeBase64Strict(sig);
    if (!sigBytes) {
      return undefined;
    }
    read.push({ keyid: keyid ?? '', sig: sigBytes });
  }
  return {
    payloadType,
    payload: decoded.payload,
    signatures: read,
    pae: decoded.pae,
  };
}

/**
 * Parses a DSSE envelope (JSON). Never throws.
 *
 * @internal
 */
export function parseDsseEnvelope(
  json: unknown,
): { ok: true; envelope: DsseEnvelope } | { ok: false; reason: string } {
  const wellFormed = readWellFormed(json);
  if (wellFormed) {
    return { ok: true, envelope: wellFormed };
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path
      .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
      .join('')
      .replace(/^\./, '');
    return {
      ok: false,
      reason: `the DSSE envelope is invalid: ${path || '(root)'}: ${
        issue.message
      }`,
    };
  }
  return {
    ok: true,
    envelope: dsseEnvelopeOf(
      parsed.data.payloadType,
      parsed.data.payload,
      parsed.data.signatures.map(s => ({
        keyid: s.keyid ?? '',
        sig: s.sig,
      })),
    ),
  };
}

/** `DSSEv1 <type length> <type> <payload length> `: what the PAE holds before the payload. */
function paeHeader(payloadType: string, payloadLength: number): string {
  return `DSSEv1 ${Buffer.byteLength(
    payloadType,
    'utf8',
  )} ${payloadType} ${payloadLength} `;
}

/**
 * The DSSE pre-authentication encoding: the bytes a DSSE signature covers.
 *
 * @internal
 */
export function preAuthEncoding(
  payloadType: string,
  payload: Uint8Array,
): Buffer {
  const header = paeHeader(payloadType, payload.length);
  const headerLength = Buffer.byteLength(header, 'utf8');
  // One buffer written in place.
  const pae = Buffer.allocUnsafe(headerLength + payload.length);
  pae.write(header, 0, headerLength, 'utf8');
  pae.set(payload, headerLength);
  return pae;
}

/** The pre-authentication encoding of a payload, and a view of the payload in it. */
function encodedWith(
  payloadType: string,
  payload: Uint8Array,
): { pae: Buffer; payload: Buffer } {
  const pae = preAuthEncoding(payloadType, payload);
  return { pae, payload: pae.subarray(pae.length - payload.length) };
}

/**
 * The pre-authentication encoding of `payloadType` and the bytes the base64 `text` encodes,
 * with the payload decoded straight into its place (and a view of it), when the text is
 * canonical base64 as `decodeBase64Strict` decides; undefined otherwise.
 */
function decodeIntoPae(
  payloadType: string,
  text: string,
): { pae: Buffer; payload: Buffer } | undefined {
  const size = canonicalPaddedSize(text);
  if (size < 0) {
    const bytes = decodeBase64Strict(text);
    return bytes ? encodedWith(payloadType, bytes) : undefined;
  }
  const header = paeHeader(payloadType, size);
  const headerLength = Buffer.byteLength(header, 'utf8');
  const pae = Buffer.allocUnsafe(headerLength + size);
  pae.write(header, 0, headerLength, 'utf8');
  // As `decodeCanonicalPadded`: exactly `size` bytes, and no bits left in the last digit.
  if (
    pae.write(text, headerLength, size, 'base64') !== size ||
    !lastDigitFits(text)
  ) {
    return undefined;
  }
  return { pae, payload: pae.subarray(headerLength) };
}

/**
 * A DSSE envelope of these decoded parts, its payload copied into its pre-authentication
 * encoding.
 *
 * @internal
 */
export function dsseEnvelopeOf(
  payloadType: string,
  payload: Uint8Array,
  signatures: DsseEnvelope['signatures'],
): DsseEnvelope {
  const encoded = encodedWith(payloadType, payload);
  return {
    payloadType,
    payload: encoded.payload,
    signatures,
    pae: encoded.pae,
  };
}
