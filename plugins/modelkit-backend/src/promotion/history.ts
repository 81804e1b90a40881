import {
  findOverlayModelKitReferences,
  OVERLAY_MAX_BYTES,
  parsePullRequestFromCommitMessage,
  PromotionEnvironment,
  PromotionHistoryEntry,
  tryParseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import {
  baseBranchOf,
  GitRemote,
  runGit,
} from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * The default of `kitstage.promotion.maxHistoryCommits`.
 *
 * @internal
 */
export const DEFAULT_MAX_HISTORY_COMMITS = 200;

/**
 * The default of `kitstage.promotion.maxHistoryBlobs`.
 *
 * @internal
 */
export const DEFAULT_MAX_HISTORY_BLOBS = 1000;

/**
 * How deep a read of the promotion history clones, per commit of `maxHistoryCommits`: the
 * clone holds at most `maxCommits × HISTORY_DEPTH_PER_COMMIT` commits of the branch
 * (`git clone --depth`), so a long history costs no more than that.
 *
 * @internal
 */
export const HISTORY_DEPTH_PER_COMMIT = 5;

/**
 * The pull request (or merge request) a commit message names, linked only on the remote's
 * own host: a URL in the message counts only when it is `<remote>/pull/<n>` (GitHub) or
 * `<remote>/-/merge_requests/<n>` (GitLab) with the remote's scheme, host and port (parsed,
 * compared lower-case) and repository path; the link returned is built from the remote, not
 * copied from the message. Other URLs are dropped before the number is read from the text
 * (`Merge pull request #12`, `(#12)`, `See merge request group/project!12`).
 *
 * @internal
 */
export function pullRequestOf(
  message: string,
  remote: { url: string },
): { number: number; url?: string } | undefined {
  const base = new URL(remote.url);
  const repoPath = base.pathname.replace(/\/+$/, '').replace(/\.git$/, '');
  const web =
    base.protocol === 'https:' || base.protocol === 'http:'
      ? `${base.protocol}//${base.host}${repoPath}`
      : undefined;
  for (const match of message.matchAll(/https?:\/\/[^\s<>()"'`]+/g)) {
    if (!web) break;
    let url: URL;
    try {
      url = new URL(match[0].replace(/[.,;:!?]+$/, ''));
    } catch {
      continue;
    }
    if (
      url.username ||
      url.password ||
      url.protocol !== base.protocol ||
      url.host.replace(/\.$/, '') !== base.host ||
      !url.pathname.startsWith(`${repoPath}/`)
    ) {
      continue;
    }
    const rest = url.pathname.slice(repoPath.length);
    const number = rest.match(/^\/(?:pull|-\/merge_requests)\/(\d{1,9})\/?$/);
    if (number) {
      const kind = rest.startsWith('/pull/') ? 'pull' : '-/merge_requests';
      return {
        number: Number(number[1]),
        url: `${web}/${kind}/${Number(number[1])}`,
      };
    }
  }
  const parsed = parsePullRequestFromCommitMessage(
    message.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, ''),
  );
  return parsed ? { number: parsed.number } : undefined;
}

interface Commit {
  commit: string;
  committedAt: string;
  author: { name: string; email: string };
  message: string;
}

function parseLog(text: string): Commit[] {
  return text
    .split('\x1e')
    .map(record => record.replace(/^\n/, ''))
    .filter(record => record.length > 0)
    .map(record => {
      const [commit, time, name, email, message] = record.split('\x1f');
      return {
        commit,
        committedAt: new Date(Number(time) * 1000).toISOString(),
        author: { name, email },
        message: (message ?? '').trim(),
      };
    });
}

/** Thrown when a read of the history has fetched as many overlay files as it may. */
class BlobBudgetExhausted extends Error {}

/** The ModelKit reference in effect in an overlay at a commit, or why there is none. */
async function referenceAt(
  gitDir: string,
  remote: GitRemote,
  commit: string,
  overlayPath: string,
  budget: { blobs: number },
): Promise<{ reference?: string; problem?: string }> {
  const listing = await runGit(
    ['ls-tree', '-z', '-l', commit, '--', `${overlayPath}/`],
    { cwd: gitDir, remote },
  );
  const files = listing
    .split('\0')
    .filter(Boolean)
    .map(line => {
      const [meta, file] = line.split('\t');
      const [mode, type, oid, size] = meta.split(/\s+/);
      return { mode, type, oid, size: Number(size), file };
    })
    .filter(entry => entry.type === 'blob' && /\.ya?ml$/i.test(entry.file));
  if (files.length === 0) {
    return { problem: `${overlayPath} holds no YAML file at this commit` };
  }
  const references = new Set<string>();
  for (const entry of files) {
    if (entry.mode === '120000') {
      return { problem: `${entry.file} is a symbolic link` };
    }
    if (entry.size > OVERLAY_MAX_BYTES) {
      return {
        problem: `${entry.file} is ${entry.size} bytes, more than ${OVERLAY_MAX_BYTES}`,
      };
    }
    if (budget.blobs <= 0) {
      throw new BlobBudgetExhausted();
    }
    budget.blobs--;
    const text = await runGit(['cat-file', 'blob', entry.oid], {
      cwd: gitDir,
      remote,
    });
    try {
      for (const ref of findOverlayModelKitReferences(text, entry.file)) {
        references.add(ref.reference);
      }
    } catch (error) {
      return { problem: (error as Error).message };
    }
  }
  if (references.size === 0) {
    return { problem: `${overlayPath} holds no ModelKit reference` };
  }
  if (references.size > 1) {
    return {
      problem: `${overlayPath} holds ${
        references.size
      } different ModelKit references: ${[...references].join(', ')}`,
    };
  }
  return { reference: [...references][0] };
}

/**
 * Reads the promotion history of environments from a Git remote: a bare, shallow, partial
 * clone (`--depth`, `--filter=blob:none`, one branch) into a temporary directory that is
 * deleted afterwards. The branch read is the remote's base branch ({@link baseBranchOf}: its
 * `#branch`, else `main`), the one promotions start from, never the remote's `HEAD`. For each
 * environment the first-parent commits of the branch that touched
 * its overlay, oldest to newest, keeping those after which the ModelKit reference in effect
 * changed.
 *
 * Bounded per read: the clone holds at most `maxCommits × HISTORY_DEPTH_PER_COMMIT` commits
 * of the branch, at most `maxCommits` commits per environment are read (the newest), and at
 * most `maxBlobs` overlay files are fetched in all; when a bound is reached the older history
 * is left out and `truncated` is set. The commit where a shallow clone stops is left out too:
 * without its parents it cannot tell whether it changed the overlay.
 *
 * @returns entries newest first, the branch read, and whether a bound cut the history.
 * @internal
 */
export async function readPromotionHistory(options: {
  remote: GitRemote;
  environments: PromotionEnvironment[];
  maxCommits?: number;
  maxBlobs?: number;
}): Promise<{
  branch: string;
  entries: PromotionHistoryEntry[];
  truncated: boolean;
}> {
  const { remote } = options;
  const branch = baseBranchOf(remote);
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_HISTORY_COMMITS;
  const budget = { blobs: options.maxBlobs ?? DEFAULT_MAX_HISTORY_BLOBS };
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-history-'));
  try {
    const gitDir = path.join(dir, 'repo.git');
    await runGit(
      [
        'clone',
        '--bare',
        '--quiet',
        '--filter=blob:none',
        `--depth=${
          Math.max(1, Math.floor(maxCommits)) * HISTORY_DEPTH_PER_COMMIT
        }`,
        '--single-branch',
        '--no-tags',
        '--branch',
        branch,
        '--',
        remote.url,
        gitDir,
      ],
      { remote },
    );
    // The commits where the shallow clone stops, if the history is deeper than the clone.
    const boundary = new Set(
      (await fs.readFile(path.join(gitDir, 'shallow'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean),
    );
    const entries: PromotionHistoryEntry[] = [];
    let truncated = false;
    for (const environment of options.environments) {
      const log = await runGit(
        [
          'log',
          '--first-parent',
          `--max-count=${maxCommits + 1}`,
          '--format=%H%x1f%ct%x1f%an%x1f%ae%x1f%B%x1e',
          `refs/heads/${branch}`,
          '--',
          environment.overlayPath,
        ],
        { cwd: gitDir, remote },
      );
      let commits = parseLog(log);
      const cut = commits.findIndex(commit => boundary.has(commit.commit));
      if (cut >= 0) {
        truncated = true;
        commits = commits.slice(0, cut);
      }
      if (commits.length > maxCommits) {
        truncated = true;
        commits = commits.slice(0, maxCommits);
      }
      let previous: { key: string; digest?: string } | undefined;
      const perEnvironment: PromotionHistoryEntry[] = [];
      // Newest first, so that a blob budget that runs out leaves out the oldest commits;
      // then each commit is compared with the one before it.
      const states: Array<{ reference?: string; problem?: string }> = [];
      for (const commit of commits) {
        try {
          states.push(
            await referenceAt(
              gitDir,
              remote,
              commit.commit,
              environment.overlayPath,
              budget,
            ),
          );
        } catch (error) {
          if (!(error instanceof BlobBudgetExhausted)) throw error;
          truncated = true;
          break;
        }
      }
      commits = commits.slice(0, states.length);
      for (const [index, commit] of [...commits.entries()].reverse()) {
        const state = states[index];
        const key = state.reference ?? `problem:${state.problem}`;
        if (previous?.key === key) continue;
        const digest = state.reference
          ? tryParseModelKitReference(state.reference)?.digest
          : undefined;
        const pullRequest = pullRequestOf(commit.message, remote);
        perEnvironment.push({
          environment: environment.name,
          commit: commit.commit,
          subject: commit.message.split('\n')[0].slice(0, 300),
          committedAt: commit.committedAt,
          author: commit.author,
          ...(state.reference ? { reference: state.reference } : {}),
          ...(digest ? { digest } : {}),
          ...(previous?.digest ? { previousDigest: previous.digest } : {}),
          ...(pullRequest ? { pullRequest } : {}),
          ...(state.problem ? { problem: state.problem } : {}),
        });
        previous = { key, digest: digest ?? previous?.digest };
      }
      entries.push(...perEnvironment.reverse());
    }
    entries.sort((a, b) => b.committedAt.localeCompare(a.committedAt));
    return { branch, entries, truncated };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
