import {
  AttestationKind,
  AttestationLocation,
  AttestationReport,
  AttestationResult,
  countAttestationStates,
} from '@kitstage/plugin-modelkit-common';
import { OciSource } from '../registry/types';
import {
  AttestationBudget,
  DiscoveredLayer,
  Discovery,
  SkippedAttestation,
} from './discoverAttestations';

/**
 * Where a discovered layer was found, as a report shows it.
 *
 * @internal
 */
export function discoveredLayerLocation(
  found: DiscoveredLayer,
): AttestationLocation {
  return {
    manifestDigest: found.manifestDigest,
    ...(found.tag ? { tag: found.tag } : {}),
    layerIndex: found.layerIndex,
    layerDigest: found.layer.digest,
    mediaType: found.layer.mediaType,
    size: found.layer.size,
  };
}

/**
 * The result of a discovered layer that was not verified, with the reason.
 *
 * @internal
 */
export function notCheckedAttestation(options: {
  id: string;
  kind: AttestationKind;
  found: DiscoveredLayer;
  location: AttestationLocation;
  reason: string;
}): AttestationResult {
  return {
    id: options.id,
    kind: options.kind,
    discoveredVia: options.found.discoveredVia,
    location: options.location,
    state: 'not-checked',
    reason: options.reason,
    signatures: [],
  };
}

/**
 * The result of an attestation left out because a limit was reached.
 *
 * @internal
 */
export function skippedAttestationResult(
  skipped: SkippedAttestation,
): AttestationResult {
  return {
    id:
      skipped.location.layerIndex === undefined
        ? skipped.location.manifestDigest
        : `${skipped.location.manifestDigest}#${skipped.location.layerIndex}`,
    kind: skipped.kind,
    discoveredVia: skipped.discoveredVia,
    location: skipped.location,
    state: 'not-checked',
    reason: skipped.reason,
    signatures: [],
  };
}

/**
 * Puts the verified attestations of a version into a report, with the counts, the limits
 * reached, how they were discovered, and whether the report is complete.
 *
 * @internal
 */
export function buildAttestationReport(options: {
  source: OciSource;
  repository: string;
  digest: string;
  attestations: AttestationResult[];
  budget: AttestationBudget;
  discovery: Discovery;
}): AttestationReport {
  const { source, repository, digest, attestations, budget, discovery } =
    options;
  return {
    subject: {
      source: source.name,
      repository: `${source.host}/${repository}`,
      digest,
    },
    attestations,
    counts: countAttestationStates(attestations, budget.omitted),
    limits: {
      maxAttestations: budget.limits.maxAttestations,
      maxBytes: budget.limits.maxBytes,
      bytesRead: budget.bytes,
      ...(budget.reached ? { reached: budget.reached } : {}),
      omitted: budget.omitted,
    },
    discovery: {
      ...(discovery.referrersVia ? { referrers: discovery.referrersVia } : {}),
      errors: discovery.errors,
    },
    otherReferrers: discovery.otherReferrers,
    complete:
      discovery.errors.length === 0 &&
      !attestations.some(a => a.state === 'not-checked') &&
      budget.omitted === 0,
    checkedAt: new Date().toISOString(),
  };
}
