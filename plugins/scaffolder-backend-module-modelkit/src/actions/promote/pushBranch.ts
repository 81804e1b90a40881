import { AuditorService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { modelkitPromotePermission } from '@kitstage/plugin-modelkit-common';
import {
  baseBranchOf,
  cloneBranchTip,
  GitRemotePolicy,
  ModelKitAccessService,
  runGit,
} from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import { auditedWrite } from '../../lib/audit';
import { initiatorAuthor } from '../../lib/commitAuthor';
import { fields, parseInput, Zod } from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import {
  checkRelativePath,
  readWorkspaceFiles,
  realDirectory,
  writeWorkspaceFile,
} from '../../lib/workspaceFiles';
import { withScratchDirectory } from '../../lib/scratchDirectory';
import { pushBranchExamples } from './pushBranch.examples';
import { commitAndPush } from '../../lib/commitAndPush';

/**
 * Id of the action that pushes the workspace's changes as a new branch to a Git remote.
 *
 * @public
 */
export const PUSH_BRANCH_ACTION_ID = 'kitstage:git:push-branch';

const branch = (z: Zod) =>
  z.string().max(200).regex(patterns.GIT_BRANCH, 'must be a Git branch name');

const inputSchema = (z: Zod) =>
  z
    .object({
      component: fields
        .entityRef(z)
        .describe(
          'The Component whose deploy repository receives the branch (its kitstage.dev/deploy-repository annotation or source location, under kitstage.promotion.allowedRemotes), e.g. component:default/support-sentiment; needs kitstage.modelkit.promote on it',
        ),
      branch: branch(z).describe('The new branch to push'),
      baseBranch: branch(z)
        .optional()
        .describe(
          "The branch the change is based on; defaults to the deploy repository's #<branch>, or main",
        ),
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
        .describe(
          'Ignored, kept so that older templates still run: the commit is authored as the initiator (their catalog profile name and email, else their user entity ref), with Kitstage as committer, so promotion history cannot name someone else',
        ),
    })
    .strict();

/**
 * The most bytes one file pushed by `kitstage:git:push-branch` may have.
 *
 * @internal
 */
export const PUSH_FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The most bytes all the files of one push may have together.
 *
 * @internal
 */
export const PUSH_TOTAL_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Options of {@link createPushBranchAction}.
 *
 * @public
 */
export interface PushBranchActionOptions {
  /** The root config: `kitstage.promotion.allowedRemotes`, `integrations`. */
  config: Config;
  /**
   * The authorization helper: requires a user principal (or a configured service) and
   * `kitstage.modelkit.promote` on the Component, read as the initiator.
   */
  access: ModelKitAccessService;
  /** Records every push and refusal. */
  auditor: AuditorService;
}

/**
 * Creates the `kitstage:git:push-branch` action: commits the given files of the workspace on
 * a new branch and pushes it, with the `git` CLI (argument arrays, no shell), to the deploy
 * repository of a Component: its `kitstage.dev/deploy-repository` annotation or source
 * location, used only when it is under `kitstage.promotion.allowedRemotes`. The initiator
 * must be a user (or a service listed under `kitstage.authorization.servicePrincipals`) with
 * `kitstage.modelkit.promote` on the Component. git never runs in a repository of the
 * workspace: the base branch is cloned afresh into a private directory outside the workspace
 * (deleted afterwards), the files are copied into it from the workspace, then committed and
 * pushed from there. Files are read and written without following any symbolic link (in the
 * workspace or in the deploy repository), must be regular files of at most
 * 10 MiB, and may not be inside a `.git` directory. Credentials come from the SCM integrations and never appear in a URL or a log line.
 * Refuses to overwrite an existing remote branch. The commit is authored as the initiator,
 * as the backend knows them (their User entity's `profile.displayName` and `profile.email`,
 * read from the catalog with their credentials, else their user entity ref), with Kitstage
 * as committer; the `author` input is ignored (with a warning), because promotion history
 * reports the author. Every push and refusal is recorded through the auditor service.
 *
 * @public
 */
export function createPushBranchAction(options: PushBranchActionOptions) {
  const remotes = GitRemotePolicy.fromConfig(options.config);
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
      await auditedWrite(
        {
          ctx,
          access: options.access,
          auditor: options.auditor,
          eventId: 'modelkit-push-branch',
          purpose: `Pushing a promotion branch for ${input.component}`,
          meta: {
            component: input.component,
            branch: input.branch,
            files: input.files,
            ...(input.author
              ? {
                  ignoredAuthor: {
                    name: input.author.name,
                    email: input.author.email,
                  },
                }
              : {}),
          },
        },
        async (meta, credentials) => {
          let name;
          try {
            name = parseEntityRef(input.component, {
              defaultKind: 'component',
              defaultNamespace: 'default',
            });
          } catch (error) {
            throw new InputError(
              `component "${input.component}" is not an entity reference: ${
                (error as Error).message
              }`,
            );
          }
          if (name.kind.toLowerCase() !== 'component') {
            throw new InputError(
              `component must name a Component, got "${input.component}"`,
            );
          }
          const component = await options.access.readEntity(
            {
              kind: 'Component',
              ...options.access.parseEntityName(name, 'component'),
            },
            {
              credentials,
              permission: modelkitPromotePermission,
              purpose: 'push promotion branches to the deploy repository of',
            },
          );
          meta.component = stringifyEntityRef(component);
          const remote = remotes.forComponent(component);
          meta.remote = remote.url;
          const baseBranch = input.baseBranch ?? baseBranchOf(remote);
          const repoPath = input.path
            ? checkRelativePath(input.path, 'path')
            : '';
          const files = input.files.map(file => {
            const normalised = checkRelativePath(file, 'files');
            if (
              normalised
                .split('/')
                .some(segment => segment.toLowerCase() === '.git')
            ) {
              throw new InputError(
                `files "${normalised}" is inside a .git directory`,
              );
            }
            return normalised;
          });
          meta.files = files;
          // Read every file before anything talks to the remote: each must be a regular file
          // of the workspace, reached without a symbolic link.
          const source = await realDirectory(
            await fs.realpath(ctx.workspacePath),
            repoPath,
            { field: 'path' },
          );
          const contents = await readWorkspaceFiles(source, files, {
            field: 'files',
            maxBytes: PUSH_FILE_MAX_BYTES,
            what: 'a pushed file',
            maxTotalBytes: PUSH_TOTAL_MAX_BYTES,
            overTotal: `files hold more than the ${PUSH_TOTAL_MAX_BYTES} bytes one push may have`,
          });
          // The author is who the backend knows the initiator as, never what the template
          // says: promotion history reports it.
          const author = await initiatorAuthor(options.access, credentials);
          if (input.author) {
            ctx.logger.warn(
              `Ignoring the author input: ${PUSH_BRANCH_ACTION_ID} authors commits as the initiator, ${author.principal}`,
            );
          }
          meta.author = { name: author.name, email: author.email };
          const env = {
            GIT_AUTHOR_NAME: author.name,
            GIT_AUTHOR_EMAIL: author.email,
          };

          // git runs only in this private directory, outside the workspace: first while it is
          // empty (ls-remote, clone), then in the clone made there.
          await withScratchDirectory('kitstage-push-', async scratch => {
            const workTree = path.join(scratch, 'clone');
            const git = (args: string[], cwd = workTree) =>
              runGit(args, { cwd, remote, env });
            const existing = await git(
              [
                'ls-remote',
                '--heads',
                '--',
                remote.url,
                `refs/heads/${input.branch}`,
              ],
              scratch,
            );
            if (existing.trim()) {
              throw new InputError(
                `The branch ${input.branch} already exists on the remote; pick another name`,
              );
            }
            await cloneBranchTip(remote, baseBranch, workTree, {
              cwd: scratch,
              env,
            });
            for (const [index, file] of files.entries()) {
              await writeWorkspaceFile(
                workTree,
                file,
                contents[index],
                'files',
                'deploy repository',
              );
            }
            await git(['checkout', '-q', '-b', input.branch]);
            await git(['add', '--', ...files]);
            // A symbolic link of the deploy repository is checked out as a plain file holding
            // its target; git would keep it a link with the new text as its target.
            const staged = await git(['ls-files', '-s', '-z', '--', ...files]);
            for (const entry of staged.split('\0').filter(Boolean)) {
              const [info, file] = entry.split('\t');
              if (!/^100(?:644|755) /.test(info)) {
                throw new NotAllowedError(
                  `files "${file}" is ${
                    info.startsWith('120000 ')
                      ? 'a symbolic link'
                      : 'not a regular file'
                  } in the deploy repository; push-branch writes only regular files`,
                );
              }
            }
            const changed = await git(['diff', '--cached', '--name-only']);
            if (!changed.trim()) {
              throw new InputError(
                `Nothing to commit: ${files.join(
                  ', ',
                )} already hold these contents on ${baseBranch}`,
              );
            }
            const commit = await commitAndPush(
              git,
              remote.url,
              input.branch,
              input.commitMessage,
            );
            ctx.logger.info(
              `Pushed ${commit} to ${input.branch} of ${remote.url}`,
            );
            ctx.output('commit', commit);
            ctx.output('branch', input.branch);
            ctx.output('remoteUrl', remote.url);
            meta.commit = commit;
            meta.outcome = 'pushed';
          });
        },
      );
    },
  });
}
