import {
  AuditorService,
  resolveSafeChildPath,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  AttestationService,
  evaluatePromotion,
  GitRemote,
  GitRemotePolicy,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import { z as zv3 } from 'zod/v3';
import { auditedWrite } from '../../lib/audit';
import { fields, parseInput, Zod } from '../../lib/inputs';
import { writeOverlayReference } from '../../lib/overlayFiles';
import * as patterns from '../../lib/patterns';
import { buildPromotionPullRequest } from '../../lib/promotionBody';
import {
  checkRelativePath,
  writeWorkspaceFile,
} from '../../lib/workspaceFiles';
import { boundBaseBranch } from './baseBranch';
import { checkoutDeployRepository } from './checkoutDeployRepository';
import { diffWithPrevious } from './diffWithPrevious';
import { readOverlayReference } from './overlayReference';
import { examples } from './promoteModelKit.examples';
import { passPromotionGates } from './promotionGates';
import { promotionBranchName, repoUrlOf } from './promotionOutputs';

/**
 * Id of the action that promotes a ModelKit version into an environment.
 *
 * @public
 */
export const PROMOTE_MODELKIT_ACTION_ID = 'kitstage:modelkit:promote';

const inputSchema = (z: Zod) =>
  z
    .object({
      component: fields
        .entityRef(z)
        .describe(
          'The Component to promote, e.g. component:default/support-sentiment',
        ),
      environment: z
        .string()
        .max(63)
        .regex(
          patterns.KUBERNETES_NAME,
          'must be an environment name such as production',
        )
        .describe('The environment, one of kitstage.environments'),
      version: z
        .string()
        .max(200)
        .regex(
          /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64})$/,
          'must be a tag such as v3 or a digest sha256:<64 hex>',
        )
        .describe('The ModelKit version: a tag or a sha256 digest'),
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
          'Why a refused gate is overridden; needs kitstage.modelkit.promote.override and is written into the pull request',
        ),
      path: fields
        .relativePath(z)
        .optional()
        .describe(
          'Where the repository is in the workspace (fetched by fetch:plain, or cloned by checkout); defaults to the workspace root',
        ),
      changesPath: fields
        .relativePath(z)
        .optional()
        .describe(
          'Also copy each changed file to this workspace directory, under its repository path, so a pull request action (sourcePath) commits only the change',
        ),
      checkout: z
        .boolean()
        .optional()
        .describe(
          "Clone the Component's deploy repository (its kitstage.dev/deploy-repository annotation or source location, which must be under kitstage.promotion.allowedRemotes) with git into path first, instead of fetch:plain",
        ),
      baseBranch: z
        .string()
        .max(100)
        .regex(patterns.GIT_BRANCH, 'must be a Git branch name')
        .optional()
        .describe(
          'With checkout, only the branch the deploy repository is bound to (its #<branch>, or main), which is always the one cloned; any other is refused. Kept so that older templates still run',
        ),
    })
    .strict();

/**
 * Options of {@link createPromoteModelKitAction}.
 *
 * @public
 */
export interface PromoteModelKitActionOptions {
  /** The root config: `kitstage.environments`, `kitstage.promotion`, `integrations`. */
  config: Config;
  /**
   * The authorization helper: reads the Component and ModelKit as the initiator, decides
   * `kitstage.modelkit.promote` and `kitstage.modelkit.promote.override`, requires a user
   * principal (or a configured service) and trusts only ModelKits from a configured registry.
   */
  access: ModelKitAccessService;
  /** The attestation verifier and policies. */
  attestations: AttestationService;
  /** Records every promotion, override and refusal. */
  auditor: AuditorService;
}

