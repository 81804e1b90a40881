import { Config, ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { z as zv3 } from 'zod/v3';
import { KIT_INIT_IMAGE } from '../../lib/constants';
import {
  ENVIRONMENTS,
  FRAMEWORKS,
  SERVING_STYLES,
  Zod,
  fields,
  parseInput,
  readEnvironmentGates,
} from '../../lib/inputs';
import { buildManifests, initialModelKitReference } from '../../lib/manifests';
import * as patterns from '../../lib/patterns';
import { cpuMillicores, memoryBytes } from '../../lib/quantities';
import { resolveRepositoryLocation } from '../../lib/repositoryLocation';
import { writeWorkspaceFile } from '../../lib/workspaceFiles';
import { toYamlStream } from '../../lib/yaml';
import { examples } from './writeManifests.examples';

/**
 * Id of the action that writes the Kubernetes and Flux manifests.
 *
 * @public
 */
export const WRITE_MANIFESTS_ACTION_ID = 'kitstage:manifests:write';

const inputSchema = (z: Zod) =>
  z
    .object({
      name: fields
        .projectName(z)
        .describe('Workload name, also the backstage.io/kubernetes-id'),
      namespace: fields
        .kubernetesName(z)
        .describe('Namespace the workload runs in'),
      servingStyle: z
        .enum(SERVING_STYLES)
        .describe(
          'fastapi: a FastAPI runtime image serving the model a kit unpack init container fetches at pod start; init-container: a runtime image running the code and model a kit unpack init container fetches at pod start; kserve: an InferenceService with a kit:// storage URI',
        ),
      framework: z.enum(FRAMEWORKS).describe('The model framework'),
      modelKit: z.object({
        repository: fields.modelKitRepository(z),
        tag: fields
          .tag(z)
          .default('latest')
          .describe(
            'The tag the overlay of an environment CI pins into starts on, until its first build; gated environments (those kitstage.environments gives a policy or lifecycle rules; and production always) start on a digest that names no ModelKit instead',
          ),
      }),
      image: z
        .object({
          repository: fields.modelKitRepository(z),
          tag: fields
            .tag(z)
            .default('latest')
            .describe(
              'The tag the overlay of an environment CI pins into starts on; gated environments (those kitstage.environments gives a policy or lifecycle rules; and production always) start on a digest that names no image instead',
            ),
        })
        .optional()
        .describe(
          'Serving runtime image; required unless servingStyle is kserve',
        ),
      replicas: z.number().int().min(1).max(50).default(1),
      resources: z
        .object({
          requests: z
            .object({ cpu: fields.cpu(z), memory: fields.memory(z) })
            .default({ cpu: '500m', memory: '1Gi' }),
          limits: z
            .object({ cpu: fields.cpu(z), memory: fields.memory(z) })
            .default({ cpu: '2', memory: '4Gi' }),
          gpu: z.number().int().min(0).max(16).default(0),
        })
        .default({}),
      environments: z
        .array(z.enum(ENVIRONMENTS))
        .min(1)
        .max(ENVIRONMENTS.length)
        .default(['staging', 'production']),
      flux: z.object({
        gitUrl: z
          .string()
          .max(300)
          .regex(patterns.GIT_URL, 'must be an https:// or ssh://git@ Git URL')
          .optional()
          .describe('The Git URL Flux pulls from; or give repoUrl'),
        repoUrl: z
          .string()
          .max(300)
          .optional()
          .describe(
            'The repository as the RepoUrlPicker gives it (<host>?owner=<owner>&repo=<name>), resolved through the SCM integration of its host, which names its scheme; or give gitUrl',
          ),
        branch: z
          .string()
          .max(100)
          .regex(patterns.GIT_BRANCH, 'must be a Git branch name')
          .default('main'),
        clusterPath: z
          .string()
          .max(100)
          .regex(
            patterns.RELATIVE_DIRECTORY,
            'must be a relative directory of lowercase segments, such as clusters',
          )
          .default('clusters'),
        interval: fields.duration(z).default('5m'),
        timeout: fields.duration(z).default('5m'),
      }),
    })
    .superRefine((input, ctx) => {
      if (
        (input.flux.gitUrl === undefined) ===
        (input.flux.repoUrl === undefined)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['flux'],
          message: 'must have exactly one of gitUrl and repoUrl',
        });
      }
      if (input.servingStyle !== 'kserve' && !input.image) {
        ctx.addIssue({
          code: 'custom',
          path: ['image'],
          message: `is required for servingStyle ${input.servingStyle}`,
        });
      }
      if (new Set(input.environments).size !== input.environments.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['environments'],
          message: 'must not repeat an environment',
        });
      }
      const { requests, limits } = input.resources;
      if (cpuMillicores(requests.cpu) > cpuMillicores(limits.cpu)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'limits', 'cpu'],
          message: `${limits.cpu} is below the CPU request ${requests.cpu}`,
        });
      }
      if (memoryBytes(requests.memory) > memoryBytes(limits.memory)) {
        ctx.addIssue({
          code: 'custom',
          path: ['resources', 'limits', 'memory'],
          message: `${limits.memory} is below the memory request ${requests.memory}`,
        });
      }
    });

