import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { DEPLOYMENT_HEALTH_PRECEDENCE } from '@kitstage/plugin-modelkit-common';
import { isOciDigest } from '@kitstage/plugin-modelkit-node';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import {
  entityNameInput,
  entityNameOf,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

const DIGEST_RULE =
  'a manifest digest (sha256: with 64 or sha512: with 128 lowercase hex digits)';

const versionFilter = z.object({
  digest: z
    .string()
    .superRefine((digest, ctx) => {
      if (!isOciDigest(digest)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be ${DIGEST_RULE}, got ${JSON.stringify(
            digest.slice(0, 140),
          )}`,
        });
      }
    })
    .optional(),
});

/**
 * Registers `get-modelkit-deployments`: where each version of a ModelKit runs, on which
 * clusters and how healthy, as `GET /deployments/modelkits/:namespace/:name` answers it,
 * through the same service; optionally only the version with one digest.
 *
 * @internal
 */
export function registerGetModelKitDeploymentsAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { access, deployments } = options;
  registerReadOnlyAction(registry, {
    name: 'get-modelkit-deployments',
    title: 'Get where a ModelKit runs and how healthy it is',
    description: `Tells where the versions of a ModelKit run: for each version (digest, tags, the references workloads name it by, its attestation policy outcome) every workload on every configured Kubernetes cluster that runs it, with the Component it belongs to, its health (${DEPLOYMENT_HEALTH_PRECEDENCE.join(
      ', ',
    )}), pods, traffic share and whether it is pinned by digest.
"clusters" tells which clusters could be read: a cluster that failed is listed with its error and never hides the others. Give "digest" to ask about one version only (e.g. "where does sha256:... run?").`,
    input: zod => ({
      ...entityNameInput(zod),
      digest: zod
        .string()
        .optional()
        .describe(`Only the version with this digest: ${DIGEST_RULE}.`),
    }),
    output: zod => ({
      entity: zod
        .record(zod.unknown())
        .optional()
        .describe('The ModelKit, with its OCI repository.'),
      versions: zod
        .array(zod.record(zod.unknown()))
        .optional()
        .describe(
          'Versions running somewhere, most widely deployed first, each with its deployments.',
        ),
      clusters: zod
        .array(zod.record(zod.unknown()))
        .optional()
        .describe('Every configured cluster and what could be read of it.'),
      generatedAt: zod
        .string()
        .optional()
        .describe('When the answer was assembled (ISO 8601).'),
    }),
    run: async ({ input, credentials }) => {
      const entity = entityNameOf(access, input);
      const { digest } = parse(versionFilter, input, 'input');
      const response = await deployments.getModelKitDeployments(
        entity,
        credentials,
      );
      if (digest === undefined) return response;
      return {
        ...response,
        versions: response.versions.filter(v => v.digest === digest),
      };
    },
  });
}
