import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import { resolveGitRemote, runGit } from '../../lib/git';
import { fields, parseInput, Zod } from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import { checkRelativePath } from '../../lib/workspaceFiles';
import { pushBranchExamples } from './pushBranch.examples';

/**
 * Id of the action that pushes the workspace's changes as a new branch to a Git remote.
 *
 * @public
 */
export const PUSH_BRANCH_ACTION_ID = 'kitstage:git:push-branch';

const branch = (z: Zod) =>
  z.string().max(200).regex(patterns.GIT_BRANCH, 'must be a Git branch name');

const inputSchema = (z: Zod) =>
  z.object({
    remoteUrl: z
      .string()
      .max(500)
      .describe(
        'The Git remote: https:// on an SCM integration host, or a prefix listed in kitstage.promotion.allowedRemotes',
      ),
    branch: branch(z).describe('The new branch to push'),
    baseBranch: branch(z)
      .default('main')
      .describe('The branch the change is based on'),
    commitMessage: z.string().min(1).max(5000).describe('The commit message'),
    files: z
      .array(fields.relativePath(z))
      .min(1)
      .max(100)
      .describe('The changed files to commit, relative to path'),
    path: fields
      .relativePath(z)
      .optional()
      .describe(
        'Where the repository is in the workspace; defaults to the root',
      ),
    author: z
      .object({
        name: z.string().min(1).max(200),
        email: z
          .string()
          .max(200)
          .regex(/^[^\s<>]+@[^\s<>]+$/, 'must be an email'),
      })
      .optional()
      .describe('The commit author; defaults to Kitstage'),
  });

async function exists(target: string) {
  try {
    await fs.lstat(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates the `kitstage:git:push-branch` action: commits the given files of the workspace on
 * a new branch and pushes it to any Git remote with the `git` CLI (argument arrays, no
 * shell). When the workspace is not a clone (`fetch:plain`), the base branch is fetched
 * first and the files are laid on top of it. Credentials come from the SCM integrations and
 * never appear in a URL or a log line. Refuses to overwrite an existing remote branch.
 *
 * @public
 */
export function createPushBranchAction(options: { config: Config }) {
  return createTemplateAction({
    id: PUSH_BRANCH_ACTION_ID,
    description:
      'Commits changed files on a new branch and pushes it to a Git remote with the git CLI',
    examples: pushBranchExamples,
    supportsDryRun: false,
    schema: {
      input: inputSchema,
      output: {
        commit: z => z.string().describe('The pushed commit id'),
        branch: z => z.string().describe('The pushed branch'),
        remoteUrl: z => z.string().describe('The remote, without credentials'),
      },
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema(zv3),
        ctx.input,
        PUSH_BRANCH_ACTION_ID,
      );
      const remote = resolveGitRemote(options.config, input.remoteUrl);
      const repoPath = input.path ? checkRelativePath(input.path, 'path') : '';
      const root = repoPath
        ? resolveSafeChildPath(ctx.workspacePath, repoPath)
        : ctx.workspacePath;
      const files = input.files.map(file => checkRelativePath(file, 'files'));
      for (const file of files) {
        resolveSafeChildPath(root, file);
        const stat = await fs
          .lstat(path.join(root, file))
          .catch(() => undefined);
        if (!stat?.isFile()) {
          throw new InputError(
            `files: "${file}" is not a regular file in the workspace`,
          );
        }
      }
      const env = input.author
        ? {
            GIT_AUTHOR_NAME: input.author.name,
            GIT_AUTHOR_EMAIL: input.author.email,
          }
        : undefined;
      const git = (args: string[], cwd = root) =>
        runGit(args, { cwd, remote, env });

      const existing = await git([
        'ls-remote',
        '--heads',
        '--',
        remote.url,
        `refs/heads/${input.branch}`,
      ]);
      if (existing.trim()) {
        throw new InputError(
          `The branch ${input.branch} already exists on the remote; pick another name`,
        );
      }

      let workTree = root;
      let scratch: string | undefined;
      if (!(await exists(path.join(root, '.git')))) {
        // A plain checkout (fetch:plain): clone the base branch beside it and copy the files.
        scratch = await fs.mkdtemp(
          path.join(ctx.workspacePath, '.kitstage-push-'),
        );
        await runGit(
          [
            'clone',
            '--depth',
            '1',
            '--single-branch',
            '--no-tags',
            '--branch',
            input.baseBranch,
            '--',
            remote.url,
            '.',
          ],
          { cwd: scratch, remote },
        );
        for (const file of files) {
          const target = resolveSafeChildPath(scratch, file);
          await fs.mkdir(path.dirname(target), { recursive: true });
          await fs.copyFile(path.join(root, file), target);
        }
        workTree = scratch;
      }
      try {
        await git(['checkout', '-b', input.branch], workTree);
        await git(['add', '--', ...files], workTree);
        const staged = await git(['diff', '--cached', '--name-only'], workTree);
        if (!staged.trim()) {
          throw new InputError(
            `Nothing to commit: ${files.join(
              ', ',
            )} already hold these contents on ${input.baseBranch}`,
          );
        }
        await git(
          ['commit', '--no-verify', '-q', '-m', input.commitMessage],
          workTree,
        );
        const commit = (await git(['rev-parse', 'HEAD'], workTree)).trim();
        await git(
          [
            'push',
            '--no-verify',
            '--',
            remote.url,
            `HEAD:refs/heads/${input.branch}`,
          ],
          workTree,
        );
        ctx.logger.info(`Pushed ${commit} to ${input.branch} of ${remote.url}`);
        ctx.output('commit', commit);
        ctx.output('branch', input.branch);
        ctx.output('remoteUrl', remote.url);
      } finally {
        if (scratch) {
          await fs.rm(scratch, { recursive: true, force: true });
        }
      }
    },
  });
}
