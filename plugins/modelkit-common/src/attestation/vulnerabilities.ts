import { z } from 'zod';
import { formatIssues } from './schemaIssues';

/**
 * Severities of vulnerabilities, most severe first.
 *
 * @public
 */
export const VULNERABILITY_SEVERITIES = Object.freeze([
  'critical',
  'high',
  'medium',
  'low',
  'none',
  'unknown',
] as const);

/**
 * One of {@link VULNERABILITY_SEVERITIES}.
 *
 * @public
 */
export type VulnerabilitySeverity = (typeof VULNERABILITY_SEVERITIES)[number];

const severityEntrySchema = z.object({
  method: z.string().optional(),
  score: z.union([z.string(), z.number()]),
});
const resultEntrySchema = z.object({
  id: z.string().optional(),
  severity: z.array(severityEntrySchema).optional(),
  vulnerability: z
    .object({
      id: z.string().optional(),
      severity: z.array(severityEntrySchema).optional(),
    })
    .optional(),
});
// Trivy's JSON report, which `cosign attest --type vuln` wraps as `scanner.result`.
const trivyReportSchema = z.object({
  Results: z.array(
    z.object({
      Vulnerabilities: z
        .array(
          z.object({
            VulnerabilityID: z.string(),
            Severity: z.string().optional(),
          }),
        )
        .nullish(),
    }),
  ),
});

/**
 * The zod schema of vulnerability scan predicates: in-toto `vulns` v0.1 and v0.2, and cosign's
 * `vuln/v1` (whose `scanner.result` is the scanner's own report; Trivy reports are read).
 *
 * @public
 */
export const vulnerabilityPredicateSchema = z.object({
  scanner: z.object({
    uri: z.string().min(1),
    version: z.string().optional(),
    db: z
      .object({
        uri: z.string().optional(),
        version: z.string().optional(),
        lastUpdate: z.string().optional(),
      })
      .optional(),
    result: z.unknown().optional(),
  }),
  metadata: z
    .object({
      scanStartedOn: z.string().optional(),
      scanFinishedOn: z.string().optional(),
    })
    .optional(),
});

/**
 * One vulnerability of a summary.
 *
 * @public
 */
export interface VulnerabilityEntry {
  /** The vulnerability identifier, e.g. `CVE-2025-0001`. */
  id: string;
  /** The most severe of its scores. */
  severity: VulnerabilitySeverity;
  /** The scores as reported, e.g. `nvd: HIGH`, `cvss_v3: 7.5`. */
  scores: string[];
}

/**
 * What a vulnerability scan says, ready to show.
 *
 * @public
 */
export interface VulnerabilityScanSummary {
  /** The scanner and its vulnerability database. */
  scanner: {
    uri: string;
    version?: string;
    db?: { uri?: string; version?: string; lastUpdate?: string };
  };
  /** False when the result could not be read (an unknown report format). */
  resultsRead: boolean;
  /** How many vulnerabilities of each severity. */
  counts: Record<VulnerabilitySeverity, number>;
  /** How many vulnerabilities were reported. */
  total: number;
  /** Most severe first, at most 200. */
  vulnerabilities: VulnerabilityEntry[];
  /** Vulnerabilities left out of `vulnerabilities`. */
  omitted: number;
  /** When the scan started. */
  startedOn?: string;
  /** When the scan finished. */
  finishedOn?: string;
}

const MAX_LISTED = 200;

/**
 * Maps a severity score (a word such as `HIGH` or `moderate`, or a CVSS base score) to a
 * {@link VulnerabilitySeverity}.
 *
 * @public
 */
