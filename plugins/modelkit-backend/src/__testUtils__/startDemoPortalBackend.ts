import { resolve } from 'node:path';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import { modelkitPlugin } from '../plugin';

const root = resolve(__dirname, '../../../..');

/**
 * A backend running the demo portal's own app-config.yaml.
 *
 * @internal
 */
export interface DemoPortalBackend {
  backend: TestBackend;
  /** Stops the backend and returns to the working directory the test started in. */
  stop(): Promise<void>;
}

/**
 * Starts the real catalog, the ModelKit catalog module (ingesting the demo OCI image layout on
 * its schedule) and the modelkit plugin with the demo portal's app-config.yaml, loaded by the
 * real config loader. The portal enables permissions with the allow-all policy, so every
 * request is allowed.
 *
 * app-config.yaml's relative paths are relative to the backend package, where the portal runs;
 * the test runner may start anywhere in the repository, so the working directory is
 * packages/backend until `stop`.
 *
 * @internal
 */
export async function startDemoPortalBackend(): Promise<DemoPortalBackend> {
  const previousCwd = process.cwd();
  process.chdir(resolve(root, 'packages/backend'));
  try {
    const backend = await startTestBackend({
      features: [
        rootConfigServiceFactory({
          argv: ['--config', resolve(root, 'app-config.yaml')],
          watch: false,
        }),
        mockServices.permissions.factory({ result: 'ALLOW' } as Parameters<
          typeof mockServices.permissions.factory
        >[0]),
        schedulerServiceFactory,
        catalogPlugin,
        catalogModuleModelKit,
        modelkitPlugin,
      ],
    });
    return {
      backend,
      async stop() {
        try {
          await backend.stop();
        } finally {
          process.chdir(previousCwd);
        }
      },
    };
  } catch (error) {
    process.chdir(previousCwd);
    throw error;
  }
}
