import {
  CacheService,
  coreServices,
  createServiceFactory,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import type { JsonValue } from '@backstage/types';

/** One `set` on a plugin's cache. */
export interface CacheWrite {
  pluginId: string;
  key: string;
  value: JsonValue;
}

/**
 * Backstage's own cache service (the `CacheManager` of `backend.cache`, as the default factory
 * builds it), recording every value a plugin writes, so a test can tell which attestation
 * reports were cached.
 */
export function recordingCacheFactory(writes: CacheWrite[]): ServiceFactory {
  return createServiceFactory({
    service: coreServices.cache,
    deps: {
      config: coreServices.rootConfig,
      plugin: coreServices.pluginMetadata,
      logger: coreServices.rootLogger,
    },
    async createRootContext({ config, logger }) {
      return CacheManager.fromConfig(config, { logger });
    },
    async factory({ plugin }, manager) {
      const pluginId = plugin.getId();
      const store = manager.forPlugin(pluginId);
      const wrap = (inner: CacheService): CacheService => ({
        get: key => inner.get(key),
        delete: key => inner.delete(key),
        async set(key, value, options) {
          writes.push({ pluginId, key, value });
          await inner.set(key, value, options);
        },
        withOptions: options => wrap(inner.withOptions(options)),
      });
      return wrap(store);
    },
  });
}

/** The digests whose attestation reports the `modelkit` plugin wrote to its cache. */
export function cachedReportDigests(writes: readonly CacheWrite[]): string[] {
  return writes
    .filter(
      w => w.pluginId === 'modelkit' && w.key.startsWith('attestation-report:'),
    )
    .map(
      w =>
        (w.value as { report?: { subject?: { digest?: string } } }).report
          ?.subject?.digest ?? '',
    );
}
