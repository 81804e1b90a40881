import {
  AttestationDiscoveryMethod,
  AttestationKind,
  AttestationLocation,
} from '@kitstage/plugin-modelkit-common';
import { referrersTagFor } from '../registry/digest';
import { RegistryError } from '../registry/errors';
import {
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciSource,
} from '../registry/types';
import type { AttestationLimits } from './config';
import { CosignMediaTypes, isSigstoreBundleMediaType } from './cosignFormats';

/**
 * An attestation layer found for a digest, not yet downloaded.
 *
 * @internal
 */
export interface DiscoveredLayer {
  discoveredVia: AttestationDiscoveryMethod;
  manifestDigest: string;
  tag?: string;
  layerIndex: number;
  layer: OciDescriptor;
  createdAt?: string;
}

/**
 * An attestation that was found but not checked, with why.
 *
 * @internal
 */
export interface SkippedAttestation {
  kind: AttestationKind;
  discoveredVia: AttestationDiscoveryMethod;
  location: AttestationLocation;
  reason: string;
}

/**
 * Tracks the attestation count and byte limits of one version.
 *
 * @internal
 */
export class AttestationBudget {
  readonly limits: AttestationLimits;
  count = 0;
  bytes = 0;
  reached?: 'count' | 'bytes';
  /** Not-checked attestations beyond the listing cap. */
  omitted = 0;
  readonly skipped: SkippedAttestation[] = [];

  constructor(limits: AttestationLimits) {
    this.limits = limits;
  }

  takeCount(): boolean {
    if (this.count >= this.limits.maxAttestations) {
      this.reached ??= 'count';
      return false;
    }
    this.count += 1;
    return true;
  }

  takeBytes(size: number): boolean {
    if (this.bytes + size > this.limits.maxBytes) {
      this.reached ??= 'bytes';
      return false;
    }
    this.bytes += size;
    return true;
  }

  /** Records an attestation that will not be checked (listing at most maxAttestations). */
  skip(entry: SkippedAttestation) {
    if (this.skipped.length < this.limits.maxAttestations) {
      this.skipped.push(entry);
    } else {
      this.omitted += 1;
    }
  }

  limitReason(): string {
    return this.reached === 'bytes'
      ? `not checked: the ${this.limits.maxBytes}-byte limit of attestation data per version was reached`
      : `not checked: the limit of ${this.limits.maxAttestations} attestations per version was reached`;
  }
}

/**
 * What was found for one digest.
 *
 * @internal
 */
export interface Discovery {
  layers: DiscoveredLayer[];
  referrersVia?: 'referrers-api' | 'tag-schema' | 'layout';
  otherReferrers: Array<{
    digest: string;
    mediaType: string;
    artifactType?: string;
  }>;
  errors: Array<{ where: string; message: string }>;
}

const CREATED = 'org.opencontainers.image.created';

function isAttestationArtifactType(type: string | undefined) {
  return (
    isSigstoreBundleMediaType(type) ||
    type === CosignMediaTypes.inTotoArtifact ||
    type === CosignMediaTypes.dsseEnvelope
  );
}

function isAttestationLayer(mediaType: string) {
  return (
    mediaType === CosignMediaTypes.dsseEnvelope ||
    mediaType === CosignMediaTypes.simpleSigning ||
    isSigstoreBundleMediaType(mediaType)
  );
}

