import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
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
 * Writes a file inside the scaffolder workspace without ever leaving it: the path is checked
 * with {@link checkRelativePath} and `resolveSafeChildPath`, every existing directory on the way
 * must be a real directory (a symbolic link is refused, since it could point outside), and the
 * file itself is opened with `O_NOFOLLOW` so that a symbolic link planted at its place is not
 * followed either.
 *
 * @internal
 */
export async function writeWorkspaceFile(
  workspacePath: string,
  relativePath: string,
  content: string,
  field = 'path',
): Promise<string> {
  const normalised = checkRelativePath(relativePath, field);
  const root = await fs.realpath(workspacePath);

  const segments = normalised.split('/');
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    current = path.join(current, segment);
    const stat = await lstatOrUndefined(current);
    if (!stat) {
      await fs.mkdir(current);
    } else if (stat.isSymbolicLink()) {
      throw new NotAllowedError(
        `${field} "${normalised}" goes through the symbolic link "${path.relative(
          root,
          current,
        )}", which may point outside the workspace`,
      );
    } else if (!stat.isDirectory()) {
      throw new InputError(
        `${field} "${normalised}" goes through "${path.relative(
          root,
          current,
        )}", which is not a directory`,
      );
    }
  }

  const file = path.join(root, normalised);
  const existing = await lstatOrUndefined(file);
  if (existing?.isSymbolicLink()) {
    throw new NotAllowedError(
      `${field} "${normalised}" is a symbolic link, which may point outside the workspace`,
    );
  }
  if (existing && !existing.isFile()) {
    throw new InputError(`${field} "${normalised}" exists and is not a file`);
  }
  // Every directory on the way is now known to be a real directory inside the workspace;
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
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  // `target` is where resolveSafeChildPath placed the file; it only differs from `file` when
  // the workspace path itself is reached through a link, which is the scaffolder's business.
  return target;
}
