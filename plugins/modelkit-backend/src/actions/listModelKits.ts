import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ModelKitLatestPolicyStatusResponse } from '@kitstage/plugin-modelkit-common';
import { z } from 'zod';
import { parse } from '../service/routeHelpers';
import { compact, text } from '../service/values';
import {
  itemError,
  ModelKitActionsOptions,
  registerReadOnlyAction,
} from './actionHelpers';

const POLICY_STATUSES = ['passed', 'failed', 'missing'] as const;
const MAX_LIMIT = 50;
const DEFAULT_LIMIT = 20;

const filters = z.object({
  owner: z
    .string()
    .min(1, 'must not be empty')
    .max(300, 'is longer than 300 characters')
    .transform((value, ctx) => {
      try {
        return stringifyEntityRef(
          parseEntityRef(value, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        );
      } catch {
        ctx.addIssue({
          code: 'custom',
          message: `must be an entity reference such as "group:default/nlp-team", got ${JSON.stringify(
            value,
          )}`,
        });
        return z.NEVER;
      }
    })
    .optional(),
  framework: z
    .string()
    .min(1, 'must not be empty')
    .max(100, 'is longer than 100 characters')
    .optional(),
  nameContains: z
    .string()
    .min(1, 'must not be empty')
    .max(100, 'is longer than 100 characters')
    .optional(),
  policyStatus: z
    .array(
      z.enum(POLICY_STATUSES, {
        error: issue =>
          `must be one of ${POLICY_STATUSES.join(', ')}, got ${JSON.stringify(
            String(issue.input).slice(0, 60),
          )}`,
      }),
    )
    .optional(),
  limit: z
    .number()
    .int(`must be an integer from 1 to ${MAX_LIMIT}`)
    .min(1, `must be an integer from 1 to ${MAX_LIMIT}`)
    .max(MAX_LIMIT, `must be an integer from 1 to ${MAX_LIMIT}`)
    .optional(),
  cursor: z
    .string()
    .min(1, 'must not be empty')
    .max(
      2048,
      'is not valid; pass the nextCursor of a previous answer unchanged',
    )
    .optional(),
});

/**
 * Registers `list-modelkits`: the ModelKits in the catalog the caller may see, filtered by
 * owner, framework, name and the policy status of their newest version.
 *
 * @remarks
 *
 * The catalog is queried with the caller's credentials, so `catalog.entity.read` applies as
 * on the catalog's own API; the newest version of each ModelKit and its policy status come
 * from the same service as `GET /modelkits/:namespace/:name/policy/latest`, with the same
 * authorization. A ModelKit whose status cannot be read is listed with the error, unless a
 * policy status filter is given.
 *
 * @internal
 */
export function registerListModelKitsAction(
  registry: ActionsRegistryService,
  options: ModelKitActionsOptions,
): void {
  const { catalog, access, attestations } = options;
  registerReadOnlyAction(registry, {
    name: 'list-modelkits',
    title: 'List ModelKits',
    description: `Lists the ModelKits (packaged ML models and datasets in OCI registries) in the software catalog that you may see, with their owner, framework, lifecycle, OCI repository and newest version with its attestation policy status ("passed", "failed" or "missing").
Filter by owner (an entity reference, e.g. "group:default/nlp-team"), framework (e.g. "pytorch"), a substring of the name or title, and the policy status of the newest version. Answers at most "limit" ModelKits (1 to ${MAX_LIMIT}, default ${DEFAULT_LIMIT}); when "nextCursor" is set, call again with it as "cursor" and the same filters for more. With a policy status filter a page may hold fewer ModelKits than the limit.
Use list-modelkit-versions for every version of one ModelKit, and get-modelkit-version-status for why a version passed or failed.`,
    input: zod => ({
      owner: zod
        .string()
        .optional()
        .describe(
          'Entity reference of the owning group or user, e.g. "group:default/nlp-team"; the kind defaults to group.',
        ),
      framework: zod
        .string()
        .optional()
        .describe(
          'ML framework (spec.framework), e.g. "pytorch"; case is ignored.',
        ),
      nameContains: zod
        .string()
        .optional()
        .describe('Part of the ModelKit name or title; case is ignored.'),
      policyStatus: zod
        .array(zod.string())
        .optional()
        .describe(
          'Keep ModelKits whose newest version has one of these attestation policy statuses: "passed", "failed", "missing".',
        ),
      limit: zod
        .number()
        .optional()
        .describe(
          `How many ModelKits to answer at most: 1 to ${MAX_LIMIT}, default ${DEFAULT_LIMIT}.`,
        ),
      cursor: zod
        .string()
        .optional()
        .describe('The nextCursor of a previous answer, for the next page.'),
    }),
    output: zod => ({
      items: zod
        .array(zod.record(zod.unknown()))
        .optional()
        .describe(
          'The ModelKits: entityRef, title, description, owner, lifecycle, framework, repository, and latest (repository, lifecycle, version, policy: the newest version and its policy status) or latestError (name, message) when it could not be read.',
        ),
      nextCursor: zod
        .string()
        .optional()
        .describe('Pass as cursor, with the same filters, for more.'),
      totalItems: zod
        .number()
        .optional()
        .describe(
          'How many ModelKits match the catalog filters, before the policy status filter.',
        ),
    }),
    run: async ({ input, credentials }) => {
      const query = parse(filters, input, 'input', {
        positions: false,
      });
      const limit = query.limit ?? DEFAULT_LIMIT;
      const filter: Record<string, string> = { kind: 'ModelKit' };
      if (query.owner) filter['relations.ownedBy'] = query.owner;
      if (query.framework) filter['spec.framework'] = query.framework;
      const page = await catalog.queryEntities(
        query.cursor
          ? { cursor: query.cursor, limit }
          : {
              filter,
              ...(query.nameContains
                ? {
                    fullTextFilter: {
                      term: query.nameContains,
                      fields: ['metadata.name', 'metadata.title'],
                    },
                  }
                : {}),
              orderFields: { field: 'metadata.name', order: 'asc' },
              limit,
            },
        { credentials },
      );
      const wanted = query.policyStatus && new Set(query.policyStatus);
      const items = await Promise.all(
        page.items.map(async entity => {
          const summary = compact({
            entityRef: stringifyEntityRef(entity),
            title: text(entity.metadata.title),
            description: text(entity.metadata.description),
            owner: text(entity.spec?.owner),
            lifecycle: text(entity.spec?.lifecycle),
            framework: text(entity.spec?.framework),
            repository: text(entity.spec?.repository),
          });
          let latest: ModelKitLatestPolicyStatusResponse;
          try {
            latest = await attestations.getLatestPolicyStatus(
              access.parseEntityName({
                namespace: entity.metadata.namespace ?? 'default',
                name: entity.metadata.name,
              }),
              { credentials },
            );
          } catch (error) {
            return wanted
              ? undefined
              : { ...summary, latestError: itemError(error) };
          }
          const status = latest.policy?.status;
          if (wanted && !(status && wanted.has(status))) {
            return undefined;
          }
          return { ...summary, latest };
        }),
      );
      return compact({
        items: items.filter(item => item !== undefined),
        nextCursor: page.pageInfo.nextCursor,
        totalItems: page.totalItems,
      });
    },
  });
}
