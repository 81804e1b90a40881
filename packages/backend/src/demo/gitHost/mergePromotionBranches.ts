import { DemoAuthor } from './demoDeployHistory';
import { runDemoGit } from './runDemoGit';

/** The branches `kitstage:modelkit:promote` names (`kitstage/promote-<component>-…`). */
const PROMOTION_BRANCHES = 'refs/heads/kitstage/';

async function succeeds(run: Promise<unknown>): Promise<boolean> {
  try {
    await run;
    return true;
  } catch {
    return false;
  }
}

/** The next pull request number: one more than the highest `#<n>` of the branch's history. */
async function nextPullRequestNumber(gitDir: string): Promise<number> {
  const messages = await runDemoGit(gitDir, ['log', '--format=%s', 'main']);
  let highest = 0;
  for (const match of messages.matchAll(
    /(?:\(#|Merge pull request #)(\d{1,9})\b/g,
  )) {
    highest = Math.max(highest, Number(match[1]));
  }
  return highest + 1;
}

/**
 * Plays the reviewer of the demo: merges each promotion branch (`kitstage/…`) of a bare demo
 * deploy repository that `main` does not contain yet into `main`, as GitHub merges a pull
 * request (`Merge pull request #<n> from <branch>`, a merge commit whose first parent is the
 * previous `main`), so that the promotion history, which reads `main`, shows the promotion.
 * The branch itself is kept. A branch that conflicts with `main` is left unmerged.
 *
 * @returns the branches merged, and those left unmerged because they conflict.
 */
export async function mergePromotionBranches(
  gitDir: string,
  reviewer: DemoAuthor,
): Promise<{ merged: string[]; conflicting: string[] }> {
  const merged: string[] = [];
  const conflicting: string[] = [];
  const branches = (
    await runDemoGit(gitDir, [
      'for-each-ref',
      '--format=%(refname:short)',
      PROMOTION_BRANCHES,
    ])
  )
    .split('\n')
    .filter(Boolean);
  for (const branch of branches) {
    const main = (
      await runDemoGit(gitDir, ['rev-parse', '--verify', 'refs/heads/main'])
    ).trim();
    if (
      await succeeds(
        runDemoGit(gitDir, ['merge-base', '--is-ancestor', branch, main]),
      )
    ) {
      continue;
    }
    let tree: string;
    try {
      tree = (
        await runDemoGit(gitDir, ['merge-tree', '--write-tree', main, branch])
      )
        .split('\n')[0]
        .trim();
    } catch {
      conflicting.push(branch);
      continue;
    }
    const number = await nextPullRequestNumber(gitDir);
    const subject = (
      await runDemoGit(gitDir, ['log', '-1', '--format=%s', branch])
    ).trim();
    const commit = (
      await runDemoGit(
        gitDir,
        ['commit-tree', tree, '-p', main, '-p', branch, '-F', '-'],
        {
          input: `Merge pull request #${number} from ${branch}\n\n${subject}\n`,
          env: {
            GIT_AUTHOR_NAME: reviewer.name,
            GIT_AUTHOR_EMAIL: reviewer.email,
            GIT_COMMITTER_NAME: reviewer.name,
            GIT_COMMITTER_EMAIL: reviewer.email,
          },
        },
      )
    ).trim();
    await runDemoGit(gitDir, ['update-ref', 'refs/heads/main', commit, main]);
    merged.push(branch);
  }
  return { merged, conflicting };
}