function kindOfLayer(mediaType: string): AttestationKind {
  return mediaType === CosignMediaTypes.simpleSigning
    ? 'signature'
    : 'attestation';
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Finds the attestation and signature layers of a manifest digest: OCI 1.1 referrers (API,
 * tag schema or layout index) holding Sigstore bundles or DSSE envelopes, then cosign's
 * `sha256-<hex>.att` and `sha256-<hex>.sig` tags. Manifests count against the byte limit,
 * layers against both limits; what does not fit is recorded in the budget as skipped.
 *
 * @internal
 */
export async function discoverAttestations(options: {
  source: OciSource;
  repository: string;
  digest: string;
  budget: AttestationBudget;
  signal?: AbortSignal;
}): Promise<Discovery> {
  const { source, repository, digest, budget, signal } = options;
  const discovery: Discovery = { layers: [], otherReferrers: [], errors: [] };
  const seen = new Set<string>();
  // A hostile registry can list any number of referrers: keep the report small.
  const cap = budget.limits.maxAttestations;
  const addError = (error: Discovery['errors'][number]) => {
    if (discovery.errors.length < cap) {
      discovery.errors.push(error);
    }
  };
  const addOther = (other: Discovery['otherReferrers'][number]) => {
    if (discovery.otherReferrers.length < cap) {
      discovery.otherReferrers.push(other);
    }
  };

  const addLayers = (
    manifest: OciManifestResult,
    via: AttestationDiscoveryMethod,
    tag?: string,
  ) => {
    if (manifest.kind !== 'image') {
      return;
    }
    const createdAt = manifest.manifest.annotations?.[CREATED];
    manifest.manifest.layers.forEach((layer, layerIndex) => {
      if (!isAttestationLayer(layer.mediaType)) {
        return;
      }
      const key = `${layer.digest}|${JSON.stringify(layer.annotations ?? {})}`;
      if (seen.has(key)) {
        return;
      }
      seen.add(key);
      const location: AttestationLocation = {
        manifestDigest: manifest.digest,
        ...(tag ? { tag } : {}),
        layerIndex,
        layerDigest: layer.digest,
        mediaType: layer.mediaType,
        size: layer.size,
      };
      if (!budget.takeCount()) {
        budget.skip({
          kind: kindOfLayer(layer.mediaType),
          discoveredVia: via,
          location,
          reason: budget.limitReason(),
        });
        return;
      }
      discovery.layers.push({
        discoveredVia: via,
        manifestDigest: manifest.digest,
        ...(tag ? { tag } : {}),
        layerIndex,
        layer,
        ...(createdAt ? { createdAt } : {}),
      });
    });
  };

  const skipManifest = (
    descriptor: OciDescriptor,
    via: AttestationDiscoveryMethod,
    reason: string,
    tag?: string,
  ) =>
    budget.skip({
      kind: 'attestation',
      discoveredVia: via,
      location: {
        manifestDigest: descriptor.digest,
        ...(tag ? { tag } : {}),
        mediaType: descriptor.artifactType ?? descriptor.mediaType,
        size: descriptor.size,
      },
      reason,
    });

  // OCI 1.1 referrers: Sigstore bundles and DSSE envelopes with a subject.
  let referrers: OciReferrers | undefined;
  try {
    referrers = await source.getReferrers(repository, digest, { signal });
    discovery.referrersVia = referrers.via;
  } catch (error) {
    if (RegistryError.is(error, 'aborted')) {
      throw error;
    }
    addError({
      where: 'referrers',
      message: message(error),
    });
  }
  for (const descriptor of referrers?.descriptors ?? []) {
    const via = referrers!.via;
    if (
      descriptor.artifactType !== undefined &&
      !isAttestationArtifactType(descriptor.artifactType)
    ) {
      addOther({
        digest: descriptor.digest,
        mediaType: descriptor.mediaType,
        artifactType: descriptor.artifactType,
      });
      continue;
    }
    if (budget.count >= budget.limits.maxAttestations) {
      budget.reached ??= 'count';
      skipManifest(descriptor, via, budget.limitReason());
      continue;
    }
    if (!budget.takeBytes(descriptor.size)) {
      skipManifest(descriptor, via, budget.limitReason());
      continue;
    }
    let manifest: OciManifestResult;
    try {
      manifest = await source.getManifest(repository, descriptor.digest, {
        signal,
      });
    } catch (error) {
      if (RegistryError.is(error, 'aborted')) {
        throw error;
      }
      skipManifest(
        descriptor,
        via,
        `not checked: the referrer manifest could not be read (${message(
          error,
        )})`,
      );
      continue;
    }
    // The descriptor may understate the size; the manifest's own size is what was read.
    budget.bytes += Math.max(0, manifest.size - descriptor.size);
    const subject = manifest.manifest.subject?.digest;
    if (subject !== digest) {
      addError({
        where: `referrer ${descriptor.digest}`,
        message: `the referrer's subject is ${
          subject ?? 'missing'
        }, not ${digest}; it was ignored`,
      });
      continue;
    }
    const artifactType =
      manifest.manifest.artifactType ??
      (manifest.kind === 'image'
        ? manifest.manifest.config.mediaType
        : undefined);
    if (
      !isAttestationArtifactType(artifactType) &&
      !(
        manifest.kind === 'image' &&
        manifest.manifest.layers.some(l => isAttestationLayer(l.mediaType))
      )
    ) {
      addOther({
        digest: descriptor.digest,
        mediaType: descriptor.mediaType,
        ...(artifactType ? { artifactType } : {}),
      });
      continue;
    }
    addLayers(manifest, via);
  }

  // cosign's tag scheme: sha256-<hex>.att (attestations) and sha256-<hex>.sig (signatures).
  if (digest.startsWith('sha256:')) {
    for (const suffix of ['att', 'sig']) {
      const tag = `${referrersTagFor(digest)}.${suffix}`;
      let manifest: OciManifestResult;
      try {
        manifest = await source.getManifest(repository, tag, { signal });
      } catch (error) {
        if (RegistryError.is(error, 'aborted')) {
          throw error;
        }
        if (!RegistryError.is(error, 'not-found')) {
          addError({
            where: `tag ${tag}`,
            message: message(error),
          });
        }
        continue;
      }
      if (manifest.kind !== 'image') {
        addError({
          where: `tag ${tag}`,
          message: 'the cosign tag holds an index, not an image manifest',
        });
        continue;
      }
      if (!budget.takeBytes(manifest.size)) {
        skipManifest(
          {
            mediaType: manifest.mediaType,
            digest: manifest.digest,
            size: manifest.size,
          },
          'cosign-tag',
          budget.limitReason(),
          tag,
        );
        continue;
      }
      addLayers(manifest, 'cosign-tag', tag);
    }
  }
  return discovery;
}
