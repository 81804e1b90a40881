import {
  ActionContext,
  createTemplateAction,
  TemplateExample,
} from '@backstage/plugin-scaffolder-node';
import { JsonObject } from '@backstage/types';
import { z as zv3 } from 'zod/v3';
import { parseInput, Zod } from './inputs';
import { writeWorkspaceFile } from './workspaceFiles';

/**
 * A file an action generated, to be written into the workspace.
 *
 * @internal
 */
export interface GeneratedFile {
  /** The text of the file. */
  content: string;
  /** The line logged once the file is written. */
  log: string;
  /** Outputs of the action besides `path`, in the order they are set. */
  outputs?: JsonObject;
}

/**
 * The input schema of an action that writes a file: an object with the file's `path`.
 *
 * @internal
 */
export type WriteFileInputSchema = (
  z: Zod,
) => zv3.ZodType<{ path: string }, zv3.ZodTypeDef, unknown>;

/**
 * The output schema of an action that writes a file: the written `path`, and any others.
 *
 * @internal
 */
export type WriteFileOutputSchema = { path: (z: Zod) => zv3.ZodType } & {
  [key: string]: (z: Zod) => zv3.ZodType;
};

/**
 * What {@link createWriteFileAction} makes an action of.
 *
 * @internal
 */
export interface WriteFileActionOptions<
  TInputSchema extends WriteFileInputSchema,
  TOutputSchema extends WriteFileOutputSchema,
> {
  /** The action id, such as `kitstage:kitfile:write`. */
  id: string;
  /** What the action does, listed with it in the portal. */
  description: string;
  /** The action's examples. */
  examples: TemplateExample[];
  /** The input schema; its `path` is where the file goes, relative to the workspace. */
  input: TInputSchema;
  /** The output schema; `path` is set to the written file. */
  output: TOutputSchema;
  /**
   * Builds the file from the parsed input; throwing an `InputError` refuses the input before
   * anything is written.
   */
  generate(
    input: zv3.output<ReturnType<TInputSchema>>,
    ctx: ActionContext<JsonObject>,
  ): GeneratedFile | Promise<GeneratedFile>;
}

/**
 * Creates a scaffolder action that generates one file and writes it into the workspace: it
 * parses the input with the action's schema (naming the action in the error), builds the file,
 * writes it at the input's `path` without ever leaving the workspace
 * ({@link writeWorkspaceFile}), logs it and sets the `path` output and any others. The action
 * supports dry runs.
 *
 * @internal
 */
export function createWriteFileAction<
  TInputSchema extends WriteFileInputSchema,
  TOutputSchema extends WriteFileOutputSchema,
>(options: WriteFileActionOptions<TInputSchema, TOutputSchema>) {
  return createTemplateAction({
    id: options.id,
    description: options.description,
    examples: options.examples,
    supportsDryRun: true,
    schema: {
      input: options.input,
      output: options.output,
    },
    async handler(ctx) {
      const context = ctx as unknown as ActionContext<JsonObject>;
      const input = parseInput(
        options.input(zv3),
        context.input,
        options.id,
      ) as zv3.output<ReturnType<TInputSchema>>;
      const file = await options.generate(input, context);
      await writeWorkspaceFile(context.workspacePath, input.path, file.content);
      context.logger.info(file.log);
      context.output('path', input.path);
      for (const [name, value] of Object.entries(file.outputs ?? {})) {
        context.output(name, value);
      }
    },
  });
}
