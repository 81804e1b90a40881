import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { readFileHandleUpTo } from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import path from 'node:path';

/**
 * Checks that a path given to an action names a file inside the workspace, and returns its
 * normalised relative form. Absolute paths, `..` segments, backslashes and empty segments are
 * refused outright, with an error that names the path.
 *
 * @internal
 */
export function checkRelativePath(relativePath: string, field: string): string {
  if (relativePath.length === 0) {
    throw new InputError(`${field} must not be empty`);
  }
  if (relativePath.includes('\0')) {
    throw new InputError(`${field} must not contain NUL characters`);
  }
  if (path.isAbsolute(relativePath) || relativePath.startsWith('~')) {
    throw new NotAllowedError(
      `${field} "${relativePath}" is absolute; give a path relative to the workspace`,
    );
  }
  if (relativePath.includes('\\')) {
    throw new InputError(
      `${field} "${relativePath}" contains a backslash; use "/" as separator`,
    );
  }
  const segments = relativePath.split('/');
  if (segments.some(segment => segment === '..')) {
    throw new NotAllowedError(
      `${field} "${relativePath}" leaves the workspace through ".."`,
    );
  }
  const kept = segments.filter(segment => segment !== '' && segment !== '.');
  if (kept.length === 0) {
    throw new InputError(`${field} "${relativePath}" does not name a file`);
  }
  return kept.join('/');
}

async function lstatOrUndefined(target: string) {
  try {
    return await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
}

/**
 * Options of {@link realDirectory}.
 *
 * @internal
 */
export interface RealDirectoryOptions {
  /** Names the path in errors, e.g. `files` or `The overlay`. */
  field: string;
  /** The path as the caller gave it, for errors; defaults to `relative`. */
  shown?: string;
  /** What the root is, for errors. @defaultValue 'workspace' */
  place?: string;
  /** Create missing directories instead of refusing them. */
  create?: boolean;
}

/**
 * Resolves a directory inside a root without following any symbolic link: walks `relative`
 * (already checked by {@link checkRelativePath}; `''` is the root) one segment at a time with
 * `lstat`, and refuses any segment that is a symbolic link or not a directory. Missing
 * directories are created when `create` is set, refused otherwise. `root` must be a real path.
 *
 * @returns the directory's path.
 * @internal
 */
export async function realDirectory(
  root: string,
  relative: string,
  options: RealDirectoryOptions,
): Promise<string> {
  const { field, place = 'workspace' } = options;
  const shown = options.shown ?? relative;
  let current = root;
  for (const segment of relative.split('/').filter(Boolean)) {
    current = path.join(current, segment);
    const stat = await lstatOrUndefined(current);
    if (!stat) {
      if (!options.create) {
        throw new NotFoundError(
          `${field} "${shown}" does not exist in the ${place}`,
        );
      }
      await fs.mkdir(current);
    } else if (stat.isSymbolicLink()) {
      throw new NotAllowedError(
        `${field} "${shown}" goes through the symbolic link "${path.relative(
          root,
          current,
        )}", which may point outside the ${place}`,
      );
    } else if (!stat.isDirectory()) {
      throw new InputError(
        `${field} "${shown}" goes through "${path.relative(
          root,
          current,
        )}", which is not a directory`,
      );
    }
  }
  return current;
}

/**
 * Resolves the real path of a root and checks, with {@link realDirectory}, every directory
 * leading to a file in it (`normalised` is already checked by {@link checkRelativePath}).
 *
 * @returns the real path of the root.
 */
async function realParentDirectory(
  rootPath: string,
  normalised: string,
  options: { field: string; place: string; create?: boolean },
): Promise<string> {
  const root = await fs.realpath(rootPath);
  await realDirectory(
    root,
    path.posix.dirname(normalised).replace(/^\.$/, ''),
    {
      field: options.field,
      shown: normalised,
      place: options.place,
      create: options.create,
    },
  );
  return root;
}

/**
 * Writes a file inside a root (the scaffolder workspace by default) without ever leaving it:
 * the path is checked with {@link checkRelativePath} and `resolveSafeChildPath`, every
 * existing directory on the way must be a real directory ({@link realDirectory}: a symbolic
 * link is refused, since it could point outside), and the file itself is opened with
 * `O_NOFOLLOW` so that a symbolic link planted at its place is not followed either.
 *
 * @internal
 */
export async function writeWorkspaceFile(
  workspacePath: string,
  relativePath: string,
  content: string | Buffer,
  field = 'path',
  place = 'workspace',
): Promise<string> {
  const normalised = checkRelativePath(relativePath, field);
  const root = await realParentDirectory(workspacePath, normalised, {
    field,
    place,
    create: true,
  });

  const file = path.join(root, normalised);
  const existing = await lstatOrUndefined(file);
  if (existing?.isSymbolicLink()) {
    throw new NotAllowedError(
      `${field} "${normalised}" is a symbolic link, which may point outside the ${place}`,
    );
  }
  if (existing && !existing.isFile()) {
    throw new InputError(`${field} "${normalised}" exists and is not a file`);
  }
  // Every directory on the way is now known to be a real directory inside the root;
  // resolveSafeChildPath checks the same once more, following any link.
  const target = resolveSafeChildPath(workspacePath, normalised);

  const handle = await fs.open(
    file,
    fsConstants.O_WRONLY |
      fsConstants.O_CREAT |
      fsConstants.O_TRUNC |
      fsConstants.O_NOFOLLOW,
    0o644,
  );
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
  // `target` is where resolveSafeChildPath placed the file; it only differs from `file` when
  // the root itself is reached through a link, which is the scaffolder's business.
  return target;
}

/**
 * Reads a regular file inside a root (the scaffolder workspace by default) without following
 * any symbolic link: every directory on the way must be a real directory
 * ({@link realDirectory}), the file must be a regular file, opened with `O_NOFOLLOW`, and at
 * most `maxBytes` long (checked on the open descriptor, and again while reading).
 *
 * @internal
 */
export async function readWorkspaceFile(
  workspacePath: string,
  relativePath: string,
  options: { field: string; maxBytes: number; what: string; place?: string },
): Promise<Buffer> {
  const { field, maxBytes, what, place = 'workspace' } = options;
  const normalised = checkRelativePath(relativePath, field);
  const notAFile = () =>
    new InputError(
      `${field} "${normalised}" is not a regular file in the ${place}`,
    );
  // A missing directory on the way means there is no such file; fs errors keep their name.
  const root = await realParentDirectory(workspacePath, normalised, {
    field,
    place,
  }).catch(error => {
    throw (error as Error).name === 'NotFoundError' ? notAFile() : error;
  });
  const file = path.join(root, normalised);
  const stat = await lstatOrUndefined(file);
  if (stat?.isSymbolicLink()) {
    throw new NotAllowedError(
      `${field} "${normalised}" is a symbolic link, which may point outside the ${place}`,
    );
  }
  if (!stat?.isFile()) {
    throw notAFile();
  }
  const handle = await fs.open(
    file,
    fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW | fsConstants.O_NONBLOCK,
  );
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) {
      throw notAFile();
    }
    const tooLarge = (size: number | string) =>
      new NotAllowedError(
        `${field} "${normalised}" is ${size} bytes, more than the ${maxBytes} bytes ${what} may have`,
      );
    if (opened.size > maxBytes) {
      throw tooLarge(opened.size);
    }
    // One byte more than the cap tells a file that grew past it since the check above.
    const content = await readFileHandleUpTo(handle, maxBytes + 1);
    if (content.length > maxBytes) {
      throw tooLarge(`more than ${maxBytes}`);
    }
    return content;
  } finally {
    await handle.close();
  }
}

