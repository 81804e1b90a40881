import { resolve } from 'node:path';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';

// A backend for working on this plugin: the catalog with the demo ModelKits, and the modelkit
// plugin reading their versions from the demo OCI image layout. Requests use mock credentials:
//
//   curl -H 'Authorization: Bearer mock-user-token' \
//     http://localhost:7008/api/modelkit/modelkits/default/fraud-detector/versions

const examples = resolve(__dirname, '../../../examples');

const backend = createBackend();

backend.add(
  mockServices.rootConfig.factory({
    data: {
      backend: {
        baseUrl: 'http://localhost:7008',
        listen: { port: 7008 },
        database: { client: 'better-sqlite3', connection: ':memory:' },
      },
      catalog: {
        rules: [{ allow: ['ModelKit'] }],
        locations: [
          { type: 'file', target: resolve(examples, 'modelkits.yaml') },
        ],
      },
      kitstage: {
        // The hand-written demo ModelKits are trusted like the registry provider's.
        provenance: {
          trustedLocations: [`file:${resolve(examples, 'modelkits.yaml')}`],
        },
        registries: [
          {
            name: 'demo',
            type: 'oci-layout',
            path: resolve(examples, 'oci-layout'),
            host: 'registry.example.com',
          },
        ],
      },
    },
  }),
);
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@kitstage/plugin-catalog-backend-module-modelkit'));
backend.add(import('../src'));

backend.start();
