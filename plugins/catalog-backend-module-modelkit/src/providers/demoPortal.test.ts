import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { parseEntityYaml } from '@backstage/plugin-catalog-node';
import {
  CatalogProbe,
  catalogProbeModule,
  eventually,
  getRegistryEntities,
  relationsOf,
} from '../__testUtils__/catalogProbe';
import { catalogModuleModelKit } from '../module/catalogModuleModelKit';

// The demo portal's own app-config.yaml, loaded by the real config loader, with the real
// catalog and scheduler: the `demo` registry entry ingests the demo OCI image layout, and the
// entities match the hand-written examples/modelkits.yaml. Relative paths in the config are
// resolved against the working directory, which is two levels below the repository root here
// as in packages/backend.

const root = resolve(__dirname, '../../../..');

async function handWrittenModelKits(): Promise<Entity[]> {
  const data = await readFile(resolve(root, 'examples/modelkits.yaml'));
  const entities: Entity[] = [];
  for (const result of parseEntityYaml(data, {
    type: 'file',
    target: 'examples/modelkits.yaml',
  })) {
    if (result.type !== 'entity') {
      throw new Error(`examples/modelkits.yaml: ${JSON.stringify(result)}`);
    }
    entities.push(result.entity);
  }
  return entities;
}

/** An entity ref with its default kind and namespace filled in, for comparison. */
function fullRef(ref: string, defaultKind: string): string {
  const { kind, namespace, name } = parseEntityRef(ref, {
    defaultKind,
    defaultNamespace: 'default',
  });
  return `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');
}

describe('the demo portal configuration', () => {
  let backend: TestBackend;
  const probe: CatalogProbe = {};

  let previousCwd: string;

  beforeAll(async () => {
    // app-config.yaml's relative paths are relative to the backend package, where the
    // portal runs; the test runner may start anywhere in the repository.
    previousCwd = process.cwd();
    process.chdir(resolve(root, 'packages/backend'));
    backend = await startTestBackend({
      features: [
        rootConfigServiceFactory({
          argv: ['--config', resolve(root, 'app-config.yaml')],
          watch: false,
        }),
        // The portal enables permissions with the allow-all policy.
        mockServices.permissions.factory({ result: 'ALLOW' } as Parameters<
          typeof mockServices.permissions.factory
        >[0]),
        schedulerServiceFactory,
        catalogPlugin,
        catalogModuleModelKit,
        catalogProbeModule(probe),
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    process.chdir(previousCwd);
  }, 60_000);

  it('ingests the demo layout on schedule as the ModelKits of examples/modelkits.yaml', async () => {
    const expected = await handWrittenModelKits();
    const ingested = await eventually(
      'the scheduled sync of the demo layout',
      async () => {
        const found = await getRegistryEntities(backend, 'demo');
        const fineTune = found.get('support-sentiment');
        return found.size === expected.length &&
          relationsOf(fineTune).includes(
            'partOf system:default/customer-insights',
          )
          ? found
          : undefined;
      },
      90_000,
    );
    expect(probe.status!.get('demo')!.lastRun).toMatchObject({
      outcome: 'success',
      counts: { included: 6, ingested: 6, skipped: 0, failed: 0 },
    });

    expect([...ingested.keys()].sort()).toEqual(
      expected.map(e => e.metadata.name).sort(),
    );
    for (const want of expected) {
      const got = ingested.get(want.metadata.name)!;
      const spec = want.spec as Record<string, any>;
      expect({
        name: got.metadata.name,
        description: got.metadata.description,
        type: got.spec!.type,
        owner: fullRef(got.spec!.owner as string, 'Group'),
        lifecycle: got.spec!.lifecycle,
        system: fullRef(got.spec!.system as string, 'System'),
        repository: got.spec!.repository,
        framework: got.spec!.framework,
        license: got.spec!.license,
        baseModel:
          got.spec!.baseModel &&
          fullRef(got.spec!.baseModel as string, 'ModelKit'),
        datasets: ((got.spec!.datasets as string[]) ?? [])
          .map(d => fullRef(d, 'ModelKit'))
          .sort(),
      }).toEqual({
        name: want.metadata.name,
        description: want.metadata.description,
        type: spec.type,
        owner: fullRef(spec.owner, 'Group'),
        lifecycle: spec.lifecycle,
        system: fullRef(spec.system, 'System'),
        repository: spec.repository,
        framework: spec.framework,
        license: spec.license,
        baseModel: spec.baseModel && fullRef(spec.baseModel, 'ModelKit'),
        datasets: ((spec.datasets as string[]) ?? [])
          .map(d => fullRef(d, 'ModelKit'))
          .sort(),
      });
      expect(got.metadata.annotations).toMatchObject({
        'kitstage.dev/repository': spec.repository,
      });
    }

    // What the end-to-end test of the portal checks: the page heading, and the base model
    // link (which shows the base model's title).
    const fineTune = ingested.get('support-sentiment')!;
    expect(fineTune.metadata.title).toMatch(/Support sentiment/);
    expect(ingested.get('sentiment-base')!.metadata.title).toBe(
      'Sentiment base model',
    );
    expect(ingested.get('support-tickets')!.metadata.title).toBe(
      'Support tickets dataset',
    );
    expect(relationsOf(fineTune)).toEqual(
      expect.arrayContaining([
        'dependsOn modelkit:default/sentiment-base',
        'dependsOn modelkit:default/support-tickets',
        'ownedBy group:default/nlp-team',
        'partOf system:default/customer-insights',
      ]),
    );
  }, 120_000);
});
