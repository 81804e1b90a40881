import { createServiceFactory } from '@backstage/backend-plugin-api';
import { modelkitPolicyStatusServiceRef } from '@kitstage/plugin-modelkit-node';
import { createDeploymentPolicyStatusService } from './deploymentPolicyStatus';
import { modelkitPolicyServiceRef } from './modelkitPolicyServiceRef';

/**
 * The default policy status of running ModelKit versions, installed with the `modelkit`
 * plugin: the attestation policy of the ModelKit entity's lifecycle, from the attestation
 * routes' cache. A factory for the same ref added to the backend takes its place.
 *
 * @internal
 */
export const modelkitPolicyStatusServiceFactory = createServiceFactory({
  service: modelkitPolicyStatusServiceRef,
  deps: { policy: modelkitPolicyServiceRef },
  factory: ({ policy }) => createDeploymentPolicyStatusService(policy),
});
