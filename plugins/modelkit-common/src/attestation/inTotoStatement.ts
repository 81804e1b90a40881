import { z } from 'zod';
import { AttestationTypes } from './predicateTypes';
import { formatIssues } from './schemaIssues';

const digestSetSchema = z
  .record(z.string().min(1).max(64), z.string().min(1).max(1024))
  .refine(digests => Object.keys(digests).length > 0, {
    message: 'must name at least one digest',
  });

/**
 * The zod schema of an in-toto Statement, version 1 or 0.1. Unknown fields are ignored, as
 * the in-toto parsing rules require.
 *
 * @public
 */
export const inTotoStatementSchema = z.object({
  _type: z.enum([AttestationTypes.statementV1, AttestationTypes.statementV01], {
    message: `must be "${AttestationTypes.statementV1}" or "${AttestationTypes.statementV01}"`,
  }),
  subject: z
    .array(
      z.object({
        name: z.string().optional(),
        uri: z.string().optional(),
        digest: digestSetSchema,
      }),
    )
    .min(1, { message: 'must list at least one subject' }),
  predicateType: z.string().min(1, { message: 'must not be empty' }),
  predicate: z.record(z.string(), z.unknown()).optional(),
});

/**
 * An in-toto Statement (v1 or v0.1).
 *
 * @public
 */
export type InTotoStatement = z.infer<typeof inTotoStatementSchema>;

/**
 * The result of {@link parseInTotoStatement}.
 *
 * @public
 */
export type InTotoStatementParseResult =
  | { ok: true; statement: InTotoStatement }
  | { ok: false; issues: string[] };

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses a DSSE payload (bytes or text) as an in-toto Statement. Never throws: problems come
 * back as `path: message` lines (`subject[0].digest: must name at least one digest`).
 *
 * @public
 */
export function parseInTotoStatement(
  payload: Uint8Array | string,
): InTotoStatementParseResult {
  let text: string;
  try {
    text = typeof payload === 'string' ? payload : UTF8.decode(payload);
  } catch {
    return { ok: false, issues: ['the payload is not UTF-8 text'] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return {
      ok: false,
      issues: [`the payload is not JSON (${(error as Error).message})`],
    };
  }
  const parsed = inTotoStatementSchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, issues: formatIssues(parsed.error) };
  }
  return { ok: true, statement: parsed.data };
}

/**
 * Tells whether a statement's subjects include an OCI digest (`sha256:<hex>`). Only the
 * digest counts, never the subject name, as the in-toto specification requires.
 *
 * @public
 */
export function statementNamesDigest(
  subjects: ReadonlyArray<{ digest: Record<string, string> }>,
  ociDigest: string,
): boolean {
  const colon = ociDigest.indexOf(':');
  if (colon <= 0) {
    return false;
  }
  const algorithm = ociDigest.slice(0, colon);
  const hex = ociDigest.slice(colon + 1).toLowerCase();
  return subjects.some(subject => {
    const value = Object.prototype.hasOwnProperty.call(
      subject.digest,
      algorithm,
    )
      ? subject.digest[algorithm]
      : undefined;
    return typeof value === 'string' && value.toLowerCase() === hex;
  });
}
