import { tryParseOciReference } from '@kitstage/plugin-modelkit-common';
import { z } from 'zod';
import { isOciDigest, isOciRepositoryName, isOciTag } from '../registry/digest';
import { OciDescriptor } from '../registry/types';
import { LayoutFileError, LayoutFiles } from './layoutFiles';

/**
 * The annotation of a descriptor in `index.json` that names the reference (tag) it stands for.
 *
 * @internal
 */
export const REF_NAME_ANNOTATION = 'org.opencontainers.image.ref.name';

/** The name KitOps gives a repository's own index in its local storage. */
const KIT_INDEX_FILE = /^([-A-Za-z0-9_]*={0,3})-index\.json$/;
/** Directories of a layout root that never hold nested layouts. */
const NOT_NESTED = new Set(['blobs', 'ingest']);
const MAX_NESTED_DEPTH = 12;
const MAX_NESTED_DIRECTORIES = 10_000;

/**
 * One repository of a layout.
 *
 * @internal
 */
export interface LayoutRepository {
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
  repositories: Map<string, LayoutRepository>;
  /** Manifests that the root `index.json` lists without a reference name. */
  untagged: OciDescriptor[];
  /** Entries that were left out, each with the file and the reason. */
  ignored: string[];
}

const descriptorSchema = z.object({
  mediaType: z.string().min(1).max(255),
  digest: z.string().refine(isOciDigest, {
    message: 'must be a sha256 or sha512 digest',
  }),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  artifactType: z.string().max(255).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  platform: z
    .object({ architecture: z.string(), os: z.string() })
    .loose()
    .optional(),
});

const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
});

const layoutFileSchema = z.object({
  imageLayoutVersion: z.string().regex(/^1\.\d+\.\d+$/, {
    message: 'must be a 1.x version such as "1.0.0"',
  }),
});

const kitTagsSchema = z.record(z.string(), descriptorSchema);

/**
 * Reads the index files of a layout: the root `index.json` with reference names, the
 * per-repository index and tag files of the KitOps local storage, and nested per-repository
 * layouts (`<registry>/<repository>/index.json`, as older KitOps versions kept them).
 *
 * @internal
 */
