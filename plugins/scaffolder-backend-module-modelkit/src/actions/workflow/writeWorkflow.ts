import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseOciRepository } from '@kitstage/plugin-modelkit-common';
import {
  ENVIRONMENTS,
  Environment,
  SERVING_STYLES,
  Zod,
  blankToUndefined,
  fields,
  orBlank,
  readEnvironmentGates,
} from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import { buildWorkflow } from '../../lib/workflow';
import { createWriteFileAction } from '../../lib/writeFileAction';
import { toYaml } from '../../lib/yaml';
import { examples } from './writeWorkflow.examples';

/**
 * Id of the action that writes the CI workflow.
 *
 * @public
 */
export const WRITE_WORKFLOW_ACTION_ID = 'kitstage:workflow:write';

/** The environments CI may be told to pin into, and '' for none. */
const DEPLOY_ENVIRONMENT_CHOICES = [...ENVIRONMENTS, ''] as [
  Environment | '',
  ...Array<Environment | ''>,
];

const inputSchema = (z: Zod) =>
  z
    .object({
      path: fields
        .relativePath(z)
        .default('.github/workflows/modelkit.yaml')
        .describe('Where to write the workflow'),
      name: fields.projectName(z),
      servingStyle: z.enum(SERVING_STYLES),
      modelKitRepository: fields.modelKitRepository(z),
      imageRepository: orBlank(z, fields.modelKitRepository(z))
        .optional()
        .describe(
          'Serving image repository; required unless servingStyle is kserve',
        ),
      branch: z
        .string()
        .max(100)
        .regex(patterns.GIT_BRANCH, 'must be a Git branch name')
        .default('main'),
      // One enum (rather than orBlank) so that a wrong value is answered with the choices.
      deployEnvironment: z
        .enum(DEPLOY_ENVIRONMENT_CHOICES)
        .optional()
        .describe(
          'The environment whose overlay CI pins each new ModelKit and runtime image into: the first, least protected one, never a gated one (one kitstage.environments gives a policy or lifecycle rules; and production always). Blank: CI pins nothing. Without it: the first ungated one of environments when that is given, else staging',
        ),
      environments: z
        .array(z.enum(ENVIRONMENTS))
        .max(ENVIRONMENTS.length)
        .optional()
        .describe(
          "The project's environments, for choosing deployEnvironment when it is not given: CI pins into the first of them (least protected first) that is not gated, and pins nothing when every one is",
        ),
      huggingFace: z
        .object({
          id: orBlank(
            z,
            z
              .string()
              .regex(
                patterns.HUGGING_FACE_ID,
                'must be a Hugging Face id such as org/model',
              ),
          ).optional(),
          revision: orBlank(
            z,
            z
              .string()
              .regex(
                patterns.HUGGING_FACE_REVISION,
                'must be a branch, tag or commit without "/"',
              ),
          ).optional(),
          modelKitReference: orBlank(z, fields.modelKitReference(z)).optional(),
        })
        .optional()
        .describe(
          'A Hugging Face model that CI imports with kit import as the base ModelKit',
        ),
    })
    .superRefine((input, ctx) => {
      if (input.huggingFace?.id && !input.huggingFace.modelKitReference) {
        ctx.addIssue({
          code: 'custom',
          path: ['huggingFace', 'modelKitReference'],
          message: 'is required when huggingFace.id is set',
        });
      }
      if (input.servingStyle !== 'kserve' && !input.imageRepository) {
        ctx.addIssue({
          code: 'custom',
          path: ['imageRepository'],
          message: `is required for servingStyle ${input.servingStyle}`,
        });
      }
    });

/**
 * Refuses a gated `deployEnvironment`, naming why it is gated and the environments CI may pin
 * into instead.
 */
