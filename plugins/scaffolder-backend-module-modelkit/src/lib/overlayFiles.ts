import { NotAllowedError } from '@backstage/errors';
import {
  findOverlayModelKitReferences,
  OVERLAY_MAX_BYTES,
  OverlayModelKitReference,
  replaceOverlayModelKitReferences,
} from '@kitstage/plugin-modelkit-common';
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { checkRelativePath, realDirectory } from './workspaceFiles';

/**
 * The most YAML files an overlay directory may hold.
 *
 * @internal
 */
export const OVERLAY_MAX_FILES = 50;

/**
 * An overlay file that holds ModelKit references.
 *
 * @internal
 */
export interface OverlayFile {
  /** The path relative to the repository root. */
  path: string;
  /** The file's text. */
  text: string;
  /** The references in it. */
  references: OverlayModelKitReference[];
}

/**
 * Reads the YAML files of an overlay directory (not its subdirectories) and the ModelKit
 * references in them. Symbolic links (to files or directories, anywhere on the way) are
 * refused, as are files over {@link OVERLAY_MAX_BYTES} (checked before reading, and again
 * while reading through a descriptor opened without following links) and YAML that
 * `findOverlayModelKitReferences` refuses.
 *
 * @internal
 */
export async function readOverlayFiles(
  repositoryRoot: string,
  overlayPath: string,
): Promise<OverlayFile[]> {
  const relative = checkRelativePath(overlayPath, 'overlayPath');
  const root = await fs.realpath(repositoryRoot);
  const directory = await realDirectory(root, relative, {
    field: 'The overlay',
    place: 'repository',
  });
  const entries = (await fs.readdir(directory, { withFileTypes: true }))
    .filter(entry => /\.ya?ml$/i.test(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
  if (entries.length > OVERLAY_MAX_FILES) {
    throw new NotAllowedError(
      `The overlay ${relative} has ${entries.length} YAML files, more than ${OVERLAY_MAX_FILES}`,
    );
  }
  const files: OverlayFile[] = [];
  for (const entry of entries) {
    const file = `${relative}/${entry.name}`;
    if (entry.isSymbolicLink()) {
      throw new NotAllowedError(
        `Overlay file ${file} is refused: it is a symbolic link, which may point outside the repository`,
      );
    }
    if (!entry.isFile()) {
      continue;
    }
    const handle = await fs.open(
      path.join(directory, entry.name),
      fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW,
    );
    let text: string;
    try {
      const { size } = await handle.stat();
      if (size > OVERLAY_MAX_BYTES) {
        throw new NotAllowedError(
          `Overlay file ${file} is refused: it is ${size} bytes, more than the ${OVERLAY_MAX_BYTES} bytes an overlay may have`,
        );
      }
      const buffer = Buffer.alloc(OVERLAY_MAX_BYTES + 1);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      if (bytesRead > OVERLAY_MAX_BYTES) {
        throw new NotAllowedError(
          `Overlay file ${file} is refused: it grew past ${OVERLAY_MAX_BYTES} bytes while being read`,
        );
      }
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
    const references = findOverlayModelKitReferences(text, file);
    if (references.length > 0) {
      files.push({ path: file, text, references });
    }
  }
  return files;
}

/**
 * Writes the new reference into each overlay file, in place (the file was checked by
 * {@link readOverlayFiles}; it is opened again without following links).
 *
 * @internal
 */
export async function writeOverlayReference(
  repositoryRoot: string,
  files: OverlayFile[],
  reference: string,
): Promise<Array<{ path: string; before: string; after: string }>> {
  const root = await fs.realpath(repositoryRoot);
  const changes = files.map(file => ({
    path: file.path,
    before: file.text,
    after: replaceOverlayModelKitReferences(file.text, file.path, reference),
  }));
  for (const change of changes) {
    if (change.after === change.before) continue;
    const handle = await fs.open(
      path.join(root, change.path),
      fsConstants.O_WRONLY | fsConstants.O_TRUNC | fsConstants.O_NOFOLLOW,
    );
    try {
      await handle.writeFile(change.after, 'utf8');
    } finally {
      await handle.close();
    }
  }
  return changes.filter(change => change.after !== change.before);
}