export function vulnerabilitySeverityOf(
  score: string | number,
): VulnerabilitySeverity {
  let numeric: number | undefined;
  if (typeof score === 'number') {
    numeric = score;
  } else if (/^\s*\d+(\.\d+)?\s*$/.test(score)) {
    numeric = Number(score);
  }
  if (numeric !== undefined) {
    if (!Number.isFinite(numeric) || numeric < 0 || numeric > 10) {
      return 'unknown';
    }
    if (numeric >= 9) return 'critical';
    if (numeric >= 7) return 'high';
    if (numeric >= 4) return 'medium';
    if (numeric > 0) return 'low';
    return 'none';
  }
  switch (String(score).trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
    case 'important':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
    case 'negligible':
      return 'low';
    case 'none':
      return 'none';
    default:
      return 'unknown';
  }
}

function worst(severities: VulnerabilitySeverity[]): VulnerabilitySeverity {
  let best: VulnerabilitySeverity = 'unknown';
  for (const severity of severities) {
    if (
      best === 'unknown' ||
      (severity !== 'unknown' &&
        VULNERABILITY_SEVERITIES.indexOf(severity) <
          VULNERABILITY_SEVERITIES.indexOf(best))
    ) {
      best = severity;
    }
  }
  return best;
}

function readResults(result: unknown): VulnerabilityEntry[] | undefined {
  if (Array.isArray(result)) {
    const entries: VulnerabilityEntry[] = [];
    for (const item of result) {
      const parsed = resultEntrySchema.safeParse(item);
      if (!parsed.success) {
        return undefined;
      }
      const id = parsed.data.id ?? parsed.data.vulnerability?.id;
      const severity =
        parsed.data.severity ?? parsed.data.vulnerability?.severity ?? [];
      if (!id) {
        return undefined;
      }
      entries.push({
        id,
        severity: worst(severity.map(s => vulnerabilitySeverityOf(s.score))),
        scores: severity.map(s =>
          s.method ? `${s.method}: ${s.score}` : String(s.score),
        ),
      });
    }
    return entries;
  }
  const trivy = trivyReportSchema.safeParse(result);
  if (trivy.success) {
    return trivy.data.Results.flatMap(r => r.Vulnerabilities ?? []).map(v => ({
      id: v.VulnerabilityID,
      severity: v.Severity ? vulnerabilitySeverityOf(v.Severity) : 'unknown',
      scores: v.Severity ? [v.Severity] : [],
    }));
  }
  return undefined;
}

/**
 * Parses and summarises a vulnerability scan predicate.
 *
 * @public
 */
export function summarizeVulnerabilities(
  predicate: unknown,
):
  | { ok: true; summary: VulnerabilityScanSummary }
  | { ok: false; issues: string[] } {
  const parsed = vulnerabilityPredicateSchema.safeParse(predicate);
  if (!parsed.success) {
    return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
  }
  const { scanner, metadata } = parsed.data;
  const entries = readResults(scanner.result ?? []);
  const counts = Object.fromEntries(
    VULNERABILITY_SEVERITIES.map(severity => [severity, 0]),
  ) as Record<VulnerabilitySeverity, number>;
  for (const entry of entries ?? []) {
    counts[entry.severity] += 1;
  }
  const rank = (s: VulnerabilitySeverity) =>
    VULNERABILITY_SEVERITIES.indexOf(s);
  const listed = [...(entries ?? [])]
    .sort((a, b) => rank(a.severity) - rank(b.severity))
    .slice(0, MAX_LISTED);
  return {
    ok: true,
    summary: {
      scanner: {
        uri: scanner.uri,
        ...(scanner.version ? { version: scanner.version } : {}),
        ...(scanner.db ? { db: scanner.db } : {}),
      },
      resultsRead: entries !== undefined,
      counts,
      total: entries?.length ?? 0,
      vulnerabilities: listed,
      omitted: (entries?.length ?? 0) - listed.length,
      ...(metadata?.scanStartedOn ? { startedOn: metadata.scanStartedOn } : {}),
      ...(metadata?.scanFinishedOn
        ? { finishedOn: metadata.scanFinishedOn }
        : {}),
    },
  };
}
