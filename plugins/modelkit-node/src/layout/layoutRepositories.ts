import { tryParseOciReference } from '@kitstage/plugin-modelkit-common';
import { isOciTag } from '../registry/digest';
import { OciDescriptor } from '../registry/types';

/**
 * The annotation of a descriptor in `index.json` that names the reference (tag) it stands for.
 *
 * @internal
 */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/**
 * One repository of a layout.
 *
 * @internal
 */
export interface LayoutRepository {
  /** The repository name, e.g. `team/model`. */
  name: string;
  /** The layout directory holding the repository's blobs, as path components below the root. */
  dir: string[];
  /** Tag to manifest descriptor. */
  tags: Map<string, OciDescriptor>;
  /** Every manifest listed for the repository, tagged or not. */
  manifests: OciDescriptor[];
}

/**
 * What a layout holds, read from its index files.
 *
 * @internal
 */
export interface LayoutIndex {
  /** The repositories, by name. */
  repositories: Map<string, LayoutRepository>;
  /** Manifests that the root `index.json` lists without a reference name. */
  untagged: OciDescriptor[];
  /** Entries that were left out, each with the file and the reason. */
  ignored: string[];
}

/**
 * Reads the reference name annotation of an index entry: a bare tag of the default
 * repository, or a `[host/]repository:tag` reference on the layout's host. Names on other
 * hosts are ignored without a reason; unusable names with one.
 *
 * @internal
 */
export function parseRefName(
  refName: string,
  host: string,
  defaultRepository: string | undefined,
):
  | { kind: 'tag'; repository: string; tag: string }
  | { kind: 'ignored'; reason?: string } {
  const quoted = JSON.stringify(refName.slice(0, 300));
  if (isOciTag(refName)) {
    if (!defaultRepository) {
      return {
        kind: 'ignored',
        reason: `the reference name ${quoted} is a bare tag; set the entry's repository to say which repository it belongs to`,
      };
    }
    return { kind: 'tag', repository: defaultRepository, tag: refName };
  }
  const parsed = tryParseOciReference(refName, { defaultRegistry: host });
  if (!parsed || parsed.tag === undefined || parsed.digest !== undefined) {
    return {
      kind: 'ignored',
      reason: `the reference name ${quoted} is neither a tag nor a [host/]repository:tag reference`,
    };
  }
  if (parsed.registry.toLowerCase() !== host) {
    // A name on another registry host: that host's entry serves it.
    return { kind: 'ignored' };
  }
  return { kind: 'tag', repository: parsed.repository, tag: parsed.tag };
}

/**
 * The entry of a repository, created when it is not listed yet.
 *
 * @internal
 */
export function repositoryEntry(
  index: LayoutIndex,
  name: string,
  dir: string[],
): LayoutRepository {
  let entry = index.repositories.get(name);
  if (!entry) {
    entry = { name, dir, tags: new Map(), manifests: [] };
    index.repositories.set(name, entry);
  }
  return entry;
}

/**
 * Lists a manifest for a repository, once.
 *
 * @internal
 */
export function addManifest(
  entry: LayoutRepository,
  descriptor: OciDescriptor,
) {
  if (!entry.manifests.some(m => m.digest === descriptor.digest)) {
    entry.manifests.push(descriptor);
  }
}

/**
 * Adds a tag to a repository (and its manifest), unless the repository is already served by
 * another layout directory or the tag is already listed with another digest; either is
 * recorded as ignored.
 *
 * @internal
 */
export function addTag(
  index: LayoutIndex,
  repository: string,
  dir: string[],
  tag: string,
  descriptor: OciDescriptor,
  where: string,
) {
  const existing = index.repositories.get(repository);
  if (existing && existing.dir.join('/') !== dir.join('/')) {
    index.ignored.push(
      `${where}: the repository "${repository}" is already listed by ${existing.dir.join(
        '/',
      )}`,
    );
    return;
  }
  const entry = repositoryEntry(index, repository, dir);
  const previous = entry.tags.get(tag);
  if (previous && previous.digest !== descriptor.digest) {
    index.ignored.push(
      `${where}: ${repository}:${tag} is listed again with another digest (${descriptor.digest}); the first entry (${previous.digest}) is used`,
    );
    return;
  }
  const { [REF_NAME_ANNOTATION]: _refName, ...annotations } =
    descriptor.annotations ?? {};
  const clean: OciDescriptor = {
    mediaType: descriptor.mediaType,
    digest: descriptor.digest,
    size: descriptor.size,
    ...(descriptor.artifactType
      ? { artifactType: descriptor.artifactType }
      : {}),
    ...(Object.keys(annotations).length ? { annotations } : {}),
  };
  entry.tags.set(tag, clean);
  addManifest(entry, clean);
}
