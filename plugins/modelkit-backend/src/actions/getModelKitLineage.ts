import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { LINEAGE_DEFAULTS } from '@kitstage/plugin-modelkit-common';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import { parseVersionReference } from '../service/versionReference';
import {
  entityNameInput,
  entityNameOf,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

const DEPTH_RULE = `an integer from 0 to ${LINEAGE_DEFAULTS.maxDepthLimit}`;

const depth = z.object({
  maxDepth: z
    .number()
    .int(`must be ${DEPTH_RULE}`)
    .min(0, `must be ${DEPTH_RULE}`)
    .max(LINEAGE_DEFAULTS.maxDepthLimit, `must be ${DEPTH_RULE}`)
    .optional(),
});

/**
 * Registers `get-modelkit-lineage`: the lineage graph of a ModelKit as of one version, as
 * `GET /modelkits/:namespace/:name/lineage` answers it, through the same service.
 *
 * @internal
 */
export function registerGetModelKitLineageAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { access, lineage } = options;
  registerReadOnlyAction(registry, {
    name: 'get-modelkit-lineage',
    title: 'Get the lineage of a ModelKit',
    description: `Answers the lineage graph of a ModelKit as of one version (the newest when none is given): the base model and datasets it was built from (from the catalog and the version's Kitfile), the build provenance of the version, the Components that depend on it and the clusters they run on.
"graph" has nodes (datasets, base models, ModelKits, fine-tunes, Components, clusters, sources) and edges read as "<from> <type> <to>" (trained-on, fine-tuned-from, served-by, runs-on, built-from-source), each with where it comes from (catalog, kitfile, provenance, deployment); "graph.warnings" says what could not be read. Entities you may not see are shown as missing.`,
    input: zod => ({
      ...entityNameInput(zod),
      version: zod
        .string()
        .optional()
        .describe(
          'The version: a tag such as "v1.2.0" or a manifest digest; the newest when absent.',
        ),
      maxDepth: zod
        .number()
        .optional()
        .describe(`How many hops to follow: ${DEPTH_RULE}.`),
    }),
    output: zod => ({
      entityRef: zod.string().optional().describe('The ModelKit.'),
      repository: zod
        .string()
        .optional()
        .describe('Its OCI repository (host/path).'),
      version: zod
        .record(zod.unknown())
        .optional()
        .describe('The version drawn: reference, digest, tags, version.'),
      graph: zod
        .record(zod.unknown())
        .optional()
        .describe(
          'The lineage graph: root, nodes, edges, truncated, cycles, warnings.',
        ),
    }),
    run: async ({ input, credentials }) => {
      const entity = entityNameOf(access, input);
      const version =
        input.version === undefined
          ? undefined
          : parseVersionReference(input.version, 'input: version');
      const { maxDepth } = parse(depth, input, 'input');
      return lineage.getModelKitLineage(
        entity,
        { version, maxDepth },
        { credentials },
      );
    },
  });
}
