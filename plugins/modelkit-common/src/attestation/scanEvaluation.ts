import { z } from 'zod';
import { readScanEvaluation } from './scanEvaluationReader';
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

const READ_RULES = {
  severities: SCAN_FINDING_SEVERITIES,
  ociDigest: OCI_DIGEST,
};

const SEVERITY_RANK = new Map<string, number>(
  SCAN_FINDING_SEVERITIES.map((severity, rank) => [severity, rank]),
);

function bySeverityDescending(
  a: { severity: ScanFindingSeverity },
  b: { severity: ScanFindingSeverity },
): number {
  return SEVERITY_RANK.get(b.severity)! - SEVERITY_RANK.get(a.severity)!;
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
  // A well-formed predicate is read by hand (the same result, several times faster); the
  // schema reads anything else and says what is wrong.
  const read = readScanEvaluation(predicate, READ_RULES);
  let p: ScanEvaluationPredicate;
  let durationMs: number;
  if (read) {
    p = read.predicate as ScanEvaluationPredicate;
    durationMs = read.finishedMs - read.startedMs;
  } else {
    const parsed = scanEvaluationPredicateSchema.safeParse(predicate);
    if (!parsed.success) {
      return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
    }
    p = parsed.data;
    durationMs =
      Date.parse(p.timing.finishedOn) - Date.parse(p.timing.startedOn);
  }
  // The metrics and findings read here are this call's own (the reader's or the schema's
  // copies), so they are kept as they are rather than copied again.
  const allMetrics: ScanMetricResult[] = p.metrics ?? [];
  const metrics: ScanMetricResult[] = [];
  let failedMetrics = 0;
  for (const metric of allMetrics) {
    const passed = metricPasses(metric);
    if (passed === false) {
      failedMetrics += 1;
    }
    if (metrics.length < SCAN_EVALUATION_SUMMARY_LIMITS.metrics) {
      if (passed !== undefined) {
        metric.passed = passed;
      }
      metrics.push(metric);
    }
  }
  // In the order of SCAN_FINDING_SEVERITIES.
  const findingCounts: Record<ScanFindingSeverity, number> = {
    info: 0,
    anomaly: 0,
    concern: 0,
    error: 0,
  };
  const allFindings = p.findings ?? [];
  for (const finding of allFindings) {
    findingCounts[finding.severity] += 1;
  }
  // Most severe first; the sort is stable, so findings of one severity keep their order.
  const findings = (
    allFindings.length > 1
      ? [...allFindings].sort(bySeverityDescending)
      : allFindings
  ).slice(0, SCAN_EVALUATION_SUMMARY_LIMITS.findings);
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
  // Members set one after the other, optional ones only when present, in this order.
  const summary = { scanner: p.scanner } as ScanEvaluationSummary;
  if (p.modelKit) {
    summary.modelKit = p.modelKit;
  }
  if (digestMatchesSubject !== undefined) {
    summary.digestMatchesSubject = digestMatchesSubject;
  }
  if (p.result) {
    summary.declaredResult = p.result;
  }
  summary.verdict = verdict;
  summary.metrics = metrics;
  summary.failedMetrics = failedMetrics;
  summary.findingCounts = findingCounts;
  summary.findings = findings;
  summary.omittedFindings = allFindings.length - findings.length;
  summary.startedOn = p.timing.startedOn;
  summary.finishedOn = p.timing.finishedOn;
  summary.durationMs = durationMs;
  if (p.invocation?.uri) {
    summary.invocationUri = p.invocation.uri;
  }
  return { ok: true, summary };
}
