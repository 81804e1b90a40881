import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { modelkitAttestationServiceRef } from '@kitstage/plugin-modelkit-node';
import { readAttestationsCacheConfig } from './config';
import { attestationConfigFingerprint } from './attestationConfigFingerprint';
import { ModelKitPolicyService } from './ModelKitPolicyService';

/**
 * The cached attestation reports and policy status per ModelKit digest of the `modelkit`
 * plugin, shared by its attestation routes and its deployment views.
 *
 * @internal
 */
export const modelkitPolicyServiceRef = createServiceRef<ModelKitPolicyService>(
  {
    id: 'modelkit.attestations.policy',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          rootConfig: coreServices.rootConfig,
          logger: coreServices.logger,
          cache: coreServices.cache,
          attestations: modelkitAttestationServiceRef,
        },
        factory({ rootConfig, logger, cache, attestations }) {
          return ModelKitPolicyService.create({
            attestations,
            cache,
            logger: logger.child({ component: 'attestations' }),
            config: readAttestationsCacheConfig(rootConfig),
            fingerprint: attestationConfigFingerprint(
              rootConfig.getOptional('kitstage.attestations'),
            ),
          });
        },
      }),
  },
);
