import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { DEPLOYMENT_HEALTH_PRECEDENCE } from '@kitstage/plugin-modelkit-common';
import { isOciDigest } from '@kitstage/plugin-modelkit-node';
import {
  answer,
  ENTITY_NAME_HELP,
  entityNameOf,
  ModelKitActionsOptions,
} from './actionHelpers';

const DIGEST_RULE =
  'a manifest digest (sha256: with 64 or sha512: with 128 lowercase hex digits)';

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
  registry.register({
    name: 'get-modelkit-deployments',
    title: 'Get where a ModelKit runs and how healthy it is',
    description: `Tells where the versions of a ModelKit run: for each version (digest, tags, the references workloads name it by, its attestation policy outcome) every workload on every configured Kubernetes cluster that runs it, with the Component it belongs to, its health (${DEPLOYMENT_HEALTH_PRECEDENCE.join(
      ', ',
    )}), pods, traffic share and whether it is pinned by digest.
"clusters" tells which clusters could be read: a cluster that failed is listed with its error and never hides the others. Give "digest" to ask about one version only (e.g. "where does sha256:... run?").`,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod =>
        zod.object({
          namespace: zod
            .string()
            .optional()
            .describe(ENTITY_NAME_HELP.namespace),
          name: zod.string().describe(ENTITY_NAME_HELP.modelKitName),
          digest: zod
            .string()
            .optional()
            .describe(`Only the version with this digest: ${DIGEST_RULE}.`),
        }),
      output: zod =>
        zod
          .object({
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
              .describe(
                'Every configured cluster and what could be read of it.',
              ),
            generatedAt: zod
              .string()
              .optional()
              .describe('When the answer was assembled (ISO 8601).'),
          })
          .passthrough(),
    },
    action: async ({ input, credentials }) =>
      answer(async () => {
        const entity = entityNameOf(access, input);
        if (input.digest !== undefined && !isOciDigest(input.digest)) {
          throw new InputError(
            `Invalid input: digest must be ${DIGEST_RULE}, got ${JSON.stringify(
              String(input.digest).slice(0, 140),
            )}`,
          );
        }
        const response = await deployments.getModelKitDeployments(
          entity,
          credentials,
        );
        if (input.digest === undefined) return response;
        return {
          ...response,
          versions: response.versions.filter(v => v.digest === input.digest),
        };
      }),
  });
}