/**
 * Reads files inside a root with {@link readWorkspaceFile}, in the order given: each at most
 * `maxBytes` long, and all of them together at most `maxTotalBytes` (`overTotal` is the
 * refusal's message).
 *
 * @internal
 */
export async function readWorkspaceFiles(
  root: string,
  relativePaths: string[],
  options: {
    field: string;
    maxBytes: number;
    what: string;
    maxTotalBytes: number;
    overTotal: string;
  },
): Promise<Buffer[]> {
  const { field, maxBytes, what } = options;
  const contents: Buffer[] = [];
  let total = 0;
  for (const relativePath of relativePaths) {
    const content = await readWorkspaceFile(root, relativePath, {
      field,
      maxBytes,
      what,
    });
    total += content.length;
    if (total > options.maxTotalBytes) {
      throw new NotAllowedError(options.overTotal);
    }
    contents.push(content);
  }
  return contents;
}

/**
 * A file {@link listWorkspaceFiles} found.
 *
 * @internal
 */
export interface ListedWorkspaceFile {
  /** The path relative to the listed directory, `/`-separated. */
  path: string;
  /** Whether any execute bit is set. */
  executable: boolean;
}

/**
 * Lists the regular files under a directory of a root, recursively, without following any
 * symbolic link: a symbolic link, a `.git` entry or anything but a directory or a regular
 * file is refused with an error naming it, as are more than `maxFiles` files. `directory` is
 * a real directory inside the root ({@link realDirectory}). Sorted by path.
 *
 * @internal
 */
export async function listWorkspaceFiles(
  directory: string,
  options: { field: string; maxFiles: number; place?: string },
): Promise<ListedWorkspaceFile[]> {
  const { field, maxFiles, place = 'workspace' } = options;
  const found: ListedWorkspaceFile[] = [];
  const walk = async (relative: string) => {
    const entries = await fs.readdir(path.join(directory, relative), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.name.toLowerCase() === '.git') {
        throw new NotAllowedError(
          `${field} holds "${child}", a .git entry, which may not be published`,
        );
      }
      if (entry.isSymbolicLink()) {
        throw new NotAllowedError(
          `${field} holds "${child}", a symbolic link, which may point outside the ${place}`,
        );
      }
      if (entry.isDirectory()) {
        await walk(child);
      } else if (entry.isFile()) {
        const stat = await fs.lstat(path.join(directory, child));
        found.push({ path: child, executable: (stat.mode & 0o111) !== 0 });
        if (found.length > maxFiles) {
          throw new NotAllowedError(
            `${field} holds more than the ${maxFiles} files one publish may have`,
          );
        }
      } else {
        throw new InputError(
          `${field} holds "${child}", which is neither a directory nor a regular file`,
        );
      }
    }
  };
  await walk('');
  return found.sort((a, b) => a.path.localeCompare(b.path, 'en'));
}
