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

/**
 * Decodes base64 (standard or URL-safe, padded or not) only when the text is the canonical
 * encoding of its bytes, so that two different texts never decode to the same bytes.
 *
 * @internal
 */
export function decodeBase64Strict(text: string): Buffer | undefined {
  const urlSafe = !STANDARD.test(text);
  if (urlSafe && !URL_SAFE.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, urlSafe ? 'base64url' : 'base64');
  const canonical = bytes.toString(urlSafe ? 'base64url' : 'base64');
  const strip = (value: string) => value.replace(/=+$/, '');
  if (strip(canonical) !== strip(text)) {
    return undefined;
  }
  // Padding, when present, must be complete.
  if (text.endsWith('=') && text.length % 4 !== 0) {
    return undefined;
  }
  return bytes;
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

/**
 * Parses a DSSE envelope (JSON). Never throws.
 *
 * @internal
 */
export function parseDsseEnvelope(
  json: unknown,
): { ok: true; envelope: DsseEnvelope } | { ok: false; reason: string } {
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
export function preAuthEncoding(payloadType: string, payload: Buffer): Buffer {
  const type = Buffer.from(payloadType, 'utf8');
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${type.length} `, 'ascii'),
    type,
    Buffer.from(` ${payload.length} `, 'ascii'),
    payload,
  ]);
}
