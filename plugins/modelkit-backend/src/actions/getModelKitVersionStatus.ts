import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseVersionReference } from '../service/versionReference';
import {
  entityNameInput,
  entityNameOf,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

/**
 * Registers `get-modelkit-version-status`: the verification of one version's attestations and
 * the attestation policy of its ModelKit's lifecycle on them, with the reason of every rule, as
 * `GET /modelkits/:namespace/:name/versions/:reference/attestations` answers them, through the
 * same service.
 *
 * @internal
 */
export function registerGetModelKitVersionStatusAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { access, attestations } = options;
  registerReadOnlyAction(registry, {
    name: 'get-modelkit-version-status',
    title: 'Get the verification and policy status of a ModelKit version',
    description: `Tells whether one version of a ModelKit is verified and passes its attestation policy, and why.
"report" lists every attestation found for the version's digest (signatures, provenance, scan results, SBOMs) with whether a trusted key or identity verified it now; "policy" gives the lifecycle's policy outcome ("passed", "failed" or "missing") with each rule's result and message. Only attestations a trusted key or identity verified count as verified.
Name the version by tag (e.g. "v1.2.0") or manifest digest ("sha256:..."); list-modelkit-versions lists them.`,
    input: zod => ({
      ...entityNameInput(zod),
      reference: zod
        .string()
        .describe(
          'The version: a tag such as "v1.2.0" or a manifest digest such as "sha256:<64 hex digits>".',
        ),
    }),
    output: zod => ({
      repository: zod
        .string()
        .optional()
        .describe('The OCI repository (host/path).'),
      reference: zod.string().optional().describe('The version asked for.'),
      digest: zod
        .string()
        .optional()
        .describe('The manifest digest the registry serves for it.'),
      report: zod
        .record(zod.unknown())
        .optional()
        .describe('Every attestation of the digest and its verification.'),
      policy: zod
        .record(zod.unknown())
        .optional()
        .describe(
          'The policy outcome (status, message) with the result of each rule.',
        ),
    }),
    run: async ({ input, credentials }) => {
      const entity = entityNameOf(access, input);
      const reference = parseVersionReference(
        input.reference,
        'input: reference',
      );
      return attestations.getAttestations(entity, reference, {
        credentials,
      });
    },
  });
}
