import type {
  ModelKitPolicyStatusService,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import { checkVersionDigests } from './checkVersionDigests';
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
 * The digest comes from a cluster object, which anyone who may write a workload can set, so
 * it is verified only when it is a version of the entity's repository, looked up there first
 * exactly as the policy route does ({@link checkVersionDigests}): a digest the repository does
 * not serve as a ModelKit shows as `missing` with why, without a verification or an entry in
 * the attestation cache.
 *
 * @internal
 */
export function createDeploymentPolicyStatusService(options: {
  policy: ModelKitPolicyService;
  registry: RegistryService;
}): ModelKitPolicyStatusService {
  const { policy, registry } = options;
  return {
    async getPolicyStatus(request) {
      const lifecycle = request.entity?.lifecycle;
      if (lifecycle === undefined || !policy.appliesTo(lifecycle)) {
        return undefined;
      }
      // A repository no source serves, or a malformed one, is reported by the policy service
      // itself, without contacting a registry.
      const located = sourceOf(registry, request.repository);
      const problem = located
        ? (
            await checkVersionDigests(located, [request.digest], request.signal)
          ).get(request.digest)
        : undefined;
      const status =
        problem === undefined
          ? await policy.getPolicyStatus({
              repository: request.repository,
              digest: request.digest,
              lifecycle,
              signal: request.signal,
            })
          : policy.uncheckedPolicyStatus(
              {
                repository: request.repository,
                digest: request.digest,
                lifecycle,
              },
              problem,
            );
      return { status: status.status, message: status.message, lifecycle };
    },
  };
}

function sourceOf(
  registry: RegistryService,
  repository: string,
): ReturnType<RegistryService['findSource']> {
  try {
    return registry.findSource(repository);
  } catch {
    return undefined;
  }
}
