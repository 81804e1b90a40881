/**
 * Commits what is staged in a work tree and pushes it to one branch of the remote, with
 * hooks off: the one way the writing actions publish a commit.
 *
 * @param git - Runs git in the work tree, through the hardened runner bound to the remote.
 * @param remoteUrl - The remote, as the remote policy resolved it.
 * @param branch - The branch to push to (`refs/heads/<branch>`).
 * @param message - The commit message.
 * @returns The id of the pushed commit.
 *
 * @internal
 */
export async function commitAndPush(
  git: (args: string[]) => Promise<string>,
  remoteUrl: string,
  branch: string,
  message: string,
): Promise<string> {
  await git(['commit', '--no-verify', '-q', '-m', message]);
  const commit = (await git(['rev-parse', 'HEAD'])).trim();
  await git([
    'push',
    '--no-verify',
    '--quiet',
    '--',
    remoteUrl,
    `HEAD:refs/heads/${branch}`,
  ]);
  return commit;
}
