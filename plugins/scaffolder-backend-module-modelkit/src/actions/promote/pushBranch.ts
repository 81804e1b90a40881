import { AuditorService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  modelkitPromotePermission,
  OVERLAY_MAX_BYTES,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  cloneBranchTip,
  GitRemotePolicy,
  ModelKitAccessService,
  readPromotionEnvironments,
  runGit,
} from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import { auditedWrite } from '../../lib/audit';
import { commitAndPush } from '../../lib/commitAndPush';
import { initiatorAuthor } from '../../lib/commitAuthor';
import { fields, parseInput, Zod } from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import { withScratchDirectory } from '../../lib/scratchDirectory';
import {
  checkRelativePath,
  readWorkspaceFiles,
  realDirectory,
} from '../../lib/workspaceFiles';
import { boundBaseBranch } from './baseBranch';
import {
  GatedOverlay,
  gatePushedOverlay,
  pushedOverlaysOf,
  writePinnedOverlay,
} from './pushedOverlays';
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
          'Only the branch the deploy repository is bound to (its #<branch>, or main), which is always the base; any other is refused. Kept so that older templates still run',
        ),
      commitMessage: z.string().min(1).max(5000).describe('The commit message'),
      files: z
        .array(fields.relativePath(z))
        .min(1)
        .max(100)
        .describe(
          "The overlay files promote changed (its repositoryFiles output), relative to path: YAML files directly inside an environment's overlayPath, differing from the base branch only in the ModelKit reference, pinned by digest to a version the environment's gates allow",
        ),
      path: fields
        .relativePath(z)
        .optional()
        .describe(
          'Where the repository is in the workspace; defaults to the root',
        ),
      modelKit: fields
        .entityRef(z)
        .optional()
        .describe(
          'The ModelKit entity, when the Component depends on more than one',
        ),
      overrideReason: z
        .string()
        .max(2000)
        .optional()
        .describe(
          'Why a refused gate is overridden, as given to promote; needs kitstage.modelkit.promote.override',
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
 * The most bytes one file of a repository published by `kitstage:git:publish` may have.
 * (`kitstage:git:push-branch` pushes only overlay files, of at most `OVERLAY_MAX_BYTES`.)
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
  /** The root config: `kitstage.environments`, `kitstage.promotion`, `integrations`. */
  config: Config;
  /**
   * The authorization helper: requires a user principal (or a configured service) and
   * `kitstage.modelkit.promote` on the Component, read as the initiator, and decides the
   * gates of the pushed version as promote does.
   */
  access: ModelKitAccessService;
  /** The attestation verifier and policies, for the gates of the pushed version. */
  attestations: AttestationService;
  /** Records every push, override and refusal. */
  auditor: AuditorService;
}

/**
 * Creates the `kitstage:git:push-branch` action: pushes the overlay edit of a promotion as a
 * new branch, with the `git` CLI (argument arrays, no shell), to the deploy repository of a
 * Component: its `kitstage.dev/deploy-repository` annotation or source location, used only
 * when it is under `kitstage.promotion.allowedRemotes`. The initiator must be a user (or a
 * service listed under `kitstage.authorization.servicePrincipals`) with
 * `kitstage.modelkit.promote` on the Component.
 *
 * @remarks
 *
 * Only what promote writes can be pushed: each file must be a YAML file directly inside the
 * `overlayPath` of an environment of `kitstage.environments`, the files of an overlay must
 * hold one ModelKit reference, pinned by digest, and for each such environment the promotion
 * of that digest is evaluated again as the initiator, with promote's gates: it is refused
 * with every reason unless every gate passed or the initiator, holding
 * `kitstage.modelkit.promote.override`, gave an `overrideReason` for gates that may be
 * overridden. The reference must be the one promote writes (the ModelKit's repository and the
 * digest), and the files must be exactly promote's edit of the base branch: every overlay file
 * that holds the reference there, with only the reference changed. The base branch is always
 * the branch the deploy repository is bound to; a `baseBranch` input naming another is
 * refused.
 *
 * git never runs in a repository of the workspace: the base branch is cloned afresh into a
 * private directory outside the workspace (deleted afterwards), the edit is made there and
 * compared with the workspace's files, then committed and pushed from there. Files are read
 * and written without following any symbolic link (in the workspace or in the deploy
 * repository). Credentials come from the SCM integrations and never appear in a URL or a log
 * line. Refuses to overwrite an existing remote branch. The commit is authored as the
 * initiator, as the backend knows them (their User entity's `profile.displayName` and
 * `profile.email`, read from the catalog with their credentials, else their user entity ref),
 * with Kitstage as committer; the `author` input is ignored (with a warning), because
 * promotion history reports the author. A dry run checks everything and pushes nothing. Every
 * push, override, dry run and refusal is recorded through the auditor service.
 *
 * @public
 */