/**
 * Creates the `kitstage:modelkit:promote` action: it resolves a ModelKit version to its
 * digest, checks every gate of the environment (permission, lifecycle, attestation policy)
 * and refuses with every reason before anything is written; then it pins the overlay of the
 * environment to the digest with an edit that changes only the reference text, and outputs
 * the pull request title and body. Only a user (or a service listed under
 * `kitstage.authorization.servicePrincipals`) may promote; the repository cloned is the
 * Component's own deploy repository, allowed by `kitstage.promotion.allowedRemotes`, on the
 * branch it is bound to (a `baseBranch` input naming another is refused). Every promotion,
 * override, dry run and refusal is recorded through the auditor service; a dry run is
 * recorded with the outcome `dry-run`.
 *
 * @public
 */
export function createPromoteModelKitAction(
  options: PromoteModelKitActionOptions,
) {
  const remotes = GitRemotePolicy.fromConfig(options.config);
  return createTemplateAction({
    id: PROMOTE_MODELKIT_ACTION_ID,
    description:
      "Promotes a ModelKit version into an environment of a Component: checks the environment's gates, pins the overlay to the version's digest and writes the pull request text",
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        files: z =>
          z
            .array(z.string())
            .describe('Changed files, relative to the workspace'),
        repositoryFiles: z =>
          z
            .array(z.string())
            .describe('Changed files, relative to the repository root (path)'),
        reference: z =>
          z.string().describe('The pinned reference written, repo@sha256:…'),
        digest: z => z.string().describe('The digest of the promoted version'),
        previousReferences: z =>
          z.array(z.string()).describe('The references the overlay held'),
        title: z => z.string().describe('Pull request title'),
        body: z => z.string().describe('Pull request body (Markdown)'),
        branchName: z => z.string().describe('A branch name for the change'),
        commitMessage: z => z.string().describe('A commit message'),
        overridden: z =>
          z.boolean().describe('True when a refused gate was overridden'),
        overrideNote: z =>
          z
            .string()
            .optional()
            .describe('The override, as written in the body'),
        evaluation: z =>
          z.any().describe('Every gate and its outcome (PromotionEvaluation)'),
        remoteUrl: z =>
          z
            .string()
            .optional()
            .describe(
              "The Component's deploy repository cloned (checkout), without credentials",
            ),
        baseBranch: z =>
          z
            .string()
            .optional()
            .describe(
              'The branch cloned (checkout): the one the deploy repository is bound to, for the targetBranchName of publish:github:pull-request and publish:gitlab:merge-request',
            ),
        repoUrl: z =>
          z
            .string()
            .optional()
            .describe(
              'The cloned https repository as host?owner=…&repo=…, for publish:github:pull-request and publish:gitlab:merge-request',
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema(zv3),
        ctx.input,
        PROMOTE_MODELKIT_ACTION_ID,
      );
      const overrideReason = input.overrideReason?.trim();
      await auditedWrite(
        {
          ctx,
          access: options.access,
          auditor: options.auditor,
          eventId: 'modelkit-promote',
          purpose: `Promoting ${input.component}`,
          meta: {
            component: input.component,
            environment: input.environment,
            version: input.version,
            ...(input.modelKit ? { modelKit: input.modelKit } : {}),
            ...(overrideReason ? { overrideReason } : {}),
            dryRun: ctx.isDryRun === true,
          },
        },
        async (meta, credentials) => {
          if (input.baseBranch !== undefined && !input.checkout) {
            throw new InputError(
              'baseBranch applies only with checkout: without it promote clones nothing',
            );
          }
          const promotion = await evaluatePromotion({
            config: options.config,
            access: options.access,
            attestations: options.attestations,
            credentials,
            component: input.component,
            environment: input.environment,
            version: input.version,
            modelKit: input.modelKit,
            signal: ctx.signal,
          });
          const { evaluation } = promotion;
          meta.component = evaluation.componentEntityRef;
          meta.modelKit = evaluation.target.modelKitEntityRef;
          if (evaluation.target.digest) meta.digest = evaluation.target.digest;
          if (!evaluation.allowed) {
            meta.refusals = evaluation.refusals;
          }
          const overridden = passPromotionGates(
            evaluation,
            overrideReason,
            ctx.logger,
          );
          meta.overridden = overridden;
          const environment = promotion.environment!;
          const target = evaluation.target;
          const pinned = target.pinnedReference!;
          ctx.logger.info(
            `Gates passed${overridden ? ' (overridden)' : ''}: promoting ${
              target.requested
            } = ${target.digest} to ${environment.name}`,
          );

          const repoPath = input.path
            ? checkRelativePath(input.path, 'path')
            : undefined;
          const repositoryRoot = repoPath
            ? resolveSafeChildPath(ctx.workspacePath, repoPath)
            : ctx.workspacePath;
          let remote: GitRemote | undefined;
          let baseBranch: string | undefined;
          if (input.checkout) {
            // The remote is the Component's, never a template input; config decides whether it
            // may be used, and with which integration token. The branch is the one it is bound
            // to, where the Component's own file was found.
            remote = remotes.forComponent(promotion.component!);
            meta.remote = remote.url;
            baseBranch = boundBaseBranch(
              remote,
              input.baseBranch,
              evaluation.componentEntityRef,
            );
            meta.baseBranch = baseBranch;
            await checkoutDeployRepository({
              remote,
              branch: baseBranch,
              workspacePath: ctx.workspacePath,
              repoPath,
              logger: ctx.logger,
            });
          }

          const { files, previousReferences, previous, previousParsed } =
            await readOverlayReference({
              repositoryRoot,
              overlayPath: environment.overlayPath,
              repository: target.repository,
              modelKitEntityRef: target.modelKitEntityRef,
            });
          const { diff, diffNote } = await diffWithPrevious({
            source: promotion.source!,
            previous,
            previousParsed,
            digest: target.digest!,
            signal: ctx.signal,
          });

          const changes = await writeOverlayReference(
            repositoryRoot,
            files,
            pinned,
          );
          const changed = changes.map(change =>
            repoPath ? `${repoPath}/${change.path}` : change.path,
          );
          for (const change of changes) {
            ctx.logger.info(`Pinned ${change.path} to ${pinned}`);
            if (input.changesPath) {
              await writeWorkspaceFile(
                ctx.workspacePath,
                `${checkRelativePath(input.changesPath, 'changesPath')}/${
                  change.path
                }`,
                change.after,
                'changesPath',
              );
            }
          }

          const { title, body, overrideNote } = buildPromotionPullRequest({
            evaluation,
            files: changes.map(change => change.path),
            previousReferences,
            diff,
            diffNote,
            report: promotion.report,
            override: overridden
              ? {
                  reason: overrideReason!,
                  by: (credentials.principal as { userEntityRef?: string })
                    ?.userEntityRef,
                }
              : undefined,
          });
          const branchName = promotionBranchName(
            evaluation.componentEntityRef,
            environment.name,
            target.digest!,
          );
          ctx.output('files', changed);
          ctx.output(
            'repositoryFiles',
            changes.map(change => change.path),
          );
          ctx.output('reference', pinned);
          ctx.output('digest', target.digest!);
          ctx.output('previousReferences', previousReferences);
          ctx.output('title', title);
          ctx.output('body', body);
          ctx.output('branchName', branchName);
          ctx.output('commitMessage', `${title}\n\nPin ${pinned}`);
          ctx.output('overridden', overridden);
          if (overrideNote) {
            ctx.output('overrideNote', overrideNote);
          }
          ctx.output('evaluation', evaluation);
          if (remote) {
            ctx.output('remoteUrl', remote.url);
            ctx.output('baseBranch', baseBranch!);
            const repoUrl = repoUrlOf(remote);
            if (repoUrl) ctx.output('repoUrl', repoUrl);
          }
          meta.reference = pinned;
          // A dry run writes nothing to the deploy repository, and is no promotion.
          if (ctx.isDryRun) {
            meta.outcome = 'dry-run';
          } else {
            meta.outcome = overridden ? 'overridden' : 'promoted';
          }
        },
      );
    },
  });
}
