import { constants } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileHandleUpTo } from '../files/readFileHandleUpTo';

/**
 * Why a file of an image layout could not be read.
 *
 * @internal
 */
export class LayoutFileError extends Error {
  constructor(
    readonly reason: 'not-found' | 'too-large' | 'invalid-response',
    /** The file, relative to the layout root, e.g. `blobs/sha256/4f3c…`. */
    readonly file: string,
    detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

const SAFE_COMPONENT = /^[A-Za-z0-9_=.+-]+$/;

/**
 * Reads files below a layout root without following symbolic links and without reading more
 * than a cap. Every path is given as components that are checked against a strict character
 * set before the file system is touched, so no `..`, separator or NUL byte can reach it.
 *
 * @internal
 */
export class LayoutFiles {
  constructor(readonly root: string) {}

  /** Reads a file, refusing links, non-regular files and files larger than `maxBytes`. */
  async read(components: string[], maxBytes: number): Promise<Buffer> {
    const file = checkComponents(components);
    await this.#checkDirectories(components.slice(0, -1));
    let handle;
    try {
      handle = await open(
        join(this.root, ...components),
        constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0),
      );
    } catch (error) {
      throw fileSystemError(error, file);
    }
    try {
      const stats = await handle.stat();
      if (!stats.isFile()) {
        throw new LayoutFileError(
          'invalid-response',
          file,
          'is not a regular file',
        );
      }
      if (stats.size > maxBytes) {
        throw new LayoutFileError(
          'too-large',
          file,
          `is ${stats.size} bytes, more than the ${maxBytes} allowed`,
        );
      }
      // Read one byte past the cap, in case the file grew after it was measured.
      const data = await readFileHandleUpTo(
        handle,
        Math.min(stats.size, maxBytes) + 1,
      );
      if (data.length > maxBytes) {
        throw new LayoutFileError(
          'too-large',
          file,
          `is more than the ${maxBytes} bytes allowed`,
        );
      }
      return data;
    } finally {
      await handle.close();
    }
  }

  /** Whether a regular file (not a link) exists. */
  async isFile(components: string[]): Promise<boolean> {
    checkComponents(components);
    try {
      await this.#checkDirectories(components.slice(0, -1));
      return (await lstat(join(this.root, ...components))).isFile();
    } catch {
      return false;
    }
  }

  /**
   * Lists the entries of a directory: regular files, real directories, and apart from them
   * links and other special files (which are never followed).
   */
  async list(
    components: string[],
  ): Promise<{ files: string[]; directories: string[]; others: string[] }> {
    if (components.length > 0) {
      checkComponents(components);
      await this.#checkDirectories(components);
    }
    const entries = await readdir(join(this.root, ...components), {
      withFileTypes: true,
    });
    const files: string[] = [];
    const directories: string[] = [];
    const others: string[] = [];
    for (const entry of entries) {
      if (!SAFE_COMPONENT.test(entry.name) || /^\.+$/.test(entry.name)) {
        continue;
      }
      if (entry.isFile()) {
        files.push(entry.name);
      } else if (entry.isDirectory()) {
        directories.push(entry.name);
      } else {
        others.push(entry.name);
      }
    }
    files.sort();
    directories.sort();
    others.sort();
    return { files, directories, others };
  }

  async #checkDirectories(components: string[]): Promise<void> {
    for (let i = 1; i <= components.length; i++) {
      const dir = components.slice(0, i);
      let stats;
      try {
        stats = await lstat(join(this.root, ...dir));
      } catch (error) {
        throw fileSystemError(error, dir.join('/'));
      }
      if (stats.isSymbolicLink()) {
        throw new LayoutFileError(
          'invalid-response',
          dir.join('/'),
          'is a symbolic link; image layouts are read without following links',
        );
      }
      if (!stats.isDirectory()) {
        throw new LayoutFileError(
          'invalid-response',
          dir.join('/'),
          'is not a directory',
        );
      }
    }
  }
}

function checkComponents(components: string[]): string {
  if (components.length === 0) {
    throw new TypeError('A layout file needs at least one path component');
  }
  for (const component of components) {
    if (!SAFE_COMPONENT.test(component) || /^\.+$/.test(component)) {
      throw new TypeError(
        `Refusing to read the layout path component ${JSON.stringify(
          component.slice(0, 100),
        )}`,
      );
    }
  }
  return components.join('/');
}

function fileSystemError(error: unknown, file: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return new LayoutFileError('not-found', file, 'does not exist');
    case 'ELOOP':
      return new LayoutFileError(
        'invalid-response',
        file,
        'is a symbolic link; image layouts are read without following links',
      );
    case 'ENOTDIR':
      return new LayoutFileError(
        'invalid-response',
        file,
        'is below something that is not a directory',
      );
    case 'EACCES':
    case 'EPERM':
      return new LayoutFileError(
        'invalid-response',
        file,
        'cannot be read (permission denied)',
      );
    default:
      return new LayoutFileError(
        'invalid-response',
        file,
        `cannot be read (${code ?? (error as Error).message})`,
      );
  }
}
