import { isOciRepositoryName } from '../registry/digest';
import { LayoutFileError, LayoutFiles } from './layoutFiles';
import { indexSchema, readJson, readLayoutMarker } from './layoutJson';
import {
  addManifest,
  addTag,
  LayoutIndex,
  parseRefName,
  REF_NAME_ANNOTATION,
  repositoryEntry,
} from './layoutRepositories';

/**
 * Directories of a layout root that never hold nested layouts.
 *
 * @internal
 */
export const NOT_NESTED: ReadonlySet<string> = new Set(['blobs', 'ingest']);
const MAX_NESTED_DEPTH = 12;
const MAX_NESTED_DIRECTORIES = 10_000;

/**
 * Reads the nested per-repository layouts below a layout root
 * (`<registry>/<repository>/index.json`, as older KitOps versions kept them), breadth first,
 * at most 12 directories deep and 10 000 directories in all.
 *
 * @param topLevel - The directories of the layout root.
 * @internal
 */
export async function readNestedLayouts(
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
