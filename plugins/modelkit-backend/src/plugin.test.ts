import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestArtifact } from '@kitstage/plugin-modelkit-node/testUtils';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ApiTestBackend,
  DEMO_HOST,
  DEMO_LAYOUT,
  sizeOf,
  startApiTestBackend,
} from './__testUtils__/startApiTestBackend';
import { eventually } from './__testUtils__/eventually';

// The real catalog, permission backend and modelkit plugin in one test backend, reading
// ModelKits from a real docker-registry and from the demo image layout of the repository.

jest.setTimeout(180_000);

const VERSIONS = '/api/modelkit/modelkits/default/sentiment/versions';

describe('the modelkit backend API', () => {
  let api: ApiTestBackend;

  beforeAll(async () => {
    api = await startApiTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  const repository = () => `${api.main.host}/team/sentiment`;
  const descriptor = (artifact: TestArtifact, index: number) => {
    const layer = (
      artifact.manifest.layers as Array<{
        mediaType: string;
        digest: string;
        size: number;
      }>
    )[index];
    return {
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
    };
  };

  describe('GET /modelkits/:namespace/:name/versions', () => {
    it('lists versions newest first, with their tags, digests, sizes and creation times', async () => {
      const { v1, v11, v2, image } = api.artifacts;
      const response = await api.get(VERSIONS);

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        repository: repository(),
        items: [
          {
            digest: v2.digest,
            tags: ['latest', 'v2.0.0'],
            created: '2026-03-10T08:00:00.000Z',
            size: sizeOf(v2),
            version: '2.0.0',
          },
          {
            digest: v11.digest,
            tags: ['v1.1.0'],
            created: '2026-02-10T08:00:00.000Z',
            size: sizeOf(v11),
            version: '1.1.0',
          },
          {
            digest: v1.digest,
            tags: ['v1.0.0'],
            created: '2026-01-10T08:00:00.000Z',
            size: sizeOf(v1),
            version: '1.0.0',
          },
        ],
        skipped: [
          {
            tag: 'runtime',
            digest: image.digest,
            reason: expect.stringContaining('container image'),
          },
        ],
        truncated: false,
      });
    });

    it('pages with the cursor of the previous page', async () => {
      const { v1, v11, v2 } = api.artifacts;
      const first = await api.get(`${VERSIONS}?limit=2`);
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: { digest: string }) => i.digest)).toEqual(
        [v2.digest, v11.digest],
      );
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await api.get(
        `${VERSIONS}?limit=2&cursor=${encodeURIComponent(
          first.body.nextCursor,
        )}`,
      );
      expect(second.status).toBe(200);
      expect(
        second.body.items.map((i: { digest: string }) => i.digest),
      ).toEqual([v1.digest]);
      expect(second.body).not.toHaveProperty('nextCursor');
    });
  });

  describe('GET /modelkits/:namespace/:name/versions/:reference', () => {
    it('reads a version by tag: Kitfile, layers, annotations, every tag and kit commands', async () => {
      const { v2 } = api.artifacts;
      const response = await api.get(`${VERSIONS}/latest`);
      const manifest = v2.manifest as {
        config: { mediaType: string; digest: string; size: number };
        annotations: Record<string, string>;
      };

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        repository: repository(),
        reference: 'latest',
        digest: v2.digest,
        tags: ['latest', 'v2.0.0'],
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        format: 'kitops',
        created: '2026-03-10T08:00:00.000Z',
        size: sizeOf(v2),
        config: manifest.config,
        // The config blob is the Kitfile, as kit pack writes it.
        kitfile: JSON.parse(v2.blobs[0].toString('utf8')),
        layers: [
          {
            kind: 'model',
            path: 'model/weights.safetensors',
            name: 'sentiment',
            compression: 'gzip',
            ...descriptor(v2, 0),
          },
          {
            kind: 'model-part',
            path: 'model/adapter.safetensors',
            name: 'adapter',
            compression: 'gzip',
            ...descriptor(v2, 1),
          },
          {
            kind: 'code',
            path: 'inference.py',
            compression: 'gzip',
            ...descriptor(v2, 2),
          },
          {
            kind: 'dataset',
            path: 'data/eval.csv',
            name: 'eval',
            compression: 'gzip',
            ...descriptor(v2, 3),
          },
          {
            kind: 'dataset',
            path: 'data/extra.csv',
            name: 'extra',
            compression: 'gzip',
            ...descriptor(v2, 4),
          },
          {
            kind: 'docs',
            path: 'README.md',
            compression: 'gzip',
            ...descriptor(v2, 5),
          },
        ],
        annotations: manifest.annotations,
        commands: {
          pull: `kit pull ${repository()}:latest`,
          unpack: `kit unpack ${repository()}:latest -d sentiment`,
          inspect: `kit inspect --remote ${repository()}:latest`,
        },
      });
      expect(response.body.annotations).toEqual({
        'ml.kitops.modelkit.cli-version': '1.8.0',
        'org.opencontainers.image.created': '2026-03-10T08:00:00Z',
      });
    });

    it('reads a version by digest, with the tags that point at it', async () => {
      const { v2 } = api.artifacts;
      const response = await api.get(
        `${VERSIONS}/${encodeURIComponent(v2.digest)}`,
      );

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        reference: v2.digest,
        digest: v2.digest,
        tags: ['latest', 'v2.0.0'],
        size: sizeOf(v2),
        commands: {
          pull: `kit pull ${repository()}@${v2.digest}`,
        },
      });
      expect(response.body.layers).toHaveLength(6);
    });
  });

  describe('GET /modelkits/:namespace/:name/diff', () => {
    it('reports Kitfile, part, annotation and size changes between two versions', async () => {
      const { v1, v2 } = api.artifacts;
      const response = await api.get(
        '/api/modelkit/modelkits/default/sentiment/diff?from=v1.0.0&to=latest',
      );
      const part = (
        kind: string,
        path: string,
        index: { from?: number; to?: number },
        change: string,
      ) => {
        const from =
          index.from === undefined ? undefined : descriptor(v1, index.from);
        const to =
          index.to === undefined ? undefined : descriptor(v2, index.to);
        return {
          kind,
          path,
          change,
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
          sizeDelta: (to?.size ?? 0) - (from?.size ?? 0),
        };
      };

      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        repository: repository(),
        from: { reference: 'v1.0.0', digest: v1.digest, size: sizeOf(v1) },
        to: { reference: 'latest', digest: v2.digest, size: sizeOf(v2) },
        identical: false,
        sameConfig: false,
        kitfile: [
          {
            path: 'package.version',
            change: 'changed',
            from: '1.0.0',
            to: '2.0.0',
          },
          {
            path: 'datasets[1]',
            change: 'added',
            to: { name: 'extra', path: 'data/extra.csv' },
          },
        ],
        annotations: [
          {
            key: 'org.opencontainers.image.created',
            change: 'changed',
            from: '2026-01-10T08:00:00Z',
            to: '2026-03-10T08:00:00Z',
          },
        ],
        parts: [
          part(
            'model',
            'model/weights.safetensors',
            { from: 0, to: 0 },
            'unchanged',
          ),
          part(
            'model-part',
            'model/adapter.safetensors',
            { from: 1, to: 1 },
            'changed',
          ),
          part('code', 'inference.py', { from: 2, to: 2 }, 'unchanged'),
          part('dataset', 'data/eval.csv', { from: 3, to: 3 }, 'unchanged'),
          part('dataset', 'data/extra.csv', { to: 4 }, 'added'),
          part('docs', 'README.md', { from: 4, to: 5 }, 'changed'),
        ],
        sizeDelta: sizeOf(v2) - sizeOf(v1),
      });
      // Same content, same layer: the weights and the code did not change.
      expect(descriptor(v1, 0).digest).toBe(descriptor(v2, 0).digest);
    });

    it('finds two references to the same version identical', async () => {
      const response = await api.get(
        '/api/modelkit/modelkits/default/sentiment/diff?from=v2.0.0&to=latest',
      );
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        identical: true,
        sameConfig: true,
        kitfile: [],
        annotations: [],
        sizeDelta: 0,
      });
      expect(
        response.body.parts.map((p: { change: string }) => p.change),
      ).toEqual(Array(6).fill('unchanged'));
    });
  });

  describe('the demo image layout (examples/oci-layout)', () => {
    it('serves the versions of a demo ModelKit from the layout', async () => {
      // The oracle: the layout's own index.json and manifests, read directly.
      const index = JSON.parse(
        await readFile(join(DEMO_LAYOUT, 'index.json'), 'utf8'),
      ) as {
        manifests: Array<{
          digest: string;
          annotations?: Record<string, string>;
        }>;
      };
      const prefix = `${DEMO_HOST}/kitstage-demo/fraud-detector:`;
      const tagsByDigest = new Map<string, string[]>();
      for (const entry of index.manifests) {
        // Attestations are stored as untagged referrers, with no ref name.
        const name = entry.annotations?.['org.opencontainers.image.ref.name'];
        if (name?.startsWith(prefix)) {
          tagsByDigest.set(entry.digest, [
            ...(tagsByDigest.get(entry.digest) ?? []),
            name.slice(prefix.length),
          ]);
        }
      }
      const expected = await Promise.all(
        [...tagsByDigest].map(async ([digest, tags]) => {
          const manifest = JSON.parse(
            await readFile(
              join(DEMO_LAYOUT, 'blobs', 'sha256', digest.slice(7)),
              'utf8',
            ),
          );
          const config = JSON.parse(
            await readFile(
              join(
                DEMO_LAYOUT,
                'blobs',
                'sha256',
                manifest.config.digest.slice(7),
              ),
              'utf8',
            ),
          );
          return {
            digest,
            // latest first, then the highest version
            tags: [...tags].sort(
              (a, b) =>
                Number(b === 'latest') - Number(a === 'latest') ||
                b.localeCompare(a),
            ),
            created: new Date(
              manifest.annotations['org.opencontainers.image.created'],
            ).toISOString(),
            size:
              manifest.config.size +
              manifest.layers.reduce(
                (t: number, l: { size: number }) => t + l.size,
                0,
              ),
            version: config.package.version,
          };
        }),
      );
      expected.sort((a, b) => b.created.localeCompare(a.created));
      expect(expected).toHaveLength(3);

      const response = await api.get(
        '/api/modelkit/modelkits/default/fraud-detector/versions',
      );
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        repository: `${DEMO_HOST}/kitstage-demo/fraud-detector`,
        items: expected,
        skipped: [],
        truncated: false,
      });

      const version = await api.get(
        '/api/modelkit/modelkits/default/fraud-detector/versions/latest',
      );
      expect(version.status).toBe(200);
      expect(version.body).toMatchObject({
        digest: expected[0].digest,
        tags: expected[0].tags,
        kitfile: { package: { name: 'fraud-detector' } },
      });
    });
  });

  it('stops reading the registry when the client goes away', async () => {
    // The registry never answers this tag list; the backend would wait for its request
    // timeout (30 s) if the client's disconnection did not abort the read.
    const path = '/api/modelkit/modelkits/default/slow/versions';
    const client = request(api.backend.server).get(path);
    client.set('authorization', mockCredentials.user.header()).then(
      () => undefined,
      () => undefined,
    );
    await eventually(
      'the tag list request',
      async () =>
        api.liar.requests.some(r => r.url.startsWith('/v2/team/slow/tags/list'))
          ? true
          : undefined,
      10_000,
    );
    expect(api.slowRequestsClosed()).toBe(0);

    client.abort();
    await eventually(
      'the registry request to be aborted',
      async () => (api.slowRequestsClosed() === 1 ? true : undefined),
      5_000,
    );
  });

  it('answers /health without credentials', async () => {
    const response = await api.get('/api/modelkit/health', 'none');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });
});