export function createPushBranchAction(options: PushBranchActionOptions) {
  const remotes = GitRemotePolicy.fromConfig(options.config);
  return createTemplateAction({
    id: PUSH_BRANCH_ACTION_ID,
    description:
      "Pushes a promotion's overlay edit, checked against the environment's gates, as a new branch of the Component's deploy repository with the git CLI",
    examples: pushBranchExamples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        commit: z =>
          z
            .string()
            .optional()
            .describe('The pushed commit id (none in a dry run)'),
        branch: z => z.string().describe('The pushed branch'),
        baseBranch: z =>
          z
            .string()
            .describe(
              'The branch the new one is based on, for a pull request targetBranchName',
            ),
        remoteUrl: z => z.string().describe('The remote, without credentials'),
      },
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema(zv3),
        ctx.input,
        PUSH_BRANCH_ACTION_ID,
      );
      const overrideReason = input.overrideReason?.trim() || undefined;
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
            ...(input.modelKit ? { modelKit: input.modelKit } : {}),
            ...(overrideReason ? { overrideReason } : {}),
            dryRun: ctx.isDryRun === true,
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
          const componentEntityRef = stringifyEntityRef(component);
          meta.component = componentEntityRef;
          const remote = remotes.forComponent(component);
          meta.remote = remote.url;
          const baseBranch = boundBaseBranch(
            remote,
            input.baseBranch,
            componentEntityRef,
          );
          meta.baseBranch = baseBranch;
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
          // Only overlay files of configured environments, decided before any file is read.
          const overlays = pushedOverlaysOf(
            files,
            readPromotionEnvironments(options.config),
          );
          // Read every file before anything talks to the remote: each must be a regular file
          // of the workspace, reached without a symbolic link.
          const source = await realDirectory(
            await fs.realpath(ctx.workspacePath),
            repoPath,
            { field: 'path' },
          );
          const read = await readWorkspaceFiles(source, files, {
            field: 'files',
            maxBytes: OVERLAY_MAX_BYTES,
            what: 'an overlay file',
            maxTotalBytes: PUSH_TOTAL_MAX_BYTES,
            overTotal: `files hold more than the ${PUSH_TOTAL_MAX_BYTES} bytes one push may have`,
          });
          const contents = new Map(
            files.map((file, index) => [file, read[index].toString('utf8')]),
          );
          // The gates of every pushed version, as promote decides them, before the remote.
          const gated: GatedOverlay[] = [];
          for (const overlay of overlays) {
            gated.push(
              await gatePushedOverlay({
                overlay,
                contents,
                config: options.config,
                access: options.access,
                attestations: options.attestations,
                credentials,
                componentEntityRef,
                modelKit: input.modelKit,
                overrideReason,
                logger: ctx.logger,
                meta,
                signal: ctx.signal,
              }),
            );
          }
          const overridden = gated.some(overlay => overlay.overridden);
          meta.overridden = overridden;
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
            // promote's edit of the base branch, made here; the workspace's files must be it.
            for (const overlay of gated) {
              await writePinnedOverlay({
                overlay,
                repositoryRoot: workTree,
                contents,
                baseBranch,
              });
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
            ctx.output('branch', input.branch);
            ctx.output('baseBranch', baseBranch);
            ctx.output('remoteUrl', remote.url);
            // A dry run stops here: it commits nothing and pushes nothing.
            if (ctx.isDryRun) {
              ctx.logger.info(
                `Dry run: would push ${changed
                  .trim()
                  .split('\n')
                  .join(', ')} to ${input.branch} of ${
                  remote.url
                }, based on ${baseBranch}`,
              );
              meta.outcome = 'dry-run';
              return;
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
            meta.commit = commit;
            meta.outcome = overridden ? 'overridden' : 'pushed';
          });
        },
      );
    },
  });
}
