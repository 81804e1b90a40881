import { isKitIndexFile, readKitIndexes } from './kitIndexes';
import { LayoutFileError, LayoutFiles } from './layoutFiles';
import { indexSchema, readJson, readLayoutMarker } from './layoutJson';
import {
  addTag,
  LayoutIndex,
  parseRefName,
  REF_NAME_ANNOTATION,
} from './layoutRepositories';
import { NOT_NESTED, readNestedLayouts } from './nestedLayouts';

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
    !root.files.some(isKitIndexFile) &&
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

  await readKitIndexes(files, root.files, host, options, result);
  await readNestedLayouts(files, root.directories, host, options, result);
  return result;
}
