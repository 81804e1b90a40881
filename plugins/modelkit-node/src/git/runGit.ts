import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GitRemote } from './GitRemotePolicy';

/**
 * Options of {@link runGit}.
 *
 * @public
 */
export interface RunGitOptions {
  /**
   * The working directory: a repository root (git does not look above it for a repository),
   * or a directory that holds none. Without it, git runs in a new empty private directory.
   */
  cwd?: string;
  /** The remote the command talks to: only its transport is allowed, with its credentials. */
  remote?: GitRemote;
  /** Extra environment, such as `GIT_AUTHOR_NAME`. */
  env?: Record<string, string>;
  /** Written to git's standard input. */
  input?: string;
  /** The most bytes of output read. @defaultValue 64 MiB */
  maxBuffer?: number;
  /** Milliseconds before git is killed. @defaultValue 120000 */
  timeoutMs?: number;
}

/**
 * Settings forced on every git command, above any repository configuration: no fsmonitor,
 * hook, credential helper or signing program runs, and symbolic links of a checked-out tree
 * are written as plain files holding the link text.
 */
const FORCED_CONFIG: Array<[string, string]> = [
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', '/dev/null'],
  ['core.symlinks', 'false'],
  ['credential.helper', ''],
  ['commit.gpgSign', 'false'],
  ['tag.gpgSign', 'false'],
];

/**
 * Runs the `git` CLI the one way Kitstage does: with an argument array (never a shell),
 * without the user's or system Git configuration, prompts, hooks, fsmonitor, credential
 * helpers or signing (forced through `GIT_CONFIG_COUNT`, above the repository's own
 * configuration), checking symbolic links out as plain files, allowing only the protocol of
 * the remote (and `file` only for a `file://` remote), and with the remote's credentials in
 * an `http.<url>.extraHeader` passed through the environment, so they appear neither in a URL
 * nor in the process list. `GIT_CEILING_DIRECTORIES` keeps git from looking above the working
 * directory for a repository; without a working directory git runs in a new empty private
 * one. Errors carry git's message with the credentials cut out.
 *
 * @remarks
 *
 * A repository's own configuration is still read, and can name commands (filters, diff and
 * merge drivers) that no forced setting covers: run git only in repositories Kitstage created
 * itself, never in one a user or a template supplied.
 *
 * @returns git's standard output.
 * @public
 */
export async function runGit(
  args: string[],
  options: RunGitOptions = {},
): Promise<string> {
  if (options.cwd !== undefined) {
    return runGitIn(path.resolve(options.cwd), args, options);
  }
  const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-git-'));
  try {
    return await runGitIn(empty, args, options);
  } finally {
    await fs.rm(empty, { recursive: true, force: true });
  }
}

function runGitIn(
  cwd: string,
  args: string[],
  options: RunGitOptions,
): Promise<string> {
  const remote = options.remote;
  const protocol = remote ? new URL(remote.url).protocol.slice(0, -1) : '';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    GIT_ALLOW_PROTOCOL: protocol || 'https',
    GIT_CEILING_DIRECTORIES: path.dirname(cwd),
    GIT_AUTHOR_NAME: 'Kitstage',
    GIT_AUTHOR_EMAIL: 'kitstage@localhost',
    GIT_COMMITTER_NAME: 'Kitstage',
    GIT_COMMITTER_EMAIL: 'kitstage@localhost',
    ...options.env,
  };
  const configs: Array<[string, string]> = [
    ...FORCED_CONFIG,
    ['protocol.file.allow', protocol === 'file' ? 'always' : 'never'],
  ];
  if (remote?.authorization) {
    configs.push([
      `http.${remote.url}.extraHeader`,
      `Authorization: ${remote.authorization}`,
    ]);
  }
  env.GIT_CONFIG_COUNT = String(configs.length);
  configs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  const secret = remote?.authorization;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd,
        env,
        maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          let message = `git ${args[0]} failed: ${String(
            stderr || error.message,
          )
            .trim()
            .slice(0, 2000)}`;
          if (secret) {
            message = message.split(secret).join('***');
          }
          reject(new Error(message));
          return;
        }
        resolve(stdout);
      },
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}

/**
 * Clones one branch of an allowed remote into `target` (a path that does not exist yet), with
 * no history beyond its tip and no tags: how promotions fetch the deploy repository they
 * change.
 *
 * @param options - the git options of the clone, e.g. `cwd`, an empty private directory.
 * @public
 */
export async function cloneBranchTip(
  remote: GitRemote,
  branch: string,
  target: string,
  options: Omit<RunGitOptions, 'remote'> = {},
): Promise<void> {
  await runGit(
    [
      'clone',
      '--quiet',
      '--depth',
      '1',
      '--single-branch',
      '--no-tags',
      '--branch',
      branch,
      '--',
      remote.url,
      target,
    ],
    { ...options, remote },
  );
}
