import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import {
  entityNameInput,
  entityNameOf,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

const MAX_LIMIT = 100;
const LIMIT_RULE = `an integer from 1 to ${MAX_LIMIT}`;

const page = z.object({
  limit: z
    .number()
    .int(`must be ${LIMIT_RULE}`)
    .min(1, `must be ${LIMIT_RULE}`)
    .max(MAX_LIMIT, `must be ${LIMIT_RULE}`)
    .optional(),
  // The cursor is opaque: the versions service checks what it holds.
  cursor: z
    .string()
    .max(512, {
      error: 'is not valid; pass the nextCursor of a previous answer unchanged',
    })
    .optional(),
});

/**
 * Registers `list-modelkit-versions`: the versions of one ModelKit, newest first, as
 * `GET /modelkits/:namespace/:name/versions` answers them, through the same service.
 *
 * @internal
 */
export function registerListModelKitVersionsAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { access, versions } = options;
  registerReadOnlyAction(registry, {
    name: 'list-modelkit-versions',
    title: 'List the versions of a ModelKit',
    description: `Lists the versions of one ModelKit in its OCI registry, newest first: each version's manifest digest, tags, Kitfile package version, size and creation time; "skipped" lists tags that are not ModelKits.
Answers at most "limit" versions (1 to ${MAX_LIMIT}); when "nextCursor" is set, call again with it as "cursor" for older versions. Find ModelKit names with list-modelkits.`,
    input: zod => ({
      ...entityNameInput(zod),
      limit: zod
        .number()
        .optional()
        .describe(`How many versions to answer at most: ${LIMIT_RULE}.`),
      cursor: zod
        .string()
        .optional()
        .describe('The nextCursor of a previous answer, for older versions.'),
    }),
    output: zod => ({
      repository: zod
        .string()
        .optional()
        .describe('The OCI repository (host/path) of the ModelKit.'),
      items: zod
        .array(zod.record(zod.unknown()))
        .optional()
        .describe('The versions: digest, tags, version, size, created.'),
      nextCursor: zod
        .string()
        .optional()
        .describe('Pass as cursor for older versions.'),
    }),
    run: async ({ input, credentials }) => {
      const entity = entityNameOf(access, input);
      const { limit, cursor } = parse(page, input, 'input');
      return versions.listVersions(entity, { limit, cursor }, { credentials });
    },
  });
}