export async function readLayoutIndex(
  files: LayoutFiles,
  options: { host: string; repository?: string; maxIndexBytes: number },
): Promise<LayoutIndex> {
  const result: LayoutIndex = {
    repositories: new Map(),
    untagged: [],
    ignored: [],
  };
  let root: { files: string[]; directories: string[]; others: string[] };
  try {
    root = await files.list([]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new LayoutFileError(
      code === 'ENOENT' ? 'not-found' : 'invalid-response',
      '.',
      code === 'ENOENT'
        ? 'the layout directory does not exist'
        : `the layout directory cannot be read (${code ?? String(error)})`,
    );
  }
  for (const name of ['oci-layout', 'index.json', 'blobs']) {
    if (root.others.includes(name)) {
      throw new LayoutFileError(
        'invalid-response',
        name,
        'is a symbolic link or special file; image layouts are read without following links',
      );
    }
  }
  const host = options.host.toLowerCase();
  const hasIndex = root.files.includes('index.json');
  const hasLayoutFile = root.files.includes('oci-layout');
  if (hasIndex && !hasLayoutFile) {
    throw new LayoutFileError(
      'invalid-response',
      'oci-layout',
      'does not exist; an OCI image layout has it next to index.json',
    );
  }
  if (hasLayoutFile) {
    await readLayoutMarker(files, []);
  }
  if (
    !hasIndex &&
    !root.files.some(file => KIT_INDEX_FILE.test(file)) &&
    root.directories.filter(dir => !NOT_NESTED.has(dir)).length === 0
  ) {
    throw new LayoutFileError(
      'invalid-response',
      'index.json',
      'does not exist; the directory is not an OCI image layout (oci-layout, index.json and blobs/)',
    );
  }
  if (hasIndex) {
    const index = await readJson(
      files,
      ['index.json'],
      indexSchema,
      options.maxIndexBytes,
    );
    index.manifests.forEach((descriptor, i) => {
      const where = `index.json manifests[${i}]`;
      const refName = descriptor.annotations?.[REF_NAME_ANNOTATION];
      if (refName === undefined) {
        result.untagged.push(descriptor);
        return;
      }
      const named = parseRefName(refName, host, options.repository);
      if (named.kind === 'ignored') {
        if (named.reason) {
          result.ignored.push(`${where}: ${named.reason}`);
        }
        return;
      }
      addTag(result, named.repository, [], named.tag, descriptor, where);
    });
  }

  const kitIndexes = root.files.filter(
    file => KIT_INDEX_FILE.test(file) && file !== 'index.json',
  );
  for (const file of kitIndexes) {
    const encoded = KIT_INDEX_FILE.exec(file)![1];
    const name = Buffer.from(encoded, 'base64url').toString('utf8');
    const slash = name.indexOf('/');
    const registry = slash > 0 ? name.slice(0, slash).toLowerCase() : '';
    const repository = slash > 0 ? name.slice(slash + 1) : '';
    if (registry !== host) {
      continue;
    }
    if (!isOciRepositoryName(repository)) {
      result.ignored.push(
        `${file}: ${JSON.stringify(
          name.slice(0, 300),
        )} is not a valid repository name`,
      );
      continue;
    }
    const index = await readJson(
      files,
      [file],
      indexSchema,
      options.maxIndexBytes,
    );
    const entry = repositoryEntry(result, repository, []);
    for (const descriptor of index.manifests) {
      addManifest(entry, descriptor);
    }
    const tagsFile = `${encoded}-tags.json`;
    if (root.files.includes(tagsFile)) {
      const tags = await readJson(
        files,
        [tagsFile],
        kitTagsSchema,
        options.maxIndexBytes,
      );
      for (const [tag, descriptor] of Object.entries(tags)) {
        if (!isOciTag(tag)) {
          result.ignored.push(
            `${tagsFile}: ${JSON.stringify(
              tag.slice(0, 200),
            )} is not a valid tag`,
          );
          continue;
        }
        addTag(result, repository, [], tag, descriptor, tagsFile);
      }
    }
  }

  await readNestedLayouts(files, root.directories, host, options, result);
  return result;
}

async function readNestedLayouts(
  files: LayoutFiles,
  topLevel: string[],
  host: string,
  options: { maxIndexBytes: number },
  result: LayoutIndex,
) {
  let visited = 0;
  const queue: string[][] = topLevel
    .filter(dir => !NOT_NESTED.has(dir))
    .map(dir => [dir]);
  while (queue.length > 0) {
    const dir = queue.shift()!;
    visited += 1;
    if (visited > MAX_NESTED_DIRECTORIES) {
      throw new LayoutFileError(
        'invalid-response',
        '.',
        `holds more than ${MAX_NESTED_DIRECTORIES} directories; is the path the root of an image layout?`,
      );
    }
    const listing = await files.list(dir);
    if (
      listing.files.includes('oci-layout') &&
      listing.files.includes('index.json')
    ) {
      await readNestedLayout(files, dir, host, options, result);
    }
    if (dir.length < MAX_NESTED_DEPTH) {
      for (const child of listing.directories) {
        if (child !== 'blobs') {
          queue.push([...dir, child]);
        }
      }
    }
  }
}

async function readNestedLayout(
  files: LayoutFiles,
  dir: string[],
  host: string,
  options: { maxIndexBytes: number },
  result: LayoutIndex,
) {
  const where = dir.join('/');
  if (dir[0].toLowerCase() !== host || dir.length < 2) {
    return;
  }
  const repository = dir.slice(1).join('/');
  if (!isOciRepositoryName(repository)) {
    result.ignored.push(`${where}: "${repository}" is not a repository name`);
    return;
  }
  const existing = result.repositories.get(repository);
  if (existing && existing.dir.join('/') !== where) {
    result.ignored.push(
      `${where}: the repository "${repository}" is already listed by ${
        existing.dir.length ? existing.dir.join('/') : 'the root index'
      }`,
    );
    return;
  }
  await readLayoutMarker(files, dir);
  const index = await readJson(
    files,
    [...dir, 'index.json'],
    indexSchema,
    options.maxIndexBytes,
  );
  const entry = repositoryEntry(result, repository, dir);
  index.manifests.forEach((descriptor, i) => {
    const at = `${where}/index.json manifests[${i}]`;
    const refName = descriptor.annotations?.[REF_NAME_ANNOTATION];
    if (refName === undefined) {
      addManifest(entry, descriptor);
      return;
    }
    const named = parseRefName(refName, host, repository);
    if (named.kind === 'ignored' || named.repository !== repository) {
      result.ignored.push(
        `${at}: the reference name ${JSON.stringify(
          refName.slice(0, 300),
        )} does not name a tag of ${repository}`,
      );
      return;
    }
    addTag(result, repository, dir, named.tag, descriptor, at);
  });
}

function parseRefName(
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

function repositoryEntry(
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

function addManifest(entry: LayoutRepository, descriptor: OciDescriptor) {
  if (!entry.manifests.some(m => m.digest === descriptor.digest)) {
    entry.manifests.push(descriptor);
  }
}

function addTag(
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

async function readLayoutMarker(files: LayoutFiles, dir: string[]) {
  await readJson(files, [...dir, 'oci-layout'], layoutFileSchema, 64 * 1024);
}

async function readJson<T>(
  files: LayoutFiles,
  components: string[],
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<T> {
  const file = components.join('/');
  const data = await files.read(components, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    throw new LayoutFileError(
      'invalid-response',
      file,
      `is not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LayoutFileError(
      'invalid-response',
      file,
      `${formatPath(issue.path)}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      out += /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${out ? '.' : ''}${key}`
        : `[${JSON.stringify(key)}]`;
    }
  }
  return out || '(root)';
}
