import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { cloneBranchTip, GitRemote } from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import { realDirectory } from '../../lib/workspaceFiles';

async function isEmptyOrMissing(directory: string) {
  try {
    return (await fs.readdir(directory)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * Clones the tip of a branch of a Component's deploy repository into a directory of the
 * workspace. The directory is created without following any link and must be empty, so git
 * runs in an empty private directory: never in (or below) a repository of the workspace.
 *
 * @internal
 */
export async function checkoutDeployRepository(options: {
  /** The deploy repository, as config allows it. */
  remote: GitRemote;
  /** The branch to clone. */
  branch: string;
  /** The scaffolder workspace. */
  workspacePath: string;
  /** The directory in the workspace, already checked; the workspace root when undefined. */
  repoPath: string | undefined;
  /** Where the clone is logged. */
  logger: LoggerService;
}): Promise<void> {
  const { remote, branch, repoPath } = options;
  const cloneDirectory = await realDirectory(
    await fs.realpath(options.workspacePath),
    repoPath ?? '',
    { field: 'path', create: true },
  );
  if (!(await isEmptyOrMissing(cloneDirectory))) {
    throw new InputError(
      `path "${
        repoPath ?? '.'
      }" is not empty; the checkout needs an empty directory`,
    );
  }
  options.logger.info(`Cloning ${remote.url} (${branch})`);
  await cloneBranchTip(remote, branch, cloneDirectory);
}
