import { isOciRepositoryName, isOciTag } from '../registry/digest';
import { LayoutFiles } from './layoutFiles';
import { indexSchema, kitTagsSchema, readJson } from './layoutJson';
import {
  addManifest,
  addTag,
  LayoutIndex,
  repositoryEntry,
} from './layoutRepositories';

/** The name KitOps gives a repository's own index in its local storage. */
const KIT_INDEX_FILE = /^([-A-Za-z0-9_]*={0,3})-index\.json$/;

/**
 * Whether a file of a layout root is a KitOps per-repository index
 * (`<base64url of host/repository>-index.json`).
 *
 * @internal
 */
export function isKitIndexFile(file: string): boolean {
  return KIT_INDEX_FILE.test(file);
}

/**
 * Reads the per-repository index and tag files of the KitOps local storage for repositories on
 * the layout's host: every manifest an index lists, and every valid tag of its tag file.
 *
 * @param rootFiles - The regular files of the layout root.
 * @internal
 */
export async function readKitIndexes(
  files: LayoutFiles,
  rootFiles: string[],
  host: string,
  options: { maxIndexBytes: number },
  result: LayoutIndex,
): Promise<void> {
  const kitIndexes = rootFiles.filter(
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
    if (rootFiles.includes(tagsFile)) {
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
}
