import type {
  ModelKitAttestationsResponse,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';

/**
 * A metric recorded when the version was trained or evaluated.
 *
 * @internal
 */
export interface TrainingMetric {
  name: string;
  value: number;
  unit?: string;
  /** `scan` only when a trusted key verified the scan evaluation. */
  source: 'scan' | 'kitfile';
  passed?: boolean;
}

const MAX = 20;

/**
 * The metrics of verified scan evaluations. Unverified ones are left out: their content is
 * vouched for by no one.
 *
 * @internal
 */
export function verifiedScanMetrics(
  attestations: ModelKitAttestationsResponse,
): TrainingMetric[] {
  const out: TrainingMetric[] = [];
  for (const result of attestations.report.attestations) {
    if (
      result.state !== 'verified' ||
      result.summary?.kind !== 'scan-evaluation'
    ) {
      continue;
    }
    for (const metric of result.summary.scanEvaluation.metrics) {
      out.push({
        name: metric.name,
        value: metric.value,
        ...(metric.unit && { unit: metric.unit }),
        source: 'scan',
        ...(metric.passed !== undefined && { passed: metric.passed }),
      });
    }
  }
  return out.slice(0, MAX);
}

/**
 * The numeric entries of the Kitfile's `model.parameters.metrics`, as the packager declared
 * them (not verified).
 *
 * @internal
 */
export function kitfileMetrics(version: ModelKitVersion): TrainingMetric[] {
  const parameters = version.kitfile.model?.parameters;
  if (
    !parameters ||
    typeof parameters !== 'object' ||
    Array.isArray(parameters)
  ) {
    return [];
  }
  const metrics = (parameters as Record<string, unknown>).metrics;
  if (!metrics || typeof metrics !== 'object' || Array.isArray(metrics)) {
    return [];
  }
  return Object.entries(metrics as Record<string, unknown>)
    .filter(
      (entry): entry is [string, number] =>
        typeof entry[1] === 'number' && Number.isFinite(entry[1]),
    )
    .slice(0, MAX)
    .map(([name, value]) => ({ name, value, source: 'kitfile' }));
}
