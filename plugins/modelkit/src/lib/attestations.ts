import {
  AttestationResult,
  AttestationSigner,
  SCAN_FINDING_SEVERITIES,
  ScanFinding,
  ScanFindingSeverity,
} from '@kitstage/plugin-modelkit-common';

/**
 * Returns the value when it is an http(s) address, so that links taken from
 * attestations never run script or open other schemes.
 *
 * @internal
 */
export function webUrl(value: string | undefined): string | undefined {
  return value && /^https?:\/\/[^\s]+$/i.test(value) ? value : undefined;
}

/**
 * Writes the bounds of a metric threshold: `≥ 0.9`, `≤ 0.01`, `0.1 – 0.9`.
 *
 * @internal
 */
export function formatThreshold(
  threshold: { min?: number; max?: number } | undefined,
  unit?: string,
): string | undefined {
  if (!threshold) {
    return undefined;
  }
  const suffix = unit ? ` ${unit}` : '';
  const { min, max } = threshold;
  if (min !== undefined && max !== undefined) {
    return `${min} – ${max}${suffix}`;
  }
  if (min !== undefined) {
    return `≥ ${min}${suffix}`;
  }
  if (max !== undefined) {
    return `≤ ${max}${suffix}`;
  }
  return undefined;
}

/**
 * Groups findings by severity, most severe first, keeping their order within a
 * severity. Severities without findings are left out.
 *
 * @internal
 */
export function groupFindingsBySeverity(
  findings: readonly ScanFinding[],
): Array<{ severity: ScanFindingSeverity; findings: ScanFinding[] }> {
  return [...SCAN_FINDING_SEVERITIES]
    .reverse()
    .map(severity => ({
      severity,
      findings: findings.filter(f => f.severity === severity),
    }))
    .filter(group => group.findings.length > 0);
}

/**
 * Writes a duration in milliseconds in the largest fitting units: `4 min 30 s`,
 * `850 ms`, `2 h 5 min`.
 *
 * @internal
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) {
    return '-';
  }
  if (ms < 1000) {
    return `${Math.round(ms)} ms`;
  }
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h && `${h} h`, m && `${m} min`, s && `${s} s`]
    .filter(Boolean)
    .slice(0, 2)
    .join(' ');
}

/**
 * The kind of evidence an attestation is, for its title: a translation key
 * below `security.predicates`.
 *
 * @internal
 */
export type AttestationTitleKey =
  | 'scan-evaluation'
  | 'vulnerabilities'
  | 'slsa-provenance'
  | 'sbom'
  | 'signature'
  | 'other'
  | 'unread';

/**
 * Tells what kind of evidence an attestation is from its summary (or, when it
 * could not be read, that it is unread).
 *
 * @internal
 */
export function attestationTitleKey(
  attestation: Pick<AttestationResult, 'kind' | 'summary'>,
): AttestationTitleKey {
  const summary = attestation.summary;
  if (!summary) {
    return attestation.kind === 'signature' ? 'signature' : 'unread';
  }
  if (summary.kind === 'invalid') {
    return summary.predicateKind === 'spdx' ||
      summary.predicateKind === 'cyclonedx'
      ? 'sbom'
      : summary.predicateKind;
  }
  return summary.kind;
}

/**
 * The name to show for a signer: the configured name of the trusted key or
 * keyless identity that matched, or undefined when no trusted signer matched
 * (the signer is then unknown, whatever the signature claims).
 *
 * @internal
 */
export function trustedSignerName(
  signer: AttestationSigner | undefined,
): string | undefined {
  const name = signer?.trustedName?.trim();
  return name ? name : undefined;
}
