import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { validateKitfile } from '@kitstage/plugin-modelkit-common';
import { extract } from 'tar-stream';
import { sha256Digest } from '../registry/digest';
import { modelkitRegistryServiceRef } from '../registry/modelkitRegistryServiceRef';
import { RegistryService } from '../registry/RegistryService';
import { findModelKitReferences } from '../modelkit/findModelKitReferences';
import { getModelKitVersion } from '../modelkit/readModelKitVersion';
import { listModelKitVersions } from '../modelkit/listModelKitVersions';
import { OciLayoutSource } from './OciLayoutSource';
import { temporaryDirectory } from './__fixtures__/writeTestLayout';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '../../../..');
const EXAMPLES = join(ROOT, 'examples');
const LAYOUT = join(EXAMPLES, 'oci-layout');
const HOST = 'registry.example.com';

jest.setTimeout(120_000);

async function filesBelow(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      out.push(
        ...(await filesBelow(join(dir, entry.name), `${prefix}${entry.name}/`)),
      );
    } else {
      out.push(`${prefix}${entry.name}`);
    }
  }
  return out.sort();
}

async function untar(gzipped: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const tar = extract();
  const done = new Promise<void>((resolveDone, reject) => {
    tar.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', chunk => {
        chunks.push(chunk as Buffer);
      });
      stream.on('end', () => {
        if (header.type === 'file') {
          files.set(header.name, Buffer.concat(chunks));
        }
        next();
      });
    });
    tar.on('finish', () => resolveDone());
    tar.on('error', reject);
  });
  tar.end(gunzipSync(gzipped));
  await done;
  return files;
}

/** What examples/modelkits.yaml says about lineage. */
const CATALOG_LINEAGE: Record<
  string,
  { baseModel?: string; datasets: string[] }
> = {
  'sentiment-base': { datasets: [] },
  'support-tickets': { datasets: [] },
  'product-reviews': { datasets: [] },
  'support-sentiment': {
    baseModel: 'sentiment-base',
    datasets: ['support-tickets'],
  },
  'review-sentiment': {
    baseModel: 'sentiment-base',
    datasets: ['product-reviews', 'support-tickets'],
  },
  'fraud-detector': { datasets: [] },
};

