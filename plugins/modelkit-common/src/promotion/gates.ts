import type { AttestationPolicyResult } from '../attestation';
import {
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionGateResult,
  PromotionTarget,
} from './types';

/**
 * What {@link evaluatePromotionGates} decides on: facts gathered by the backend.
 *
 * @public
 */
export interface PromotionGateInput {
  /** The Component entity ref. */
  componentEntityRef: string;
  /** The environment name asked for. */
  environmentName: string;
  /** The configured environment, when there is one of that name. */
  environment?: PromotionEnvironment;
  /** The target version; `digest` unset when it did not resolve. */
  target: PromotionTarget;
  /** Why the version did not resolve, when it did not. */
  versionProblem?: string;
  /** The permission decision for `kitstage.modelkit.promote` on the Component. */
  mayPromote: boolean;
  /** The permission decision for `kitstage.modelkit.promote.override` on the Component. */
  mayOverride: boolean;
  /**
   * The attestation policy result for the environment's policy, when it has one and the
   * version resolved.
   */
  policy?: AttestationPolicyResult;
  /** Why the policy could not be evaluated (attestations unreadable). */
  policyProblem?: string;
}

/**
 * Decides every promotion gate from gathered facts; pure. The order of the gates is
 * permission, environment, version, lifecycle, policy; each failed gate gives one refusal.
 *
 * @public
 */
export function evaluatePromotionGates(
  input: PromotionGateInput,
): PromotionEvaluation {
  const gates: PromotionGateResult[] = [];
  const { environment, target } = input;
  gates.push({
    gate: 'permission',
    passed: input.mayPromote,
    overridable: false,
    message: input.mayPromote
      ? `You may promote ${input.componentEntityRef}`
      : `You are not allowed to promote ${input.componentEntityRef} (permission kitstage.modelkit.promote)`,
  });
  gates.push({
    gate: 'environment',
    passed: environment !== undefined,
    overridable: false,
    message: environment
      ? `Environment ${environment.name} is configured`
      : `Environment "${input.environmentName}" is not configured under kitstage.environments`,
  });
  gates.push({
    gate: 'version',
    passed: target.digest !== undefined,
    overridable: false,
    message: target.digest
      ? `${target.requested} is ${target.digest}`
      : `Version "${target.requested}" of ${
          target.repository
        } could not be resolved: ${input.versionProblem ?? 'unknown reason'}`,
  });
  if (environment) {
    const lifecycle = target.lifecycle;
    let lifecycleProblem: string | undefined;
    if (environment.forbiddenLifecycles?.includes(lifecycle)) {
      lifecycleProblem = `${target.modelKitEntityRef} has lifecycle "${lifecycle}", which may not reach ${environment.name}`;
    } else if (
      environment.allowedLifecycles &&
      !environment.allowedLifecycles.includes(lifecycle)
    ) {
      lifecycleProblem = `${
        target.modelKitEntityRef
      } has lifecycle "${lifecycle}"; ${
        environment.name
      } only allows ${environment.allowedLifecycles.join(', ')}`;
    }
    gates.push({
      gate: 'lifecycle',
      passed: !lifecycleProblem,
      overridable: true,
      message:
        lifecycleProblem ??
        `Lifecycle "${lifecycle}" may reach ${environment.name}`,
    });
    if (environment.policy && target.digest) {
      const policy = input.policy;
      const passed = policy?.status === 'passed';
      gates.push({
        gate: 'policy',
        passed,
        overridable: true,
        message: policy
          ? `Attestation policy "${environment.policy}" ${
              passed ? 'passed' : `is ${policy.status}`
            }: ${policy.message}`
          : `Attestation policy "${
              environment.policy
            }" could not be evaluated: ${
              input.policyProblem ?? 'no attestations were read'
            }`,
        ...(policy ? { policy } : {}),
      });
    }
  }
  const failed = gates.filter(gate => !gate.passed);
  return {
    componentEntityRef: input.componentEntityRef,
    environment: input.environmentName,
    target,
    gates,
    allowed: failed.length === 0,
    canOverride:
      failed.length > 0 &&
      failed.every(gate => gate.overridable) &&
      input.mayOverride,
    refusals: failed.map(gate => gate.message),
  };
}
