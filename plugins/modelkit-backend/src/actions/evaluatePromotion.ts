import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import { evaluatePromotion } from '@kitstage/plugin-modelkit-node';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import {
  answer,
  ENTITY_NAME_HELP,
  entityNameOf,
  ModelKitActionsOptions,
} from './actionHelpers';

// The rules of the body of `POST /components/:namespace/:name/promotions/evaluate`.
const promotion = z.object({
  environment: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      'must be an environment name',
    ),
  version: z
    .string()
    .regex(
      /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64})$/,
      'must be a tag or a sha256 digest',
    ),
  modelKit: z.string().max(255).optional(),
});

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
  registry.register({
    name: 'evaluate-modelkit-promotion',
    title: 'Evaluate the gates of a ModelKit promotion (dry run)',
    description: `Evaluates, without promoting anything, whether you may promote a version of a ModelKit to an environment for a Component that depends on it, and why not: each gate (permission, environment, version, lifecycle, policy) with whether it passed, whether it can be overridden and its message.
"allowed" is true when every gate passed; "refusals" lists the messages of the failed gates; "canOverride" says whether you could override them. Nothing is written: no Git, no pull request. Name the Component, the environment (as configured under kitstage.environments, e.g. "production"), the version (a tag or a sha256 digest) and, when the Component depends on several ModelKits, the ModelKit ("modelkit:default/<name>").`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          namespace: zod
            .string()
            .optional()
            .describe(ENTITY_NAME_HELP.namespace),
          name: zod
            .string()
            .describe(
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
      output: zod =>
        zod
          .object({
            allowed: zod
              .boolean()
              .optional()
              .describe('Whether every gate passed.'),
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
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) =>
      answer(async () => {
        const name = entityNameOf(access, input);
        const body = parse(promotion, input, 'request body');
        // Reading the gates of a Component's promotions is reading its Kitstage data.
        await access.readEntity(
          { kind: 'Component', ...name },
          {
            credentials,
            permission: modelkitReadPermission,
            purpose: 'evaluate the promotions of',
          },
        );
        const { evaluation } = await evaluatePromotion({
          config,
          access,
          attestations,
          credentials,
          component: stringifyEntityRef({ kind: 'component', ...name }),
          environment: body.environment,
          version: body.version,
          modelKit: body.modelKit,
        });
        return evaluation;
      }),
  });
}
