import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { PromotionEvaluation } from '@kitstage/plugin-modelkit-common';

/**
 * Decides whether a promotion goes ahead: it does when every gate passed, or when the refused
 * gates may be overridden and a reason for the override was given (logged as a warning).
 * Otherwise it refuses with every reason, and says why an override was not possible when one
 * was asked for.
 *
 * @returns whether refused gates were overridden.
 * @throws NotAllowedError when the promotion is refused.
 * @internal
 */
export function passPromotionGates(
  evaluation: PromotionEvaluation,
  overrideReason: string | undefined,
  logger: LoggerService,
): boolean {
  if (evaluation.allowed) {
    return false;
  }
  const reasons = evaluation.refusals.map(r => `- ${r}`).join('\n');
  if (overrideReason && evaluation.canOverride) {
    logger.warn(
      `Overriding refused gates of ${evaluation.componentEntityRef} in ${evaluation.environment}:\n${reasons}`,
    );
    return true;
  }
  let hint = '';
  if (overrideReason) {
    hint = evaluation.gates.some(g => !g.passed && !g.overridable)
      ? '\nThese gates cannot be overridden.'
      : '\nOverriding needs the permission kitstage.modelkit.promote.override.';
  }
  throw new NotAllowedError(
    `Promotion of ${evaluation.componentEntityRef} to ${evaluation.environment} refused:\n${reasons}${hint}`,
  );
}
