import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  modelkitPolicyStatusServiceRef,
  modelkitRegistryServiceRef,
} from '@kitstage/plugin-modelkit-node';
import { createDeploymentPolicyStatusService } from './deploymentPolicyStatus';
import { modelkitPolicyServiceRef } from './modelkitPolicyServiceRef';

/**
 * The default policy status of running ModelKit versions, installed with the `modelkit`
 * plugin: the attestation policy of the ModelKit entity's lifecycle, from the attestation
 * routes' cache, for digests that are versions of the entity's repository. A factory for the same ref added to the backend takes its place.
 *
 * @internal
 */
export const modelkitPolicyStatusServiceFactory = createServiceFactory({
  service: modelkitPolicyStatusServiceRef,
  deps: {
    policy: modelkitPolicyServiceRef,
    registry: modelkitRegistryServiceRef,
  },
  factory: deps => createDeploymentPolicyStatusService(deps),
});
