import type { ModelKitPolicyStatusService } from '@kitstage/plugin-modelkit-node';
import type { ModelKitPolicyService } from './ModelKitPolicyService';

/**
 * The policy status the deployment views show for a running ModelKit digest, backed by
 * attestation verification: the policy of the ModelKit entity's lifecycle on the verified
 * attestations of the digest.
 *
 * @remarks
 *
 * Nothing is evaluated (the answer is `undefined`, so no badge is shown) for a digest of a
 * repository without a ModelKit entity (there is no lifecycle to apply), or whose lifecycle's
 * policy has no rules; no registry is contacted then.
 *
 * @internal
 */
export function createDeploymentPolicyStatusService(
  policy: ModelKitPolicyService,
): ModelKitPolicyStatusService {
  return {
    async getPolicyStatus(request) {
      const lifecycle = request.entity?.lifecycle;
      if (lifecycle === undefined || !policy.appliesTo(lifecycle)) {
        return undefined;
      }
      const status = await policy.getPolicyStatus({
        repository: request.repository,
        digest: request.digest,
        lifecycle,
        signal: request.signal,
      });
      return { status: status.status, message: status.message, lifecycle };
    },
  };
}
