import { tryParseModelKitReference } from '@kitstage/plugin-modelkit-common';
import { buildKitfile, renderKitfile } from '../../lib/kitfile';
import {
  FRAMEWORKS,
  Zod,
  blankToUndefined,
  fields,
  orBlank,
} from '../../lib/inputs';
import { createWriteFileAction } from '../../lib/writeFileAction';
import { examples } from './writeKitfile.examples';

/**
 * Id of the action that writes a Kitfile.
 *
 * @public
 */
export const WRITE_KITFILE_ACTION_ID = 'kitstage:kitfile:write';

/** Kitfile entries of a path and an optional description, at most 20 (`code`, `docs`). */
const describedPaths = (z: Zod) =>
  z
    .array(
      z.object({
        path: fields.relativePath(z),
        description: fields.description(z).optional(),
      }),
    )
    .max(20);

const inputSchema = (z: Zod) =>
  z.object({
    path: fields
      .relativePath(z)
      .default('Kitfile')
      .describe('Where to write the Kitfile, relative to the workspace'),
    name: fields.projectName(z).describe('Package and model name'),
    version: z
      .string()
      .regex(
        /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$/,
        'must be a semantic version such as 0.1.0',
      )
      .default('0.1.0')
      .describe('Package and model version'),
    description: fields
      .description(z)
      .optional()
      .describe('What the model does'),
    authors: z
      .array(z.string().min(1).max(200))
      .max(20)
      .optional()
      .describe('Authors of the package'),
    license: orBlank(z, fields.license(z))
      .optional()
      .describe('SPDX license of the package'),
    framework: z.enum(FRAMEWORKS).describe('The model framework'),
    model: z
      .object({
        path: fields
          .relativePath(z)
          .default('model/')
          .describe('Directory of the model files'),
        description: fields.description(z).optional(),
        baseModel: orBlank(
          z,
          fields.modelKitReference(z).refine(value => {
            const reference = tryParseModelKitReference(value);
            // References that do not parse are reported by the field itself.
            return !reference || Boolean(reference.tag ?? reference.digest);
          }, 'must name a tag or digest, such as registry.example.com/team/base:1.0.0, so that builds are reproducible and KitOps does not read it as a directory'),
        )
          .optional()
          .describe(
            'A ModelKit this model builds on; its layers are inherited and the local model files become a part',
          ),
      })
      .default({}),
    code: describedPaths(z).default([
      { path: 'code/', description: 'Inference server' },
    ]),
    datasets: z
      .array(
        z.object({
          name: fields.kubernetesName(z),
          path: fields.relativePath(z),
          description: fields.description(z).optional(),
          license: fields.license(z).optional(),
        }),
      )
      .max(20)
      .default([]),
    docs: describedPaths(z).default([
      { path: 'README.md', description: 'Project documentation' },
    ]),
  });

/**
 * Creates the `kitstage:kitfile:write` action, which writes a KitOps Kitfile
 * (manifestVersion 1.0.0) from structured input by serialising an object, so that no input
 * value can add a key or a section.
 *
 * @public
 */
export function createWriteKitfileAction() {
  return createWriteFileAction({
    id: WRITE_KITFILE_ACTION_ID,
    description:
      'Writes a KitOps Kitfile (manifestVersion 1.0.0) with package, model, code, datasets and docs sections',
    examples,
    input: inputSchema,
    output: {
      path: z => z.string().describe('Path of the written Kitfile'),
      modelPath: z =>
        z
          .string()
          .describe(
            'The Kitfile model path: a directory, or the base ModelKit reference',
          ),
    },
    generate(input) {
      const kitfile = buildKitfile({
        name: input.name,
        version: input.version,
        description: blankToUndefined(input.description),
        authors: input.authors,
        license: blankToUndefined(input.license),
        framework: input.framework,
        model: {
          ...input.model,
          baseModel: blankToUndefined(input.model.baseModel),
        },
        code: input.code,
        datasets: input.datasets,
        docs: input.docs,
      });
      return {
        content: renderKitfile(kitfile),
        log: `Wrote ${input.path} for ModelKit package ${input.name} ${input.version}`,
        outputs: { modelPath: kitfile.model?.path ?? input.model.path },
      };
    },
  });
}
