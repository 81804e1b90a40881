import { OciMediaTypes } from '../registry/manifest';
import { OciDescriptor } from '../registry/types';
import {
  LayoutContent,
  MANIFEST_MEDIA_TYPES,
  StoredManifest,
} from './layoutContent';
import { LayoutRepository } from './layoutRepositories';

/**
 * Finds the referrers of a manifest in a layout by reading the manifests the repository lists
 * (image manifests, indexes and artifacts of unknown type) and keeping those whose `subject`
 * is the digest, sorted by digest. A manifest that cannot be read is skipped and reported.
 *
 * @param listed - The manifests the repository lists.
 * @param report - Receives a sentence for each manifest skipped.
 * @internal
 */
export async function findLayoutReferrers(options: {
  content: LayoutContent;
  entry: LayoutRepository;
  listed: OciDescriptor[];
  digest: string;
  artifactType?: string;
  report: (message: string) => void;
}): Promise<OciDescriptor[]> {
  const { content, entry, digest } = options;
  const candidates = new Map<string, OciDescriptor>();
  for (const descriptor of options.listed) {
    if (
      descriptor.digest !== digest &&
      (descriptor.mediaType === OciMediaTypes.imageManifest ||
        descriptor.mediaType === OciMediaTypes.imageIndex ||
        !MANIFEST_MEDIA_TYPES.has(descriptor.mediaType))
    ) {
      candidates.set(descriptor.digest, descriptor);
    }
  }
  const descriptors: OciDescriptor[] = [];
  for (const candidate of candidates.values()) {
    let stored: StoredManifest;
    try {
      stored = await content.loadManifest(entry, candidate, {
        repository: entry.name,
        reference: candidate.digest,
      });
    } catch (error) {
      options.report(
        `skipped ${
          candidate.digest
        } while looking for referrers of ${digest}: ${
          (error as Error).message
        }`,
      );
      continue;
    }
    const manifest = stored.manifest;
    if (manifest.subject?.digest !== digest) {
      continue;
    }
    const artifactType =
      manifest.artifactType ??
      (stored.kind === 'image' ? stored.manifest.config.mediaType : undefined);
    if (options.artifactType && artifactType !== options.artifactType) {
      continue;
    }
    descriptors.push({
      mediaType: stored.mediaType,
      digest: candidate.digest,
      size: stored.size,
      ...(artifactType ? { artifactType } : {}),
      ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
    });
  }
  descriptors.sort((a, b) => a.digest.localeCompare(b.digest));
  return descriptors;
}
