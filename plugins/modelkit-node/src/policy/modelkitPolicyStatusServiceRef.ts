import { createServiceRef } from '@backstage/backend-plugin-api';
import type { DeploymentModelKitPolicy } from '@kitstage/plugin-modelkit-common';

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
  /**
   * Stops waiting for the answer: the deployment views abort it when the registry timeout
   * (`kitstage.deployments.registryTimeout`) has passed.
   */
  signal?: AbortSignal;
}

/**
 * The attestation policy status of the ModelKit digests that run on clusters.
 *
 * @remarks
 * The deployment health routes of the `modelkit` backend plugin call it once per distinct
 * running digest (results are cached for `kitstage.deployments.cacheTtl`). The plugin installs
 * a default implementation that verifies the digest's attestations and evaluates the policy of
 * the ModelKit entity's lifecycle (`kitstage.policies`), sharing the attestation routes' cache;
 * it answers `undefined`, so no policy badge or reason is shown, when the repository has no
 * ModelKit entity or its lifecycle's policy has no rules. A backend replaces it by adding its
 * own factory for {@link modelkitPolicyStatusServiceRef}.
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
 * The seam between deployment health and attestation policies of the `modelkit` backend
 * plugin; see {@link ModelKitPolicyStatusService}.
 *
 * @remarks
 * It has no default factory here: the `modelkit` backend plugin installs its own default
 * (backed by its attestation verification), and a service factory added to the backend for
 * this ref takes its place:
 *
 * ```ts
 * backend.add(
 *   createServiceFactory({
 *     service: modelkitPolicyStatusServiceRef,
 *     deps: {},
 *     factory: () => ({ getPolicyStatus: async () => undefined }),
 *   }),
 * );
 * ```
 *
 * @public
 */
export const modelkitPolicyStatusServiceRef =
  createServiceRef<ModelKitPolicyStatusService>({
    id: 'modelkit.policy-status',
    scope: 'plugin',
  });