/**
 * Options of {@link createWriteManifestsAction}.
 *
 * @public
 */
export interface WriteManifestsActionOptions {
  /**
   * The root config: its SCM integrations (`integrations`) resolve `flux.repoUrl`, and
   * `kitstage.environments` says which environments are gated (those with a `policy`,
   * `allowedLifecycles` or `forbiddenLifecycles`), besides production, which is gated
   * always.
   */
  config?: Config;
}

/**
 * Creates the `kitstage:manifests:write` action, which writes `deploy/base`, one
 * `deploy/overlays/<environment>` per environment and the Flux `GitRepository` and
 * `Kustomization` under `<clusterPath>/<environment>/`, each built as an object and serialised.
 * Every serving style fetches the ModelKit its overlay names at pod start (a `kit unpack` init
 * container, or KServe's `kit://` storage URI); the overlays of gated environments start pinned
 * to a digest that names no content, so they run nothing until their first promotion. An
 * environment is gated when `kitstage.environments` gives it a gate (a policy or lifecycle
 * rules), read at each run; production is gated always.
 *
 * @public
 */
export function createWriteManifestsAction(
  options: WriteManifestsActionOptions = {},
) {
  const integrations = ScmIntegrations.fromConfig(
    options.config ?? new ConfigReader({}),
  );
  return createTemplateAction({
    id: WRITE_MANIFESTS_ACTION_ID,
    description:
      'Writes Kubernetes manifests (Deployment and Service, or a KServe InferenceService) with Kustomize overlays per environment, and the Flux objects that deploy them',
    examples,
    supportsDryRun: true,
    schema: {
      input: inputSchema,
      output: {
        files: z => z.array(z.string()).describe('Paths of the written files'),
        modelKitReference: z =>
          z
            .string()
            .describe(
              "The ModelKit reference the first environment's overlay starts with",
            ),
      },
    },
    async handler(ctx) {
      const input = parseInput(
        inputSchema(zv3),
        ctx.input,
        WRITE_MANIFESTS_ACTION_ID,
      );
      const { repoUrl, gitUrl, ...flux } = input.flux;
      const gates = readEnvironmentGates(options.config);
      const spec = {
        ...input,
        gatedEnvironments: input.environments.filter(
          environment => gates.reasonGated(environment) !== undefined,
        ),
        flux: {
          ...flux,
          // The integration of the picked host names its scheme and path (an http GitLab in
          // the demo), as for the repository the project is published to.
          gitUrl:
            gitUrl ??
            resolveRepositoryLocation(integrations, repoUrl!, 'flux.repoUrl')
              .webUrl,
        },
        image: input.servingStyle === 'kserve' ? undefined : input.image,
        kitInitImage: KIT_INIT_IMAGE,
      };
      const files = buildManifests(spec);
      for (const file of files) {
        await writeWorkspaceFile(
          ctx.workspacePath,
          file.path,
          toYamlStream(file.documents, file.comment),
        );
      }
      ctx.logger.info(
        `Wrote ${files.length} manifest files for ${input.name} (${
          input.servingStyle
        }) in ${input.environments.join(', ')}`,
      );
      ctx.output(
        'files',
        files.map(file => file.path),
      );
      ctx.output(
        'modelKitReference',
        initialModelKitReference(spec, input.environments[0]),
      );
    },
  });
}
