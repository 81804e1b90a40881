import { AuditorService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ConflictError, InputError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { modelkitGitPublishPermission } from '@kitstage/plugin-modelkit-common';
import {
  GitRemotePolicy,
  ModelKitAccessService,
  runGit,
} from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z as zv3 } from 'zod/v3';
import { auditedWrite } from '../../lib/audit';
import { fields, parseInput, Zod } from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import {
  ALLOW_EXISTING_EMPTY_KEY,
  PublishNamespaces,
} from '../../lib/publishNamespaces';
import { resolveRepositoryLocation } from '../../lib/repositoryLocation';
import {
  checkRelativePath,
  listWorkspaceFiles,
  readWorkspaceFiles,
  realDirectory,
  writeWorkspaceFile,
} from '../../lib/workspaceFiles';
import { withScratchDirectory } from '../../lib/scratchDirectory';
import {
  PUSH_FILE_MAX_BYTES,
  PUSH_TOTAL_MAX_BYTES,
} from '../promote/pushBranch';
import { publishRepositoryExamples } from './publishRepository.examples';
import { commitAndPush } from '../../lib/commitAndPush';

/**
 * Id of the action that publishes the workspace as a new repository by pushing it to a Git host.
 *
 * @public
 */
export const PUBLISH_REPOSITORY_ACTION_ID = 'kitstage:git:publish';

/** The most files one publish may have. */
const PUBLISH_MAX_FILES = 5000;

const inputSchema = (z: Zod) =>
  z
    .object({
      repoUrl: z
        .string()
        .max(400)
        .describe(
          'Where to publish, as the RepoUrlPicker gives it: <host>?owner=<owner>&repo=<name>; the host needs an SCM integration, the repository must be under kitstage.promotion.allowedRemotes and in a namespace listed under kitstage.scaffolder.publish.allowedNamespaces, and must not exist yet',
        ),
      defaultBranch: z
        .string()
        .max(100)
        .regex(patterns.GIT_BRANCH, 'must be a Git branch name')
        .default('main')
        .describe('The branch the files are pushed to'),
      sourcePath: fields
        .relativePath(z)
        .optional()
        .describe(
          'The directory of the workspace to publish; defaults to the whole workspace',
        ),
      commitMessage: z
        .string()
        .min(1)
        .max(5000)
        .default('Initial commit')
        .describe('The message of the one commit'),
    })
    .strict();

/**
 * Options of {@link createPublishRepositoryAction}.
 *
 * @public
 */
export interface PublishRepositoryActionOptions {
  /**
   * The root config: `integrations`, `kitstage.promotion.allowedRemotes`,
   * `kitstage.scaffolder.publish`.
   */
  config: Config;
  /**
   * The authorization helper: requires a user principal (or a service listed under
   * `kitstage.authorization.servicePrincipals`) holding `kitstage.git.publish`.
   */
  access: ModelKitAccessService;
  /** Records every publish and refusal. */
  auditor: AuditorService;
}

/** Whether a failed `git ls-remote` said that the repository does not exist. */
function isMissingRepository(error: unknown): boolean {
  return /not found|could not be found|does not exist|404/i.test(
    (error as Error).message ?? '',
  );
}

/**
 * Creates the `kitstage:git:publish` action: publishes the workspace (or `sourcePath` in it)
 * as a new repository by committing its files and pushing them, with the `git` CLI, to
 * `<base URL>/<owner>/<repo>.git` on a Git host that creates a repository on its first push
 * (GitLab does, for its users' and groups' namespaces).
 *
 * @remarks
 *
 * The push uses the backend's SCM integration token, so the target is checked before the host
 * is contacted: the initiator must be a user (or a service listed under
 * `kitstage.authorization.servicePrincipals`) holding `kitstage.git.publish`, decided as the
 * initiator; the host of `repoUrl` must have an SCM integration (`integrations.<type>[]`; a
 * GitLab integration's `baseUrl` gives the scheme and path, other hosts are
 * `https://<host>`); and the repository URL, compared parsed, must be under
 * `kitstage.promotion.allowedRemotes` and strictly below a namespace listed under
 * `kitstage.scaffolder.publish.allowedNamespaces`. A repository that already exists is
 * refused: one with any ref always, an empty one unless
 * `kitstage.scaffolder.publish.allowExistingEmptyRepositories` is true. The credentials are
 * those of the GitHub or GitLab integration for that host and port only, sent in a header,
 * never in a URL or a log line. Files are read without following any symbolic link; a
 * symbolic link or `.git` entry in the workspace is refused. git runs only in a private
 * directory outside the workspace, deleted afterwards. Every publish and refusal is recorded
 * through the auditor service (event `modelkit-publish-repository`).
 *
 * @public
 */
