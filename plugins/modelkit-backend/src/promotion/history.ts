import {
  findOverlayModelKitReferences,
  OVERLAY_MAX_BYTES,
  parsePullRequestFromCommitMessage,
  PromotionEnvironment,
  PromotionHistoryEntry,
  tryParseModelKitReference,
} from '@kitstage/plugin-modelkit-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runGit } from './git';
import { HistoryRemote } from './remotes';

/**
 * The default of `kitstage.promotion.maxHistoryCommits`.
 *
 * @internal
 */
export const DEFAULT_MAX_HISTORY_COMMITS = 200;

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

/** The ModelKit reference in effect in an overlay at a commit, or why there is none. */
async function referenceAt(
  gitDir: string,
  remote: HistoryRemote,
  commit: string,
  overlayPath: string,
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
 * Reads the promotion history of environments from a Git remote: a bare partial clone
 * (`--filter=blob:none`, one branch) into a temporary directory that is deleted afterwards;
 * for each environment the first-parent commits of the branch that touched its overlay,
 * oldest to newest, keeping those after which the ModelKit reference in effect changed.
 *
 * @returns entries newest first, the branch read, and whether a commit limit cut the history.
 * @internal
 */
export async function readPromotionHistory(options: {
  remote: HistoryRemote;
  environments: PromotionEnvironment[];
  maxCommits?: number;
}): Promise<{
  branch: string;
  entries: PromotionHistoryEntry[];
  truncated: boolean;
}> {
  const { remote } = options;
  const maxCommits = options.maxCommits ?? DEFAULT_MAX_HISTORY_COMMITS;
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-history-'));
  try {
    const gitDir = path.join(dir, 'repo.git');
    await runGit(
      [
        'clone',
        '--bare',
        '--quiet',
        '--filter=blob:none',
        '--single-branch',
        '--no-tags',
        ...(remote.branch ? ['--branch', remote.branch] : []),
        '--',
        remote.url,
        gitDir,
      ],
      { remote },
    );
    const branch =
      remote.branch ??
      (
        await runGit(['symbolic-ref', '--short', 'HEAD'], { cwd: gitDir })
      ).trim();
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
      if (commits.length > maxCommits) {
        truncated = true;
        commits = commits.slice(0, maxCommits);
      }
      let previous: { key: string; digest?: string } | undefined;
      const perEnvironment: PromotionHistoryEntry[] = [];
      for (const commit of commits.reverse()) {
        const state = await referenceAt(
          gitDir,
          remote,
          commit.commit,
          environment.overlayPath,
        );
        const key = state.reference ?? `problem:${state.problem}`;
        if (previous?.key === key) continue;
        const digest = state.reference
          ? tryParseModelKitReference(state.reference)?.digest
          : undefined;
        const pullRequest = parsePullRequestFromCommitMessage(commit.message);
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
