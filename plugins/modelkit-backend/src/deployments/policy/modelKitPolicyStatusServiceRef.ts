import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import type { DeploymentModelKitPolicy } from '@kitstage/plugin-modelkit-common';
import { createDeploymentPolicyStatusService } from '../../attestations/deploymentPolicyStatus';
import { modelkitPolicyServiceRef } from '../../attestations/modelkitPolicyServiceRef';

/**
 * What the deployment views ask about a running ModelKit version.
 *
 * @public
 */
export interface ModelKitPolicyStatusRequest {
  /** `host/path` of the OCI repository (a ModelKit entity's `spec.repository`). */
  repository: string;
  /** The manifest digest that runs. */
  digest: string;
  /** The ModelKit entity of the repository, when the catalog has one. */
  entity?: { ref: string; lifecycle?: string };
  signal?: AbortSignal;
}

/**
 * The attestation policy status of the ModelKit digests that run on clusters.
 *
 * @remarks
 * The deployment health routes call it once per distinct running digest (results are cached
 * for `kitstage.deployments.cacheTtl`). The default implementation verifies the digest's
 * attestations and evaluates the policy of the ModelKit entity's lifecycle (`kitstage.policies`),
 * sharing the attestation routes' cache; it answers `undefined`, so no policy badge or reason
 * is shown, when the repository has no ModelKit entity or its lifecycle's policy has no rules.
 * A backend may replace it by adding its own factory for this service.
 *
 * @public
 */
export interface ModelKitPolicyStatusService {
  /**
   * The policy outcome for a digest, or `undefined` when no policy is evaluated. Should not
   * throw; a thrown error is reported as an outcome of `missing` with the error's message.
   */
  getPolicyStatus(
    request: ModelKitPolicyStatusRequest,
  ): Promise<DeploymentModelKitPolicy | undefined>;
}

/**
 * The seam between deployment health and attestation policies; see
 * {@link ModelKitPolicyStatusService}.
 *
 * @public
 */
export const modelKitPolicyStatusServiceRef =
  createServiceRef<ModelKitPolicyStatusService>({
    id: 'kitstage.deployments.policy-status',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: { policy: modelkitPolicyServiceRef },
        factory: ({ policy }) => createDeploymentPolicyStatusService(policy),
      }),
  });
