import type {
  ModelKitApi,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';

/** Versions per page, and the most pages read: past 2000 versions nothing is claimed. */
const PAGE_SIZE = 100;
const MAX_PAGES = 20;
/** Every card of one view asks about the same ModelKits: share the answer briefly. */
const SHARE_MS = 10_000;

const shared = new WeakMap<
  object,
  Map<string, { at: number; value: Promise<Set<string> | undefined> }>
>();

async function readAll(
  api: ModelKitApi,
  entity: ModelKitEntityName,
): Promise<Set<string> | undefined> {
  const digests = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const response = await api.listVersions(entity, {
      limit: PAGE_SIZE,
      ...(cursor && { cursor }),
    });
    response.items.forEach(item => digests.add(item.digest));
    response.skipped?.forEach(s => s.digest && digests.add(s.digest));
    if (response.truncated) return undefined;
    cursor = response.nextCursor;
    if (!cursor) return digests;
  }
  return undefined;
}

/**
 * Every manifest digest the registry lists for a ModelKit (its tagged versions, and tagged
 * artifacts that are not ModelKits), or undefined when the list is incomplete (more tags than
 * the registry settings allow to read). Concurrent callers for the same ModelKit share one
 * listing; a failed listing is not kept.
 *
 * @internal
 */
export function listedDigests(
  api: ModelKitApi,
  entity: ModelKitEntityName,
): Promise<Set<string> | undefined> {
  let byEntity = shared.get(api);
  if (!byEntity) {
    byEntity = new Map();
    shared.set(api, byEntity);
  }
  const key = `${entity.namespace}/${entity.name}`;
  const now = Date.now();
  const hit = byEntity.get(key);
  if (hit && now - hit.at < SHARE_MS) return hit.value;
  const value = readAll(api, {
    namespace: entity.namespace,
    name: entity.name,
  });
  byEntity.set(key, { at: now, value });
  value.catch(() => byEntity!.delete(key));
  return value;
}