function refuseGatedDeployEnvironment(
  deployEnvironment: string,
  config: Config | undefined,
) {
  const gates = readEnvironmentGates(config);
  const reason = gates.reasonGated(deployEnvironment);
  if (reason === undefined) {
    return;
  }
  const ungated = ENVIRONMENTS.filter(
    environment => gates.reasonGated(environment) === undefined,
  );
  throw new InputError(
    `Invalid input to ${WRITE_WORKFLOW_ACTION_ID}: deployEnvironment: ${deployEnvironment} is gated (${reason}): only a promotion, after its gates, may change its overlay, so CI never pins a build into it. ${
      ungated.length > 0
        ? `Name an ungated environment (${ungated.join(', ')}), or leave`
        : 'Every environment is gated: leave'
    } deployEnvironment blank to pin nothing`,
  );
}

/**
 * The environment CI pins into: `deployEnvironment` as given (blank: none); without it, the
 * first of the project's `environments`, least protected first, that is not gated (none when
 * every one is); without either, staging.
 */
function chooseDeployEnvironment(
  input: { deployEnvironment?: string; environments?: readonly string[] },
  config: Config | undefined,
): string {
  if (input.deployEnvironment !== undefined) {
    return input.deployEnvironment;
  }
  if (input.environments === undefined) {
    return 'staging';
  }
  const gates = readEnvironmentGates(config);
  return (
    ENVIRONMENTS.find(
      environment =>
        input.environments!.includes(environment) &&
        gates.reasonGated(environment) === undefined,
    ) ?? ''
  );
}

/**
 * Options of {@link createWriteWorkflowAction}.
 *
 * @public
 */
export interface WriteWorkflowActionOptions {
  /**
   * The root config, whose `kitstage.environments` says which environments are gated (those
   * with a `policy`, `allowedLifecycles` or `forbiddenLifecycles`), besides production, which
   * is gated always.
   */
  config?: Config;
}

/**
 * Creates the `kitstage:workflow:write` action, which writes a GitHub Actions workflow that
 * packs, pushes, signs and attests the ModelKit, builds and signs the runtime image, and
 * commits both digests into the overlay of the first, ungated environment. A gated
 * `deployEnvironment` is refused, naming why it is gated: only promotions change gated
 * overlays. An environment is gated when `kitstage.environments` gives it a gate (a policy or
 * lifecycle rules), read at each run; production is gated always.
 *
 * @public
 */
export function createWriteWorkflowAction(
  options: WriteWorkflowActionOptions = {},
) {
  return createWriteFileAction({
    id: WRITE_WORKFLOW_ACTION_ID,
    description:
      'Writes a GitHub Actions workflow that runs kit pack and kit push, signs and attests the ModelKit with cosign, builds the runtime image, and pins both digests in the first, ungated environment of deploy/ by commit',
    examples,
    input: inputSchema,
    output: {
      path: z => z.string().describe('Path of the written workflow'),
    },
    generate(input) {
      const deployEnvironment = chooseDeployEnvironment(input, options.config);
      if (deployEnvironment) {
        refuseGatedDeployEnvironment(deployEnvironment, options.config);
      }
      const { registry } = parseOciRepository(input.modelKitRepository);
      const imageRepository = blankToUndefined(input.imageRepository);
      if (
        imageRepository &&
        parseOciRepository(imageRepository).registry !== registry
      ) {
        throw new InputError(
          `Invalid input to ${WRITE_WORKFLOW_ACTION_ID}: imageRepository: ${imageRepository} must be on the ModelKit registry ${registry}, which the workflow logs in to`,
        );
      }
      const workflow = buildWorkflow({
        name: input.name,
        servingStyle: input.servingStyle,
        registry,
        modelKitRepository: input.modelKitRepository,
        imageRepository,
        branch: input.branch,
        deployEnvironment: blankToUndefined(deployEnvironment),
        huggingFace:
          input.huggingFace?.id && input.huggingFace.modelKitReference
            ? {
                id: input.huggingFace.id,
                revision:
                  blankToUndefined(input.huggingFace.revision) ?? 'main',
                modelKitReference: input.huggingFace.modelKitReference,
              }
            : undefined,
      });
      return { content: toYaml(workflow), log: `Wrote ${input.path}` };
    },
  });
}
