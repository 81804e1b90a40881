import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { isError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type { ModelKitEntityName } from '@kitstage/plugin-modelkit-common';
import {
  AttestationService,
  ModelKitAccessService,
} from '@kitstage/plugin-modelkit-node';
import type { ModelKitAttestationsService } from '../attestations/ModelKitAttestationsService';
import type { DeploymentsService } from '../deployments/DeploymentsService';
import type { LineageService } from '../lineage/LineageService';
import type { ModelKitVersionsService } from '../service/ModelKitVersionsService';
import { toApiError } from '../service/toApiError';
import type { z as zod3, ZodRawShape } from 'zod/v3';

/**
 * The services the actions of the `modelkit` plugin call: the very instances the REST routes
 * use, constructed once by the plugin.
 *
 * @internal
 */
export interface ModelKitActionsOptions {
  /** The one authorization helper: entity names are parsed and permissions decided by it. */
  access: ModelKitAccessService;
  /** The catalog, read with the caller's credentials. */
  catalog: CatalogService;
  versions: ModelKitVersionsService;
  attestations: ModelKitAttestationsService;
  lineage: LineageService;
  deployments: DeploymentsService;
  /** What a promotion's evaluation needs, as the promotion routes get it. */
  promotion: { config: Config; attestations: AttestationService };
}

/**
 * Parses the entity name of an action's input by the catalog's rules, through the access
 * helper; the namespace defaults to `default`.
 *
 * @throws InputError naming the bad `namespace` or `name`.
 * @internal
 */
export function entityNameOf(
  access: ModelKitAccessService,
  input: { namespace?: string; name: string },
): ModelKitEntityName {
  return access.parseEntityName(
    { namespace: input.namespace ?? 'default', name: input.name },
    'input',
  );
}

/**
 * Runs an action's body and answers its output; registry and ModelKit errors become the
 * same API errors the REST routes answer with.
 *
 * @internal
 */
export async function answer(
  body: () => Promise<object>,
): Promise<{ output: Record<string, unknown> }> {
  try {
    // The response as the REST route sends it: JSON, every member kept.
    return { output: { ...(await body()) } as Record<string, unknown> };
  } catch (error) {
    throw toApiError(error);
  }
}

/**
 * The error of one item of a listing, as the REST route would answer it, so that a failed
 * item never hides the others.
 *
 * @internal
 */
export function itemError(error: unknown): { name: string; message: string } {
  const apiError = toApiError(error);
  return isError(apiError)
    ? { name: apiError.name, message: apiError.message }
    : { name: 'Error', message: String(apiError) };
}

/**
 * What the input schemas say of an entity name, for the agent.
 *
 * @internal
 */
export const ENTITY_NAME_HELP = {
  namespace:
    'Catalog namespace of the entity; defaults to "default". A DNS label.',
  modelKitName:
    'Name of the ModelKit entity (metadata.name), e.g. "fraud-detector": 1 to 63 letters, digits, "-", "_" and ".".',
};

/**
 * The input members that name an entity: an optional `namespace` and a `name`.
 *
 * @param nameHelp - what the schema says of the name, for the agent.
 * @internal
 */
export function entityNameInput(
  zod: typeof zod3,
  nameHelp: string = ENTITY_NAME_HELP.modelKitName,
) {
  return {
    namespace: zod.string().optional().describe(ENTITY_NAME_HELP.namespace),
    name: zod.string().describe(nameHelp),
  };
}

/**
 * A read-only, idempotent action of the `modelkit` plugin: what the agent is told of it and
 * what it runs.
 *
 * @internal
 */
export interface ReadOnlyModelKitAction<TInput extends ZodRawShape> {
  name: string;
  title: string;
  description: string;
  /** The members of the input object. */
  input: (zod: typeof zod3) => TInput;
  /** The members of the output object the agent is told of; others are passed through. */
  output: (zod: typeof zod3) => ZodRawShape;
  /** Answers the REST route's response for the input, as the caller. */
  run(context: {
    input: zod3.infer<zod3.ZodObject<TInput>>;
    credentials: BackstageCredentials;
  }): Promise<object>;
}

/**
 * Registers a read-only, idempotent action whose input and output are objects; its answer is
 * made by {@link answer}, so errors are the ones the REST routes answer with.
 *
 * @internal
 */
export function registerReadOnlyAction<TInput extends ZodRawShape>(
  registry: ActionsRegistryService,
  action: ReadOnlyModelKitAction<TInput>,
): void {
  registry.register({
    name: action.name,
    title: action.title,
    description: action.description,
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: zod => zod.object(action.input(zod)),
      output: zod => zod.object(action.output(zod)).passthrough(),
    },
    action: async ({ input, credentials }) =>
      answer(() => action.run({ input, credentials })),
  });
}
