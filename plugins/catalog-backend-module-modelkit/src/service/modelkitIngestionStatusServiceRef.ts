import {
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { ModelKitRegistryProviderStatus } from '../providers/status';

/**
 * Something that reports the status of a registry's ingestion, such as a
 * `ModelKitRegistryEntityProvider`.
 *
 * @public
 */
export interface ModelKitIngestionStatusSource {
  /** The current status. */
  getStatus(): ModelKitRegistryProviderStatus;
}

/**
 * The status of the registry entity providers of this backend instance: when each registry
 * was last synced, with what outcome and counts, and what failed. The catalog module registers
 * its providers; other plugins (such as the Kitstage backend plugin) read it to serve it.
 *
 * @public
 */
export interface ModelKitIngestionStatusService {
  /** Adds a provider whose status is reported. */
  register(source: ModelKitIngestionStatusSource): void;
  /** The status of every registered provider, in registration order. */
  list(): ModelKitRegistryProviderStatus[];
  /** The status of the provider of a registry entry, if there is one. */
  get(registry: string): ModelKitRegistryProviderStatus | undefined;
}

class DefaultModelKitIngestionStatusService
  implements ModelKitIngestionStatusService
{
  readonly #sources: ModelKitIngestionStatusSource[] = [];

  register(source: ModelKitIngestionStatusSource): void {
    this.#sources.push(source);
  }

  list(): ModelKitRegistryProviderStatus[] {
    return this.#sources.map(s => s.getStatus());
  }

  get(registry: string): ModelKitRegistryProviderStatus | undefined {
    return this.list().find(s => s.registry === registry);
  }
}

/**
 * The ingestion status of the registries, shared by every plugin of the backend instance.
 *
 * @remarks
 *
 * Root scoped and in memory: it describes the syncs this instance ran. With several instances
 * on one database, each sync runs on one of them (see the provider's documentation).
 *
 * @public
 */
export const modelkitIngestionStatusServiceRef =
  createServiceRef<ModelKitIngestionStatusService>({
    id: 'modelkit.ingestion-status',
    scope: 'root',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {},
        factory: () => new DefaultModelKitIngestionStatusService(),
      }),
  });
