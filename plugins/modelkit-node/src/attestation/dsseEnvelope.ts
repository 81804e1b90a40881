import { z } from 'zod';

/**
 * A parsed DSSE envelope with its payload and signatures decoded.
 *
 * @internal
 */
export interface DsseEnvelope {
  payloadType: string;
  payload: Buffer;
  signatures: Array<{ keyid: string; sig: Buffer }>;
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
 * Decodes padded standard base64 (what most signers write) when the text is the canonical
 * encoding of its bytes, without encoding them again; undefined for any other text, which
 * `decodeBase64Strict` then reads digit by digit.
 *
 * Node.js skips characters that are not base64 digits (and reads only the low byte of a
 * character beyond ASCII, and reads `-` and `_` as `+` and `/`), and decodes every four
 * digits into three bytes: so a text of ASCII characters without `-` or `_`, a multiple of
 * four long, decodes into exactly its length's worth of bytes only when every character
 * before the padding is a standard digit. The bits of the last digit beyond the last byte
 * must then be zero, as they are in the canonical encoding.
 */
function decodeCanonicalPadded(text: string): Buffer | undefined {
  const length = text.length;
  if (
    length % 4 !== 0 ||
    text.indexOf('-') !== -1 ||
    text.indexOf('_') !== -1 ||
    Buffer.byteLength(text, 'utf8') !== length
  ) {
    return undefined;
  }
  let padding = 0;
  if (length > 0 && text.charCodeAt(length - 1) === 0x3d) {
    padding = text.charCodeAt(length - 2) === 0x3d ? 2 : 1;
  }
  const bytes = Buffer.from(text, 'base64');
  if (
    bytes.length !== (length / 4) * 3 - padding ||
    (padding !== 0 &&
      (digitValue(text.charCodeAt(length - padding - 1)) &
        (padding === 2 ? 0x0f : 0x03)) !==
        0)
  ) {
    return undefined;
  }
  return bytes;
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
 * decides, without decoding it when it is padded standard base64 (what signers and the
 * protobuf JSON writers produce): every character before the padding a standard digit, the
 * padding complete, and the bits of the last digit beyond the last byte zero.
 *
 * @internal
 */
export function isCanonicalBase64(text: string): boolean {
  const length = text.length;
  if (length % 4 === 0 && STANDARD.test(text)) {
    if (length === 0 || text.charCodeAt(length - 1) !== 0x3d) {
      return true;
    }
    const padding = text.charCodeAt(length - 2) === 0x3d ? 2 : 1;
    return (
      (digitValue(text.charCodeAt(length - padding - 1)) &
        (padding === 2 ? 0x0f : 0x03)) ===
      0
    );
  }
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
  const payloadBytes = decodeBase64Strict(payload);
  if (!payloadBytes) {
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
  return { payloadType, payload: payloadBytes, signatures: read };
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
    envelope: {
      payloadType: parsed.data.payloadType,
      payload: parsed.data.payload,
      signatures: parsed.data.signatures.map(s => ({
        keyid: s.keyid ?? '',
        sig: s.sig,
      })),
    },
  };
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
  const typeLength = Buffer.byteLength(payloadType, 'utf8');
  const head = `DSSEv1 ${typeLength} `;
  const middle = ` ${payload.length} `;
  // One buffer written in place: the two headers are ASCII, one byte per character.
  const pae = Buffer.allocUnsafe(
    head.length + typeLength + middle.length + payload.length,
  );
  let offset = pae.write(head, 0, 'latin1');
  offset += pae.write(payloadType, offset, 'utf8');
  offset += pae.write(middle, offset, 'latin1');
  pae.set(payload, offset);
  return pae;
}
