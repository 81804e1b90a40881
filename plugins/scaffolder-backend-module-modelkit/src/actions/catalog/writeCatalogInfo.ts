import { Config, ConfigReader } from '@backstage/config';
import { InputError, toError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { modelKitEntityV1alpha1Validator } from '@kitstage/plugin-modelkit-common';
import { buildCatalogEntities } from '../../lib/catalogInfo';
import {
  FRAMEWORKS,
  Zod,
  blankToUndefined,
  fields,
  orBlank,
} from '../../lib/inputs';
import * as patterns from '../../lib/patterns';
import { resolveRepositoryLocation } from '../../lib/repositoryLocation';
import { createWriteFileAction } from '../../lib/writeFileAction';
import { toYamlStream } from '../../lib/yaml';
import { examples } from './writeCatalogInfo.examples';

/**
 * Id of the action that writes catalog-info.yaml.
 *
 * @public
 */
export const WRITE_CATALOG_INFO_ACTION_ID = 'kitstage:catalog-info:write';

const inputSchema = (z: Zod) =>
  z.object({
    path: fields.relativePath(z).default('catalog-info.yaml'),
    name: fields.projectName(z),
    description: fields.description(z).optional(),
    owner: fields.entityRef(z),
    system: orBlank(z, fields.entityRef(z)).optional(),
    lifecycle: z
      .string()
      .regex(
        /^[a-z][a-z0-9-]{0,62}$/,
        'must be a lowercase word such as experimental',
      )
      .default('experimental'),
    framework: z.enum(FRAMEWORKS),
    license: orBlank(z, fields.license(z)).optional(),
    modelKitRepository: fields.modelKitRepository(z),
    namespace: fields.kubernetesName(z),
    baseModel: orBlank(z, fields.entityRef(z))
      .optional()
      .describe('Entity reference of the ModelKit this model builds on'),
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
        revision: orBlank(z, fields.tag(z)).optional(),
        modelKitRepository: orBlank(z, fields.modelKitRepository(z)).optional(),
      })
      .optional()
      .describe('A Hugging Face base model, recorded as a ModelKit of its own'),
    githubSlug: orBlank(
      z,
      z.string().regex(patterns.GITHUB_SLUG, 'must be owner/repository'),
    ).optional(),
    repoUrl: orBlank(z, z.string().max(400))
      .optional()
      .describe(
        "The project's repository as the RepoUrlPicker gives it (<host>?owner=<owner>&repo=<name>): written as the Component's kitstage.dev/deploy-repository, so promotions change its overlays",
      ),
    defaultBranch: z
      .string()
      .max(100)
      .regex(patterns.GIT_BRANCH, 'must be a Git branch name')
      .default('main')
      .describe('The branch of repoUrl that holds the overlays'),
  });

/**
 * Options of {@link createWriteCatalogInfoAction}.
 *
 * @public
 */
export interface WriteCatalogInfoActionOptions {
  /** The root config, whose SCM integrations (`integrations`) resolve `repoUrl`. */
  config?: Config;
}

/**
 * Creates the `kitstage:catalog-info:write` action, which writes `catalog-info.yaml` with the
 * Component that serves the model and its ModelKit entity, lineage included. With `repoUrl`,
 * the Component names the project's repository, resolved through the host's SCM integration,
 * as its `kitstage.dev/deploy-repository` (`<clone URL>#<defaultBranch>`).
 *
 * @public
 */
export function createWriteCatalogInfoAction(
  options: WriteCatalogInfoActionOptions = {},
) {
  const integrations = ScmIntegrations.fromConfig(
    options.config ?? new ConfigReader({}),
  );
  return createWriteFileAction({
    id: WRITE_CATALOG_INFO_ACTION_ID,
    description:
      'Writes catalog-info.yaml with a Component and its ModelKit entity (kitstage.dev/v1alpha1), lineage included',
    examples,
    input: inputSchema,
    output: {
      path: z => z.string().describe('Path of the written file'),
      entityRefs: z =>
        z.array(z.string()).describe('References of the entities in the file'),
    },
    async generate(input, ctx) {
      const huggingFace = input.huggingFace?.id
        ? {
            id: input.huggingFace.id,
            revision: blankToUndefined(input.huggingFace.revision) ?? 'main',
            modelKitRepository:
              blankToUndefined(input.huggingFace.modelKitRepository) ??
              `${input.modelKitRepository}-base`,
          }
        : undefined;
      const { component, modelKits } = buildCatalogEntities({
        ...input,
        system: blankToUndefined(input.system),
        license: blankToUndefined(input.license),
        githubSlug: blankToUndefined(input.githubSlug),
        deployRepository: input.repoUrl
          ? `${
              resolveRepositoryLocation(integrations, input.repoUrl).cloneUrl
            }#${input.defaultBranch}`
          : undefined,
        baseModelEntityRef: blankToUndefined(input.baseModel),
        huggingFace,
        sourceTemplate: ctx.templateInfo?.entityRef,
      });
      // The catalog would refuse an invalid ModelKit when it ingests the file; refuse it here,
      // where the message can still reach the person filling in the form.
      for (const modelKit of modelKits) {
        try {
          await modelKitEntityV1alpha1Validator.check(modelKit);
        } catch (error) {
          throw new InputError(
            `Invalid input to ${WRITE_CATALOG_INFO_ACTION_ID}: ModelKit ${
              modelKit.metadata.name
            } would not be valid: ${toError(error).message}`,
          );
        }
      }
      const entities = [component, ...modelKits];
      const entityRefs = entities.map(entity => {
        const { kind, metadata } = entity as {
          kind: string;
          metadata: { name: string };
        };
        return `${kind.toLocaleLowerCase('en-US')}:default/${metadata.name}`;
      });
      return {
        content: toYamlStream(entities),
        log: `Wrote ${input.path} with ${entityRefs.join(', ')}`,
        outputs: { entityRefs },
      };
    },
  });
}
