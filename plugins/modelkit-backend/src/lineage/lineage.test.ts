import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import type {
  ComponentLineageResponse,
  ModelKitLineageResponse,
  ModelKitModelCardResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  buildTestModelKit,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { modelkitPlugin } from '../plugin';

jest.setTimeout(120_000);

const sha256 = (data: Buffer) =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`;

/** A ustar archive of regular files, written by hand so that any name can be tried. */
function tarOf(entries: Array<{ name: string; content: string }>): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const content = Buffer.from(entry.content);
    const header = Buffer.alloc(512);
    const field = (offset: number, length: number, value: string) =>
      header.write(value, offset, length, 'latin1');
    field(0, 100, entry.name);
    field(100, 8, '0000644\0');
    field(108, 8, '0000000\0');
    field(116, 8, '0000000\0');
    field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
    field(136, 12, '00000000000\0');
    field(148, 8, '        ');
    field(156, 1, '0');
    field(257, 8, 'ustar\u000000');
    let sum = 0;
    for (const byte of header) sum += byte;
    field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
    blocks.push(header, content);
    blocks.push(Buffer.alloc((512 - (content.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/** The artifact with its docs layer replaced by other bytes (the manifest names their digest). */
function withDocsLayer(artifact: TestArtifact, blob: Buffer): TestArtifact {
  const manifest = structuredClone(artifact.manifest) as {
    layers: Array<{ mediaType: string; digest: string; size: number }>;
  };
  const index = manifest.layers.findIndex(l => l.mediaType.includes('.docs.'));
  const old = manifest.layers[index].digest;
  manifest.layers[index] = {
    ...manifest.layers[index],
    digest: sha256(blob),
    size: blob.length,
  };
  const raw = JSON.stringify(manifest);
  return {
    ...artifact,
    manifest,
    raw,
    digest: sha256(Buffer.from(raw)),
    size: Buffer.byteLength(raw),
    blobs: [...artifact.blobs.filter(b => sha256(b) !== old), blob],
  };
}

describe('lineage and model card routes', () => {
  let registry: TestRegistry;
  let backend: TestBackend;
  let host: string;
  let layoutDir: string;
  const huge = `# Huge\n${'x'.repeat(300 * 1024)}`;

  const get = (path: string) =>
    request(backend.server)
      .get(path)
      .set('authorization', mockCredentials.user.header('user:default/reader'));

  beforeAll(async () => {
    registry = await startTestRegistry();
    host = registry.host;
    const kit = (
      name: string,
      extra: Record<string, unknown>,
      files?: Record<string, string>,
    ) =>
      buildTestModelKit({
        kitfile: {
          package: {
            name,
            version: '1.0.0',
            description: `The ${name} ModelKit`,
            authors: ['NLP team'],
          },
          model: { path: 'model.bin', framework: 'transformers' },
          ...extra,
        },
        files,
      });
    const fineTune = await kit(
      'support-sentiment',
      {
        model: { path: `${host}/team/sentiment-base:v1.0.0` },
        datasets: [
          {
            name: 'tickets',
            path: 'data/tickets',
            remotePath: `${host}/team/support-tickets:v3`,
          },
        ],
        docs: [{ path: 'docs' }],
      },
      { docs: '' },
    );
    // The docs layer of the fine-tune: a directory with a model card and a README.
    const docs = gzipSync(
      tarOf([
        { name: 'docs/README.md', content: '# Readme' },
        { name: 'docs/MODEL_CARD.md', content: '# Support sentiment\n\nCard' },
      ]),
    );
    await registry.pusher.push(
      'team/support-sentiment',
      withDocsLayer(fineTune, docs),
      ['v1.0.0'],
    );
    await registry.pusher.push(
      'team/sentiment-base',
      await kit(
        'sentiment-base',
        { docs: [{ path: 'README.md' }] },
        {
          'README.md': '# Base',
        },
      ),
      ['v1.0.0'],
    );
    await registry.pusher.push(
      'team/support-tickets',
      await kit('support-tickets', {}),
      ['v3'],
    );

    const hostileBase = await kit(
      'hostile',
      { docs: [{ path: 'README.md' }] },
      { 'README.md': huge },
    );
    await registry.pusher.push('team/hostile', hostileBase, ['huge']);
    await registry.pusher.push(
      'team/hostile',
      withDocsLayer(
        hostileBase,
        tarOf([
          { name: '../../README.md', content: 'escaped' },
          { name: '/etc/model-card.md', content: 'absolute' },
        ]),
      ),
      ['traversal'],
    );
    await registry.pusher.push(
      'team/hostile',
      withDocsLayer(hostileBase, Buffer.alloc(2048, 'not a tar ')),
      ['junk'],
    );
    await registry.pusher.push(
      'team/hostile',
      await kit('plain', { model: { path: 'm.bin', description: 'A model' } }),
      ['nodocs'],
    );

    // An image layout whose docs layer file is not what its digest says.
    layoutDir = mkdtempSync(join(tmpdir(), 'kitstage-tampered-'));
    const tampered = await kit(
      'tampered',
      { docs: [{ path: 'README.md' }] },
      { 'README.md': '# Trust me' },
    );
    const tamperedManifest = tampered.manifest as {
      layers: Array<{ mediaType: string; digest: string }>;
    };
    const docsDigest = tamperedManifest.layers.find(l =>
      l.mediaType.includes('.docs.'),
    )!.digest;
    mkdirSync(join(layoutDir, 'blobs', 'sha256'), { recursive: true });
    const writeBlob = (digest: string, data: Buffer | string) =>
      writeFileSync(
        join(layoutDir, 'blobs', 'sha256', digest.slice('sha256:'.length)),
        data,
      );
    for (const blob of tampered.blobs) writeBlob(sha256(blob), blob);
    // Same size, one byte changed: only the digest tells.
    const evil = Buffer.from(
      tampered.blobs.find(b => sha256(b) === docsDigest)!,
    );
    evil[evil.length - 5] ^= 0xff;
    writeBlob(docsDigest, evil);
    writeBlob(tampered.digest, tampered.raw);
    writeFileSync(
      join(layoutDir, 'oci-layout'),
      JSON.stringify({ imageLayoutVersion: '1.0.0' }),
    );
    writeFileSync(
      join(layoutDir, 'index.json'),
      JSON.stringify({
        schemaVersion: 2,
        manifests: [
          {
            mediaType: tampered.mediaType,
            digest: tampered.digest,
            size: tampered.size,
            annotations: {
              'org.opencontainers.image.ref.name': 'team/tampered:v1',
            },
          },
        ],
      }),
    );

    const modelKit = (
      name: string,
      spec: Record<string, unknown> = {},
    ): Entity => ({
      apiVersion: 'kitstage.dev/v1alpha1',
      kind: 'ModelKit',
      metadata: { name },
      spec: {
        type: 'model',
        owner: 'group:nlp-team',
        lifecycle: 'production',
        repository: `${host}/team/${name}`,
        ...spec,
      },
    });
    const entities: Entity[] = [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'nlp-team' },
        spec: { type: 'team', children: [] },
      },
      modelKit('sentiment-base'),
      modelKit('support-tickets', { type: 'dataset' }),
      modelKit('support-sentiment', {
        baseModel: 'sentiment-base',
        datasets: ['support-tickets'],
      }),
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'support-sentiment-api',
          annotations: {
            'kitstage.dev/modelkit': `${host}/team/support-sentiment:v1.0.0`,
          },
        },
        spec: {
          type: 'service',
          owner: 'group:nlp-team',
          lifecycle: 'production',
        },
      },
      modelKit('loop-a', { baseModel: 'loop-b' }),
      modelKit('loop-b', { baseModel: 'loop-a' }),
      modelKit('orphan', { baseModel: 'ghost-base' }),
      modelKit('hostile'),
      modelKit('tampered', {
        repository: 'tampered.example.com/team/tampered',
      }),
    ];
    const dir = createMockDirectory();
    dir.setContent({
      'catalog-info.yaml': entities
        .map(e => JSON.stringify(e, null, 2))
        .join('\n---\n'),
    });
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            catalog: {
              rules: [{ allow: ['Group', 'Component', 'ModelKit'] }],
              locations: [
                { type: 'file', target: dir.resolve('catalog-info.yaml') },
              ],
            },
            kitstage: {
              // The file's ModelKits are trusted as if the registry provider emitted them.
              provenance: {
                trustedLocations: [`file:${dir.resolve('catalog-info.yaml')}`],
              },
              registries: [
                registry.configEntry('main', { ingest: false }),
                {
                  name: 'tampered',
                  type: 'oci-layout',
                  path: layoutDir,
                  host: 'tampered.example.com',
                  ingest: false,
                },
              ],
            },
          },
        }),
        catalogPlugin,
        catalogModuleModelKit,
        modelkitPlugin,
      ],
    });
    for (const entity of entities) {
      const ref = `${entity.kind}/default/${entity.metadata.name}`;
      await eventually(`${ref} with its relations`, async () => {
        const response = await get(`/api/catalog/entities/by-name/${ref}`);
        return response.status === 200 &&
          (entity.kind === 'Group' || response.body.relations?.length > 0)
          ? true
          : undefined;
      });
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await registry?.stop();
    if (layoutDir) rmSync(layoutDir, { recursive: true, force: true });
  });

  describe('GET /modelkits/:namespace/:name/lineage', () => {
    it('shows a fine-tune with its base model and dataset from catalog and Kitfile, and the serving Component', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?version=v1.0.0',
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitLineageResponse;
      expect(body.entityRef).toBe('modelkit:default/support-sentiment');
      expect(body.repository).toBe(`${host}/team/support-sentiment`);
      expect(body.version).toMatchObject({
        reference: 'v1.0.0',
        tags: ['v1.0.0'],
        version: '1.0.0',
      });
      expect(body.version!.digest).toMatch(/^sha256:/);
      expect(
        body.graph.nodes.map(n => [n.id, n.kind, n.depth, n.missing ?? false]),
      ).toEqual([
        ['modelkit:default/support-sentiment', 'fine-tune', 0, false],
        ['modelkit:default/support-tickets', 'dataset', -1, false],
        ['modelkit:default/sentiment-base', 'base-model', -1, false],
        ['component:default/support-sentiment-api', 'component', 1, false],
      ]);
      expect(
        body.graph.edges.map(e => [e.type, e.to, e.sources, e.version]),
      ).toEqual([
        [
          'served-by',
          'component:default/support-sentiment-api',
          ['catalog'],
          'v1.0.0',
        ],
        [
          'fine-tuned-from',
          'modelkit:default/sentiment-base',
          ['kitfile', 'catalog'],
          'v1.0.0',
        ],
        [
          'trained-on',
          'modelkit:default/support-tickets',
          ['kitfile', 'catalog'],
          'v3',
        ],
      ]);
      expect(body.graph.nodes[0].version).toBe('v1.0.0');
      // No clusters here: any deployment warning says so, nothing fails.
      expect(
        body.graph.warnings.every(w => w.code === 'deployments-unavailable'),
      ).toBe(true);
    });

    it('reads the newest version when none is given', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage',
      );
      expect(response.status).toBe(200);
      expect(response.body.version.reference).toBe('v1.0.0');
      expect(response.body.graph.edges).toHaveLength(3);
    });

    it('draws a cycle once and reports it', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/loop-a/lineage',
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitLineageResponse;
      expect(body.graph.nodes.map(n => n.id)).toEqual([
        'modelkit:default/loop-a',
        'modelkit:default/loop-b',
      ]);
      expect(body.graph.cycles).toEqual([
        ['modelkit:default/loop-a', 'modelkit:default/loop-b'],
      ]);
      const codes = body.graph.warnings.map(w => w.code);
      expect(codes).toContain('cycle');
      // loop-a has no version in the registry.
      expect(codes).toContain('kitfile-unavailable');
    });

    it('marks a missing base model and warns instead of failing', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/orphan/lineage',
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitLineageResponse;
      expect(body.graph.nodes[1]).toMatchObject({
        id: 'modelkit:default/ghost-base',
        missing: true,
        kind: 'base-model',
      });
      expect(body.graph.warnings).toContainEqual(
        expect.objectContaining({
          code: 'missing-reference',
          field: 'spec.baseModel',
        }),
      );
    });

    it('answers 404 for an unknown version, 400 for a bad one or a bad depth, 401 without credentials', async () => {
      const unknown = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?version=v9',
      );
      expect(unknown.status).toBe(404);
      const bad = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?version=..%2Fx',
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toMatch(
        /^Invalid query: version: must be a tag/,
      );
      const depth = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?maxDepth=99',
      );
      expect(depth.status).toBe(400);
      expect(depth.body.error.message).toBe(
        'Invalid query: maxDepth must be given once, as an integer from 0 to 10',
      );
      const none = await request(backend.server)
        .get('/api/modelkit/modelkits/default/support-sentiment/lineage')
        .set('authorization', mockCredentials.none.header());
      expect(none.status).toBe(401);
      const missing = await get(
        '/api/modelkit/modelkits/default/nothing/lineage',
      );
      expect(missing.status).toBe(404);
    });

    it('limits the depth', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/support-sentiment/lineage?maxDepth=0',
      );
      expect(response.status).toBe(200);
      expect(response.body.graph.nodes).toHaveLength(1);
      expect(response.body.graph.nodes[0].hasMore).toBe(true);
    });
  });

  describe('GET /components/:namespace/:name/lineage', () => {
    it('shows the ModelKit a Component serves and its lineage upstream', async () => {
      const response = await get(
        '/api/modelkit/components/default/support-sentiment-api/lineage',
      );
      expect(response.status).toBe(200);
      const body = response.body as ComponentLineageResponse;
      expect(body.entityRef).toBe('component:default/support-sentiment-api');
      expect(body.graph.nodes.map(n => [n.id, n.depth])).toEqual([
        ['component:default/support-sentiment-api', 0],
        ['modelkit:default/support-tickets', -2],
        ['modelkit:default/sentiment-base', -2],
        ['modelkit:default/support-sentiment', -1],
      ]);
      const missing = await get(
        '/api/modelkit/components/default/nothing/lineage',
      );
      expect(missing.status).toBe(404);
    });
  });

  describe('GET /modelkits/:namespace/:name/versions/:version/model-card', () => {
    const card = async (name: string, version: string) => {
      const response = await get(
        `/api/modelkit/modelkits/default/${name}/versions/${version}/model-card`,
      );
      expect(response.status).toBe(200);
      return response.body as ModelKitModelCardResponse;
    };

    it('reads MODEL_CARD.md of the docs layer before README.md', async () => {
      const body = await card('support-sentiment', 'v1.0.0');
      expect(body).toMatchObject({
        reference: 'v1.0.0',
        markdown: '# Support sentiment\n\nCard',
        source: { type: 'docs-layer', path: 'docs/MODEL_CARD.md' },
        truncated: false,
        maxBytes: 262144,
        warnings: [],
      });
      expect(body.descriptions.package).toEqual({
        name: 'support-sentiment',
        version: '1.0.0',
        description: 'The support-sentiment ModelKit',
        authors: ['NLP team'],
      });
    });

    it('cuts a huge README at the byte cap and says so', async () => {
      const body = await card('hostile', 'huge');
      expect(body.source).toMatchObject({
        type: 'docs-layer',
        path: 'README.md',
      });
      expect(body.truncated).toBe(true);
      expect(Buffer.byteLength(body.markdown!)).toBe(262144);
      expect(body.markdown!.startsWith('# Huge\nxxx')).toBe(true);
    });

    it('skips path traversal names and falls back to the Kitfile', async () => {
      const body = await card('hostile', 'traversal');
      expect(body.markdown).toBeNull();
      expect(body.source).toEqual({ type: 'kitfile' });
      expect(body.warnings).toEqual([
        expect.stringMatching(
          /^The docs layer sha256:[0-9a-f]{64} has entries with unsafe names, which were skipped: "\.\.\/\.\.\/README\.md", "\/etc\/model-card\.md"$/,
        ),
      ]);
    });

    it('names a docs layer that is not a tar archive and falls back to the Kitfile', async () => {
      const body = await card('hostile', 'junk');
      expect(body.markdown).toBeNull();
      expect(body.source).toEqual({ type: 'kitfile' });
      expect(body.warnings).toEqual([
        expect.stringMatching(
          /^The docs layer sha256:[0-9a-f]{64} could not be read: the docs layer is not a tar archive \(Invalid tar header/,
        ),
      ]);
    });

    it('gives the Kitfile descriptions when there is no docs layer', async () => {
      const body = await card('hostile', 'nodocs');
      expect(body).toMatchObject({
        markdown: null,
        source: { type: 'kitfile' },
        truncated: false,
        warnings: [],
        descriptions: {
          model: { path: 'm.bin', description: 'A model' },
          datasets: [],
          docs: [],
        },
      });
    });

    it('answers 404 for an unknown tag and 400 for a malformed one', async () => {
      const unknown = await get(
        '/api/modelkit/modelkits/default/hostile/versions/nope/model-card',
      );
      expect(unknown.status).toBe(404);
      const bad = await get(
        '/api/modelkit/modelkits/default/hostile/versions/a%20b/model-card',
      );
      expect(bad.status).toBe(400);
    });

    it('refuses a docs layer whose bytes do not match its digest, instead of falling back', async () => {
      const response = await get(
        '/api/modelkit/modelkits/default/tampered/versions/v1/model-card',
      );
      expect(response.status).toBe(502);
      expect(response.body.error.name).toBe('BadGatewayError');
      expect(response.body.error.message).toMatch(/digest|hash/i);
      expect(response.body.error.message).not.toMatch(/bytes but/);
    });
  });
});
