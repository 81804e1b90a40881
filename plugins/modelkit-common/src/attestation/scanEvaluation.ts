import { z } from 'zod';
import { formatIssues, isDateTime } from './schemaIssues';

/**
 * Severities of scan findings, least severe first: `info` (context), `anomaly` (unusual but
 * not known to be harmful), `concern` (likely harmful, needs review), `error` (harmful or the
 * scan could not complete).
 *
 * @public
 */
export const SCAN_FINDING_SEVERITIES = Object.freeze([
  'info',
  'anomaly',
  'concern',
  'error',
] as const);

/**
 * One of {@link SCAN_FINDING_SEVERITIES}.
 *
 * @public
 */
export type ScanFindingSeverity = (typeof SCAN_FINDING_SEVERITIES)[number];

const OCI_DIGEST = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
const dateTime = z.string().refine(isDateTime, {
  message: 'must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z',
});

const metricSchema = z.object({
  name: z.string().min(1).max(200),
  value: z.number().refine(Number.isFinite, { message: 'must be finite' }),
  unit: z.string().max(50).optional(),
  description: z.string().max(2000).optional(),
  threshold: z
    .object({ min: z.number().optional(), max: z.number().optional() })
    .refine(t => t.min !== undefined || t.max !== undefined, {
      message: 'must set min, max or both',
    })
    .optional(),
});

const findingSchema = z.object({
  id: z.string().max(200).optional(),
  severity: z.enum(SCAN_FINDING_SEVERITIES, {
    message: `must be one of ${SCAN_FINDING_SEVERITIES.join(', ')}`,
  }),
  title: z.string().min(1).max(500),
  description: z.string().max(10_000).optional(),
  category: z.string().max(200).optional(),
  location: z
    .object({
      path: z.string().max(4096).optional(),
      layerDigest: z
        .string()
        .regex(OCI_DIGEST, { message: 'must be an OCI digest' })
        .optional(),
      line: z.number().int().nonnegative().optional(),
    })
    .optional(),
  references: z.array(z.string().max(2048)).max(50).optional(),
});

/**
 * The zod schema of the Kitstage scan evaluation predicate
 * (`https://kitstage.dev/attestation/scan-evaluation/v1`): what a model scanner found in one
 * ModelKit version. Unknown fields are ignored.
 *
 * @public
 */
export const scanEvaluationPredicateSchema = z
  .object({
    scanner: z.object({
      name: z.string().min(1).max(200),
      version: z.string().max(100).optional(),
      uri: z.string().max(2048).optional(),
    }),
    modelKit: z
      .object({
        reference: z.string().max(1024).optional(),
        digest: z
          .string()
          .regex(OCI_DIGEST, { message: 'must be an OCI digest' })
          .optional(),
      })
      .optional(),
    result: z.enum(['pass', 'fail']).optional(),
    metrics: z.array(metricSchema).optional(),
    findings: z.array(findingSchema).optional(),
    timing: z.object({ startedOn: dateTime, finishedOn: dateTime }),
    invocation: z.object({ uri: z.string().max(2048).optional() }).optional(),
  })
  .refine(
    p => Date.parse(p.timing.startedOn) <= Date.parse(p.timing.finishedOn),
    { message: 'must not finish before it starts', path: ['timing'] },
  );

/**
 * A scan evaluation predicate.
 *
 * @public
 */
export type ScanEvaluationPredicate = z.infer<
  typeof scanEvaluationPredicateSchema
>;

/**
 * A metric of a scan evaluation with its outcome.
 *
 * @public
 */
export interface ScanMetricResult {
  /** The metric name, e.g. `accuracy`. */
  name: string;
  /** The measured value. */
  value: number;
  /** The unit, e.g. `ms` or `ratio`. */
  unit?: string;
  /** What the metric measures. */
  description?: string;
  /** Inclusive bounds the value must stay within. */
  threshold?: { min?: number; max?: number };
  /** Whether the value is within the threshold; absent for metrics without a threshold. */
  passed?: boolean;
}

/**
 * A finding of a scan evaluation.
 *
 * @public
 */
export interface ScanFinding {
  /** The scanner's identifier of the finding or rule. */
  id?: string;
  /** How severe the finding is. */
  severity: ScanFindingSeverity;
  /** One line saying what was found. */
  title: string;
  /** More detail. */
  description?: string;
  /** A grouping chosen by the scanner, e.g. `unsafe-deserialization`. */
  category?: string;
  /** Where in the ModelKit: file path, layer digest, line. */
  location?: { path?: string; layerDigest?: string; line?: number };
  /** Links to advisories or documentation. */
  references?: string[];
}

/**
 * What a scan evaluation says, ready to show.
 *
 * @public
 */