describe('the demo image layout in examples/oci-layout', () => {
  const source = new OciLayoutSource({
    name: 'demo',
    path: LAYOUT,
    host: HOST,
  });

  it('is exactly what the generator writes, and small', async () => {
    const { dir, remove } = await temporaryDirectory();
    try {
      // The generator runs as its README says, with tsx.
      await run(join(ROOT, 'node_modules', '.bin', 'tsx'), [
        join(EXAMPLES, 'demo-modelkits', 'build.ts'),
        dir,
      ]);
      const expected = await filesBelow(dir);
      expect(await filesBelow(LAYOUT)).toEqual(expected);
      let total = 0;
      for (const file of expected) {
        const committed = await readFile(join(LAYOUT, file));
        total += committed.length;
        expect({
          file,
          same: committed.equals(await readFile(join(dir, file))),
        }).toEqual({
          file,
          same: true,
        });
      }
      expect(total).toBeLessThan(512 * 1024);
    } finally {
      await remove();
    }
  });

  it('holds the repositories of examples/modelkits.yaml, with several versions and latest', async () => {
    const catalog = await readFile(join(EXAMPLES, 'modelkits.yaml'), 'utf8');
    const repositories = [...catalog.matchAll(/^\s+repository: (\S+)$/gm)]
      .map(m => m[1])
      .sort();
    expect(repositories).toHaveLength(6);
    const listed = (await source.listRepositories()).map(r => `${HOST}/${r}`);
    expect(listed).toEqual(repositories);
    for (const repository of await source.listRepositories()) {
      const { tags } = await source.listTags(repository);
      expect(tags.length).toBeGreaterThanOrEqual(4);
      expect(tags).toContain('latest');
    }
  });

  it('is read by skopeo, an independent OCI client', async () => {
    const index = JSON.parse(
      await readFile(join(LAYOUT, 'index.json'), 'utf8'),
    );
    // Untagged entries (attestations found as referrers of a version) have no name to ask for.
    for (const entry of index.manifests.filter(
      (e: { annotations?: Record<string, string> }) =>
        e.annotations?.['org.opencontainers.image.ref.name'],
    )) {
      const ref = entry.annotations['org.opencontainers.image.ref.name'];
      const { stdout } = await run(
        'skopeo',
        ['inspect', '--raw', `oci:${LAYOUT}:${ref}`],
        {
          encoding: 'buffer',
        },
      );
      expect({ ref, digest: sha256Digest(stdout) }).toEqual({
        ref,
        digest: entry.digest,
      });
    }
    // A copy reads and verifies every blob of the version.
    const { dir, remove } = await temporaryDirectory();
    try {
      await run('skopeo', [
        'copy',
        '--quiet',
        `oci:${LAYOUT}:${HOST}/kitstage-demo/review-sentiment:latest`,
        `dir:${dir}/copy`,
      ]);
      const manifest = JSON.parse(
        await readFile(join(dir, 'copy', 'manifest.json'), 'utf8'),
      );
      expect(manifest.config.mediaType).toBe(
        'application/vnd.kitops.modelkit.config.v1+json',
      );
    } finally {
      await remove();
    }
  });

  it('holds valid ModelKits whose lineage matches the catalog', async () => {
    for (const repository of await source.listRepositories()) {
      const name = repository.split('/')[1];
      const { items, skipped } = await listModelKitVersions(source, repository);
      expect(skipped).toEqual([]);
      expect(items.length).toBe(3);
      expect(items[0].tags).toEqual(['latest', `v${items[0].version}`]);
      for (const item of items) {
        const version = await getModelKitVersion(
          source,
          repository,
          item.digest,
        );
        expect(() => validateKitfile(version.kitfile)).not.toThrow();
        expect(version.kitfile.package?.name).toBe(name);
        expect(version.created).toBeDefined();
        for (const layer of version.layers) {
          expect(layer.kind).not.toBe('unknown');
          expect(layer.path).toBeDefined();
          expect(layer.compression).toBe('gzip');
        }
        const references = findModelKitReferences(version.kitfile);
        const lineage = CATALOG_LINEAGE[name];
        const named = (ref: { registry: string; repository: string }) => {
          expect(ref.registry).toBe(HOST);
          return ref.repository.replace('kitstage-demo/', '');
        };
        expect(
          references.baseModel && named(references.baseModel.reference),
        ).toBe(lineage.baseModel);
        expect(references.datasets.map(d => named(d.reference))).toEqual(
          lineage.datasets,
        );
        // Every referenced version exists in the layout.
        const referenced = [
          references.baseModel,
          ...references.datasets,
        ].filter(ref => ref !== undefined);
        for (const ref of referenced) {
          await expect(
            source.resolveTag(ref.reference.repository, ref.reference.tag!),
          ).resolves.toBeDefined();
        }
      }
    }
  });

  it('holds real model files', async () => {
    const version = await getModelKitVersion(
      source,
      'kitstage-demo/sentiment-base',
      'latest',
    );
    const model = version.layers.find(l => l.kind === 'model')!;
    const files = await untar(
      await source.getBlob('kitstage-demo/sentiment-base', model, {
        maxBytes: 1024 * 1024,
      }),
    );
    const weights = files.get('model/sentiment-base.safetensors')!;
    const headerLength = Number(weights.readBigUInt64LE(0));
    const header = JSON.parse(weights.subarray(8, 8 + headerLength).toString());
    const dataLength = weights.length - 8 - headerLength;
    expect(header['classifier.weight']).toEqual({
      dtype: 'F32',
      shape: [3, 12],
      data_offsets: expect.any(Array),
    });
    const ends = Object.entries(header)
      .filter(([key]) => key !== '__metadata__')
      .map(
        ([, value]) => (value as { data_offsets: number[] }).data_offsets[1],
      );
    expect(Math.max(...ends)).toBe(dataLength);

    const parts = version.layers.filter(l => l.kind === 'model-part');
    expect(parts.map(p => [p.name, p.path])).toEqual([
      ['tokenizer', 'model/tokenizer.json'],
      ['config', 'model/config.json'],
    ]);
    const tokenizer = await untar(
      await source.getBlob('kitstage-demo/sentiment-base', parts[0]),
    );
    expect(
      JSON.parse(tokenizer.get('model/tokenizer.json')!.toString()).model.type,
    ).toBe('WordLevel');
  });

  it('is served to plugins by the registry service from an oci-layout entry', async () => {
    let registry: RegistryService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'modelkit',
          register(env) {
            env.registerInit({
              deps: { service: modelkitRegistryServiceRef },
              async init({ service }) {
                registry = service;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({
          data: {
            kitstage: {
              registries: [
                { name: 'demo', type: 'oci-layout', path: LAYOUT, host: HOST },
              ],
            },
          },
        }),
      ],
    });
    try {
      const found = registry!.findSource(
        `${HOST}/kitstage-demo/support-sentiment`,
      );
      expect(found?.source.kind).toBe('oci-layout');
      expect(found?.repository).toBe('kitstage-demo/support-sentiment');
      const version = await getModelKitVersion(
        found!.source,
        found!.repository,
        'v1.0.0',
      );
      expect(version.commands.pull).toBe(
        `kit pull ${HOST}/kitstage-demo/support-sentiment:v1.0.0`,
      );
    } finally {
      await backend.stop();
    }
  });
});
