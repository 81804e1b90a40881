import {
  BackendFeature,
  coreServices,
  createBackendModule,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { mockCredentials, TestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  modelkitRegistryServiceRef,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import {
  ModelKitIngestionStatusService,
  modelkitIngestionStatusServiceRef,
} from '../service/modelkitIngestionStatusServiceRef';

/** The services of the catalog plugin that tests look at. */
export interface CatalogProbe {
  scheduler?: SchedulerService;
  status?: ModelKitIngestionStatusService;
  registries?: RegistryService;
}

/**
 * A module of the catalog plugin that hands its scheduler, the ingestion status and the
 * registry service (with its request counters) to the test.
 */
export function catalogProbeModule(probe: CatalogProbe): BackendFeature {
  return createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-probe',
    register(env) {
      env.registerInit({
        deps: {
          scheduler: coreServices.scheduler,
          status: modelkitIngestionStatusServiceRef,
          registries: modelkitRegistryServiceRef,
        },
        async init(services) {
          Object.assign(probe, services);
        },
      });
    },
  });
}

/** Polls until `probe` returns something other than undefined. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) {
        return value;
      }
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? ` (last error: ${String(last)})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 200));
  }
}

/** The ModelKit entities the catalog API serves for a registry entry, by name. */
export async function getRegistryEntities(
  backend: TestBackend,
  registry: string,
): Promise<Map<string, Entity>> {
  const filter = `kind=modelkit,metadata.annotations.backstage.io/managed-by-origin-location=modelkit-registry:${registry}`;
  const response = await fetch(
    `http://localhost:${backend.server.port()}/api/catalog/entities?filter=${encodeURIComponent(
      filter,
    )}`,
    { headers: { Authorization: mockCredentials.user.header() } },
  );
  if (!response.ok) {
    throw new Error(`The catalog answered HTTP ${response.status}`);
  }
  const entities = (await response.json()) as Entity[];
  return new Map(entities.map(e => [e.metadata.name, e]));
}

/** Relations of an entity as sorted `type targetRef` lines. */
export function relationsOf(entity: Entity | undefined): string[] {
  return (entity?.relations ?? [])
    .map(r => `${r.type} ${r.targetRef}`)
    .sort((a, b) => a.localeCompare(b));
}