export interface ScanEvaluationSummary {
  /** The tool that ran. */
  scanner: { name: string; version?: string; uri?: string };
  /** The ModelKit the scanner says it scanned. */
  modelKit?: { reference?: string; digest?: string };
  /**
   * False when the predicate names a ModelKit digest other than the statement subject being
   * checked; absent when it names none.
   */
  digestMatchesSubject?: boolean;
  /** The result the scanner declared, if any. */
  declaredResult?: 'pass' | 'fail';
  /**
   * `fail` when the scanner declared `fail`, a metric is outside its threshold, a finding is a
   * `concern` or `error`, or the predicate names another digest; `pass` otherwise.
   */
  verdict: 'pass' | 'fail';
  /** The metrics with their outcome, at most 200. */
  metrics: ScanMetricResult[];
  /** How many metrics are outside their threshold. */
  failedMetrics: number;
  /** How many findings of each severity. */
  findingCounts: Record<ScanFindingSeverity, number>;
  /** The findings, most severe first, at most {@link SCAN_EVALUATION_SUMMARY_LIMITS}.findings. */
  findings: ScanFinding[];
  /** Findings left out of `findings`. */
  omittedFindings: number;
  /** When the scan started (RFC 3339). */
  startedOn: string;
  /** When the scan finished (RFC 3339). */
  finishedOn: string;
  /** How long the scan took, in milliseconds. */
  durationMs: number;
  /** A link to the scan run. */
  invocationUri?: string;
}

/**
 * How much of a scan evaluation a summary keeps.
 *
 * @public
 */
export const SCAN_EVALUATION_SUMMARY_LIMITS = Object.freeze({
  metrics: 200,
  findings: 200,
});

/**
 * Tells whether a metric value is within its threshold (inclusive bounds).
 *
 * @public
 */
export function metricPasses(metric: {
  value: number;
  threshold?: { min?: number; max?: number };
}): boolean | undefined {
  if (!metric.threshold) {
    return undefined;
  }
  const { min, max } = metric.threshold;
  return (
    (min === undefined || metric.value >= min) &&
    (max === undefined || metric.value <= max)
  );
}

/**
 * Parses and summarises a scan evaluation predicate. `subjectDigest` is the digest the
 * statement was checked against; a predicate naming another digest fails its verdict.
 *
 * @public
 */
export function summarizeScanEvaluation(
  predicate: unknown,
  options: { subjectDigest?: string } = {},
):
  | { ok: true; summary: ScanEvaluationSummary }
  | { ok: false; issues: string[] } {
  const parsed = scanEvaluationPredicateSchema.safeParse(predicate);
  if (!parsed.success) {
    return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
  }
  const p = parsed.data;
  const metrics = (p.metrics ?? [])
    .slice(0, SCAN_EVALUATION_SUMMARY_LIMITS.metrics)
    .map(metric => {
      const passed = metricPasses(metric);
      return { ...metric, ...(passed === undefined ? {} : { passed }) };
    });
  const failedMetrics = (p.metrics ?? []).filter(
    metric => metricPasses(metric) === false,
  ).length;
  const findingCounts = Object.fromEntries(
    SCAN_FINDING_SEVERITIES.map(severity => [severity, 0]),
  ) as Record<ScanFindingSeverity, number>;
  const allFindings = p.findings ?? [];
  for (const finding of allFindings) {
    findingCounts[finding.severity] += 1;
  }
  const rank = (severity: ScanFindingSeverity) =>
    SCAN_FINDING_SEVERITIES.indexOf(severity);
  const findings = allFindings
    .map((finding, index) => ({ finding, index }))
    .sort(
      (a, b) =>
        rank(b.finding.severity) - rank(a.finding.severity) ||
        a.index - b.index,
    )
    .slice(0, SCAN_EVALUATION_SUMMARY_LIMITS.findings)
    .map(({ finding }) => finding);
  const digestMatchesSubject =
    p.modelKit?.digest && options.subjectDigest
      ? p.modelKit.digest === options.subjectDigest
      : undefined;
  const verdict =
    p.result === 'fail' ||
    failedMetrics > 0 ||
    findingCounts.concern > 0 ||
    findingCounts.error > 0 ||
    digestMatchesSubject === false
      ? 'fail'
      : 'pass';
  return {
    ok: true,
    summary: {
      scanner: p.scanner,
      ...(p.modelKit ? { modelKit: p.modelKit } : {}),
      ...(digestMatchesSubject === undefined ? {} : { digestMatchesSubject }),
      ...(p.result ? { declaredResult: p.result } : {}),
      verdict,
      metrics,
      failedMetrics,
      findingCounts,
      findings,
      omittedFindings: allFindings.length - findings.length,
      startedOn: p.timing.startedOn,
      finishedOn: p.timing.finishedOn,
      durationMs:
        Date.parse(p.timing.finishedOn) - Date.parse(p.timing.startedOn),
      ...(p.invocation?.uri ? { invocationUri: p.invocation.uri } : {}),
    },
  };
}
