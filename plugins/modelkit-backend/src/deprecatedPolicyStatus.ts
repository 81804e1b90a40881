import {
  modelkitPolicyStatusServiceRef,
  type ModelKitPolicyStatusRequest as NodeModelKitPolicyStatusRequest,
  type ModelKitPolicyStatusService as NodeModelKitPolicyStatusService,
} from '@kitstage/plugin-modelkit-node';

/**
 * What the deployment views ask about a running ModelKit version.
 *
 * @public
 * @deprecated Import `ModelKitPolicyStatusRequest` from `@kitstage/plugin-modelkit-node`.
 */
export type ModelKitPolicyStatusRequest = NodeModelKitPolicyStatusRequest;

/**
 * The attestation policy status of the ModelKit digests that run on clusters.
 *
 * @public
 * @deprecated Import `ModelKitPolicyStatusService` from `@kitstage/plugin-modelkit-node`.
 */
export type ModelKitPolicyStatusService = NodeModelKitPolicyStatusService;

/**
 * The seam between deployment health and attestation policies: the same ref as
 * `modelkitPolicyStatusServiceRef` of `@kitstage/plugin-modelkit-node`, whose id is now
 * `modelkit.policy-status`.
 *
 * @public
 * @deprecated Use `modelkitPolicyStatusServiceRef` from `@kitstage/plugin-modelkit-node`.
 */
export const modelKitPolicyStatusServiceRef = modelkitPolicyStatusServiceRef;
