import { z } from 'zod';
import { AttestationTypes } from './predicateTypes';
import {
  absent,
  check,
  plainObject,
  plainRecord,
  readArray,
  readSimply,
  stringOf,
} from './plainJson';
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

/** A digest of a digest set, as `digestSetSchema` reads it. */
const isDigest = (algorithm: string, value: unknown) =>
  algorithm.length >= 1 &&
  algorithm.length <= 64 &&
  typeof value === 'string' &&
  value.length >= 1 &&
  value.length <= 1024;

/**
 * Reads a well-formed statement by hand into exactly what `inTotoStatementSchema` returns
 * (its digest sets and predicate are the parsed JSON's own, which nothing else holds);
 * undefined for anything else, which the schema then reads (and says what is wrong).
 */
function readWellFormed(json: unknown): InTotoStatement | undefined {
  return readSimply(() => {
    const record = plainObject(json);
    const type = record._type;
    check(
      type === AttestationTypes.statementV1 ||
        type === AttestationTypes.statementV01,
    );
    const subject = readArray(record.subject, item => {
      const entry = plainObject(item);
      const read: InTotoStatement['subject'][number] = {} as never;
      const { name, uri } = entry;
      if (!absent(name, entry, 'name')) {
        read.name = stringOf(name, 0, Infinity);
      }
      if (!absent(uri, entry, 'uri')) {
        read.uri = stringOf(uri, 0, Infinity);
      }
      read.digest = plainRecord(entry.digest, isDigest) as Record<
        string,
        string
      >;
      check(Object.keys(read.digest).length > 0);
      return read;
    });
    check(subject.length > 0);
    const statement: InTotoStatement = {
      _type: type as InTotoStatement['_type'],
      subject,
      predicateType: stringOf(record.predicateType, 1, Infinity),
    };
    const predicate = record.predicate;
    if (!absent(predicate, record, 'predicate')) {
      statement.predicate = plainRecord(predicate);
    }
    return statement;
  });
}

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
  const wellFormed = readWellFormed(json);
  if (wellFormed) {
    return { ok: true, statement: wellFormed };
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
  // The usual algorithm by its literal name: a member read by a constant name is faster than
  // one by a name cut out of another string.
  const algorithm = ociDigest.startsWith('sha256:')
    ? 'sha256'
    : ociDigest.slice(0, colon);
  const given = ociDigest.slice(colon + 1);
  let hex: string | undefined;
  for (const subject of subjects) {
    const digest = subject.digest;
    const value = Object.prototype.hasOwnProperty.call(digest, algorithm)
      ? digest[algorithm]
      : undefined;
    if (typeof value !== 'string') {
      continue;
    }
    // The same spelling needs no lower-casing (the usual case).
    if (value === given) {
      return true;
    }
    hex ??= given.toLowerCase();
    if (value === hex || value.toLowerCase() === hex) {
      return true;
    }
  }
  return false;
}
