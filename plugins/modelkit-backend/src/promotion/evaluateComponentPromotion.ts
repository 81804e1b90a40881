import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  modelkitReadPermission,
  type ModelKitEntityName,
  type PromotionEvaluation,
} from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  evaluatePromotion,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';

/**
 * The rule of an environment name in promotion input: a DNS label.
 *
 * @internal
 */
export const ENVIRONMENT_NAME = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'must be an environment name');

// The body of `POST /components/:namespace/:name/promotions/evaluate`, and the same fields of
// the `evaluate-modelkit-promotion` action's input.
const evaluation = z.object({
  environment: ENVIRONMENT_NAME,
  version: z
    .string()
    .regex(
      /^(?:[A-Za-z0-9_][A-Za-z0-9._-]{0,127}|sha256:[a-f0-9]{64})$/,
      'must be a tag or a sha256 digest',
    ),
  modelKit: z.string().max(255).optional(),
});

/**
 * What {@link evaluateComponentPromotion} needs.
 *
 * @internal
 */
export interface EvaluateComponentPromotionOptions {
  config: Config;
  /** The authorization helper: the Component is read through it, as the caller. */
  access: ModelKitAccessService;
  attestations: AttestationService;
  credentials: BackstageCredentials;
  /** The Component, its name already parsed. */
  component: ModelKitEntityName;
  /**
   * The untrusted request: `environment`, `version` and, when the Component depends on
   * several ModelKits, `modelKit`; other members are ignored.
   */
  request: unknown;
}

/**
 * Every gate of promoting a ModelKit version to an environment for a Component, decided for
 * the caller without writing anything: the request is parsed (an InputError names every bad
 * field of the request body), the Component is read with `kitstage.modelkit.read` as the
 * caller, and the promotion is evaluated. The one evaluation of the promotion route and the
 * `evaluate-modelkit-promotion` action.
 *
 * @internal
 */
export async function evaluateComponentPromotion(
  options: EvaluateComponentPromotionOptions,
): Promise<PromotionEvaluation> {
  const { access, credentials, component } = options;
  const request = parse(evaluation, options.request, 'request body');
  // Reading the gates of a Component's promotions is reading its Kitstage data.
  await access.readEntity(
    { kind: 'Component', ...component },
    {
      credentials,
      permission: modelkitReadPermission,
      purpose: 'evaluate the promotions of',
    },
  );
  const result = await evaluatePromotion({
    config: options.config,
    access,
    attestations: options.attestations,
    credentials,
    component: stringifyEntityRef({ kind: 'component', ...component }),
    environment: request.environment,
    version: request.version,
    modelKit: request.modelKit,
  });
  return result.evaluation;
}
