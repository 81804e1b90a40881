import { groupVersionOf, SimulatedResource } from './apiResources';
import { ObjectStore } from './ObjectStore';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';
import { StatusError } from './statusErrors';

interface ContinueToken {
  rv: number;
  start: string;
}

function encodeContinue(resourceVersion: string, lastKey: string): string {
  return Buffer.from(
    JSON.stringify({
      v: 'meta.k8s.io/v1',
      rv: Number(resourceVersion),
      start: `${lastKey}\u0000`,
    }),
  ).toString('base64url');
}

function decodeContinue(token: string): ContinueToken {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (
      parsed?.v !== 'meta.k8s.io/v1' ||
      typeof parsed.rv !== 'number' ||
      typeof parsed.start !== 'string'
    ) {
      throw new Error('unexpected content');
    }
    return { rv: parsed.rv, start: parsed.start };
  } catch {
    throw new StatusError({
      code: 400,
      reason: 'BadRequest',
      message:
        'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)',
    });
  }
}

/**
 * Answers a list request for a resource, in a namespace or cluster-wide: the objects that
 * match the `labelSelector` and `fieldSelector`, one page of `limit` at a time with
 * `continue` tokens (410 `Expired` once the data changed). Built-in kinds are listed without
 * `kind` and `apiVersion` per item, as the API server lists them.
 *
 * @internal
 */
export function listResource(
  store: ObjectStore,
  resource: SimulatedResource,
  namespace: string | undefined,
  query: Record<string, string>,
) {
  let labels;
  let fields;
  try {
    labels = parseLabelSelector(query.labelSelector ?? '');
    fields = parseFieldSelector(query.fieldSelector ?? '');
  } catch (error) {
    if (error instanceof SelectorError) {
      throw new StatusError({
        code: 400,
        reason: 'BadRequest',
        message: error.message,
      });
    }
    throw error;
  }
  let limit: number | undefined;
  if (query.limit !== undefined && query.limit !== '0') {
    if (!/^\d+$/.test(query.limit)) {
      throw new StatusError({
        code: 400,
        reason: 'BadRequest',
        message: `invalid limit: ${query.limit}`,
      });
    }
    limit = Number(query.limit);
  }
  const resourceVersion = store.resourceVersion;
  let start = '';
  if (query.continue) {
    const token = decodeContinue(query.continue);
    if (String(token.rv) !== resourceVersion) {
      throw new StatusError({
        code: 410,
        reason: 'Expired',
        message:
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
      });
    }
    start = token.start;
  }
  const selected = store
    .list(resource, namespace)
    .filter(
      ({ key, object }) =>
        key >= start &&
        matchesLabels(labels, object.metadata.labels) &&
        matchesFields(fields, object.metadata),
    );
  const page = limit === undefined ? selected : selected.slice(0, limit);
  const metadata: Record<string, unknown> = { resourceVersion };
  if (page.length < selected.length) {
    metadata.continue = encodeContinue(
      resourceVersion,
      page[page.length - 1].key,
    );
    // The API server can count what is left only when no selector filters it.
    if (!query.labelSelector && !query.fieldSelector) {
      metadata.remainingItemCount = selected.length - page.length;
    }
  }
  // Like the API server, built-in kinds are listed without kind and apiVersion per item.
  const builtIn = resource.group === '' || resource.group === 'apps';
  return {
    kind: `${resource.kind}List`,
    apiVersion: groupVersionOf(resource),
    metadata,
    items: page.map(({ object }) => {
      if (!builtIn) {
        return object;
      }
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
      return rest;
    }),
  };
}
