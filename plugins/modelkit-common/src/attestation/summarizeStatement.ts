import { AttestationSummary, JsonPreview } from './AttestationSummary';
import { InTotoStatement } from './inTotoStatement';
import { classifyPredicateType } from './predicateTypes';
import { summarizeSbom } from './sbom';
import { summarizeScanEvaluation } from './scanEvaluation';
import { summarizeSlsaProvenance } from './slsaProvenance';
import { summarizeVulnerabilities } from './vulnerabilities';

/**
 * The largest JSON kept whole in a {@link JsonPreview}, in bytes.
 *
 * @public
 */
export const JSON_PREVIEW_MAX_BYTES = 64 * 1024;

const ENCODER = new TextEncoder();

/**
 * Keeps a JSON value whole when its text is at most `maxBytes`, else the start of its
 * indented text.
 *
 * @public
 */
export function previewJson(
  value: unknown,
  maxBytes = JSON_PREVIEW_MAX_BYTES,
): JsonPreview {
  let compact: string;
  try {
    compact = JSON.stringify(value ?? null);
  } catch {
    return { text: '(not serialisable)', truncated: true, bytes: 0 };
  }
  const bytes = ENCODER.encode(compact).byteLength;
  if (bytes <= maxBytes) {
    return { value: value ?? null, truncated: false, bytes };
  }
  const text = JSON.stringify(value, null, 2).slice(0, maxBytes);
  return { text, truncated: true, bytes };
}

/**
 * Summarises the predicate of an in-toto statement for people: scan evaluations,
 * vulnerability scans, SLSA provenance and SBOMs by their schema, anything else as JSON.
 * Never throws; a predicate of a known family that fails its schema gives `invalid` with the
 * field paths that are wrong.
 *
 * @param subjectDigest - The digest the statement is checked against, so that a scan
 *   evaluation naming another ModelKit digest can be flagged.
 * @public
 */
export function summarizeStatement(
  statement: Pick<InTotoStatement, 'predicateType' | 'predicate'>,
  options: { subjectDigest?: string } = {},
): AttestationSummary {
  const kind = classifyPredicateType(statement.predicateType);
  const predicate = statement.predicate ?? {};
  if (kind === 'other') {
    return { kind: 'other', predicate: previewJson(predicate) };
  }
  if (kind === 'signature') {
    return { kind: 'signature' };
  }
  let result: { ok: false; issues: string[] };
  try {
    switch (kind) {
      case 'scan-evaluation': {
        const r = summarizeScanEvaluation(predicate, options);
        if (r.ok) {
          return { kind, scanEvaluation: r.summary };
        }
        result = r;
        break;
      }
      case 'vulnerabilities': {
        const r = summarizeVulnerabilities(predicate);
        if (r.ok) {
          return { kind, vulnerabilities: r.summary };
        }
        result = r;
        break;
      }
      case 'slsa-provenance': {
        const r = summarizeSlsaProvenance(predicate, statement.predicateType);
        if (r.ok) {
          return { kind, provenance: r.summary };
        }
        result = r;
        break;
      }
      default: {
        const r = summarizeSbom(predicate, kind);
        if (r.ok) {
          return { kind: 'sbom', sbom: r.summary };
        }
        result = r;
      }
    }
  } catch (error) {
    result = {
      ok: false,
      issues: [
        `predicate: could not be read (${
          error instanceof RangeError
            ? 'nested too deeply'
            : (error as Error).message
        })`,
      ],
    };
  }
  return {
    kind: 'invalid',
    predicateKind: kind,
    issues: result.issues,
    predicate: previewJson(predicate),
  };
}