export function createPublishRepositoryAction(
  options: PublishRepositoryActionOptions,
) {
  const remotes = GitRemotePolicy.fromConfig(options.config);
  const namespaces = PublishNamespaces.fromConfig(options.config);
  const integrations = ScmIntegrations.fromConfig(options.config);
  return createTemplateAction({
    id: PUBLISH_REPOSITORY_ACTION_ID,
    description:
      'Publishes the workspace as a new repository by pushing it to an allowed Git host with the git CLI',
    examples: publishRepositoryExamples,
    supportsDryRun: false,
    schema: {
      input: inputSchema,
      output: {
        remoteUrl: z =>
          z.string().describe('The web address of the new repository'),
        repoContentsUrl: z =>
          z
            .string()
            .describe(
              'The address of the pushed branch, for catalog:register (repoContentsUrl)',
            ),
        cloneUrl: z => z.string().describe('The Git remote pushed to'),
        commit: z => z.string().describe('The pushed commit id'),
      },
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema(zv3),
        ctx.input,
        PUBLISH_REPOSITORY_ACTION_ID,
      );
      await auditedWrite(
        {
          ctx,
          access: options.access,
          auditor: options.auditor,
          eventId: 'modelkit-publish-repository',
          purpose: `Publishing ${input.repoUrl}`,
          meta: { repoUrl: input.repoUrl, branch: input.defaultBranch },
        },
        async (meta, credentials) => {
          await options.access.authorize(
            credentials,
            modelkitGitPublishPermission,
            { purpose: 'publish repositories' },
          );
          const location = resolveRepositoryLocation(
            integrations,
            input.repoUrl,
          );
          // Only configuration decides where the integration's token goes.
          const remote = remotes.resolve(
            location.cloneUrl,
            'The repository to publish',
          );
          meta.remote = remote.url;
          // allowedRemotes is usually a whole organisation: only the listed namespaces may
          // receive new repositories made with the backend's token.
          meta.namespace = namespaces.check(
            remote.url,
            'The repository to publish',
          );

          const source = await realDirectory(
            await fs.realpath(ctx.workspacePath),
            input.sourcePath
              ? checkRelativePath(input.sourcePath, 'sourcePath')
              : '',
            { field: 'sourcePath' },
          );
          const listed = await listWorkspaceFiles(source, {
            field: 'sourcePath',
            maxFiles: PUBLISH_MAX_FILES,
          });
          if (listed.length === 0) {
            throw new InputError('sourcePath holds no file to publish');
          }
          const contents = await readWorkspaceFiles(
            source,
            listed.map(file => file.path),
            {
              field: 'sourcePath',
              maxBytes: PUSH_FILE_MAX_BYTES,
              what: 'a published file',
              maxTotalBytes: PUSH_TOTAL_MAX_BYTES,
              overTotal: `sourcePath holds more than the ${PUSH_TOTAL_MAX_BYTES} bytes one publish may have`,
            },
          );

          await withScratchDirectory('kitstage-publish-', async scratch => {
            const workTree = path.join(scratch, 'repository');
            const git = (args: string[], cwd = workTree) =>
              runGit(args, { cwd, remote });
            let refs: string | undefined;
            try {
              refs = await git(['ls-remote', '--', remote.url], scratch);
            } catch (error) {
              if (!isMissingRepository(error)) throw error;
            }
            if (refs?.trim()) {
              meta.existing = 'not-empty';
              throw new ConflictError(
                `The repository ${remote.url} already exists and has branches or tags; pick another name`,
              );
            }
            if (refs !== undefined) {
              meta.existing = 'empty';
              if (!namespaces.allowExistingEmptyRepositories) {
                throw new ConflictError(
                  `The repository ${remote.url} already exists (empty); kitstage:git:publish creates new repositories only, unless ${ALLOW_EXISTING_EMPTY_KEY} is true; pick another name`,
                );
              }
            } else {
              meta.existing = 'none';
            }
            await fs.mkdir(workTree);
            await git(['init', '-q', '-b', input.defaultBranch]);
            for (const [index, file] of listed.entries()) {
              const written = await writeWorkspaceFile(
                workTree,
                file.path,
                contents[index],
                'sourcePath',
                'new repository',
              );
              if (file.executable) await fs.chmod(written, 0o755);
            }
            await git(['add', '--all']);
            const commit = await commitAndPush(
              git,
              remote.url,
              input.defaultBranch,
              input.commitMessage,
            );
            ctx.logger.info(
              `Published ${listed.length} files as ${commit} to ${input.defaultBranch} of ${remote.url}`,
            );
            ctx.output('remoteUrl', location.webUrl);
            ctx.output(
              'repoContentsUrl',
              location.contentsUrl(input.defaultBranch),
            );
            ctx.output('cloneUrl', remote.url);
            ctx.output('commit', commit);
            meta.commit = commit;
            meta.files = listed.length;
            meta.outcome = 'published';
          });
        },
      );
    },
  });
}
