import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * The template step an action's examples run it in.
 *
 * @internal
 */
export interface ExampleStep {
  /** The step id, which later steps use to read the action's output. */
  id: string;
  /** The action id, such as `kitstage:kitfile:write`. */
  action: string;
  /** The step name shown in the portal. */
  name: string;
}

/**
 * One example of an action: what it shows, and the input the action is given.
 *
 * @internal
 */
export interface ActionExampleInput {
  /** What the example does, listed with the action in the portal. */
  description: string;
  /** The input of the step. */
  input: Record<string, unknown>;
}

/**
 * Builds an action's examples: each one a template, as YAML, with one step that runs the
 * action with the example's input.
 *
 * @internal
 */
export function actionExamples(
  step: ExampleStep,
  examples: ActionExampleInput[],
): TemplateExample[] {
  return examples.map(({ description, input }) => ({
    description,
    example: yaml.stringify({
      steps: [{ id: step.id, action: step.action, name: step.name, input }],
    }),
  }));
}
