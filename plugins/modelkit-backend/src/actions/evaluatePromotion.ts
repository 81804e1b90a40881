import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { evaluateComponentPromotion } from '../promotion/evaluateComponentPromotion';
import {
  entityNameInput,
  entityNameOf,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

/**
 * Registers `evaluate-modelkit-promotion`: every gate of promoting a ModelKit version to an
 * environment for a Component, decided for the caller, without writing anything (no Git, no
 * pull request), as `POST /components/:namespace/:name/promotions/evaluate` answers it.
 *
 * @internal
 */
export function registerEvaluatePromotionAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { access } = options;
  const { config, attestations } = options.promotion;
  registerReadOnlyAction(registry, {
    name: 'evaluate-modelkit-promotion',
    title: 'Evaluate the gates of a ModelKit promotion (dry run)',
    description: `Evaluates, without promoting anything, whether you may promote a version of a ModelKit to an environment for a Component that depends on it, and why not: each gate (permission, environment, version, lifecycle, policy) with whether it passed, whether it can be overridden and its message.
"allowed" is true when every gate passed; "refusals" lists the messages of the failed gates; "canOverride" says whether you could override them. Nothing is written: no Git, no pull request. Name the Component, the environment (as configured under kitstage.environments, e.g. "production"), the version (a tag or a sha256 digest) and, when the Component depends on several ModelKits, the ModelKit ("modelkit:default/<name>").`,
    input: zod => ({
      ...entityNameInput(
        zod,
        'Name of the Component (metadata.name) whose deployment the promotion changes, e.g. "support-sentiment-api".',
      ),
      environment: zod
        .string()
        .describe('The target environment, e.g. "production".'),
      version: zod
        .string()
        .describe(
          'The ModelKit version: a tag such as "v1.2.0" or "sha256:<64 hex digits>".',
        ),
      modelKit: zod
        .string()
        .optional()
        .describe(
          'Entity reference of the ModelKit, needed when the Component depends on several.',
        ),
    }),
    output: zod => ({
      allowed: zod.boolean().optional().describe('Whether every gate passed.'),
      canOverride: zod
        .boolean()
        .optional()
        .describe('Whether you may override the failed gates.'),
      refusals: zod
        .array(zod.string())
        .optional()
        .describe('The messages of the failed gates.'),
      gates: zod
        .array(zod.record(zod.unknown()))
        .optional()
        .describe('Each gate: gate, passed, overridable, message.'),
      target: zod
        .record(zod.unknown())
        .optional()
        .describe(
          'What would be promoted: the ModelKit, digest and pinned reference.',
        ),
    }),
    run: async ({ input, credentials }) =>
      evaluateComponentPromotion({
        config,
        access,
        attestations,
        credentials,
        component: entityNameOf(access, input),
        request: input,
      }),
  });
}
