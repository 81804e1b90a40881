import {
  ModelKitLayer,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import { diffModelKitVersions } from './diffModelKitVersions';

const digest = (c: string) => `sha256:${c.repeat(64)}`;
const layer = (
  kind: ModelKitLayer['kind'],
  path: string | undefined,
  d: string,
  size: number,
): ModelKitLayer => ({
  kind,
  ...(path !== undefined ? { path } : {}),
  mediaType: `application/vnd.kitops.modelkit.${kind}.v1.tar+gzip`,
  digest: digest(d),
  size,
  compression: 'gzip',
});

function version(
  reference: string,
  manifest: string,
  config: string,
  kitfile: ModelKitVersion['kitfile'],
  layers: ModelKitLayer[],
  annotations: Record<string, string>,
): ModelKitVersion {
  const configSize = 500;
  return {
    repository: 'registry.example.com/team/sentiment',
    reference,
    digest: digest(manifest),
    tags: [reference],
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    format: 'kitops',
    size: configSize + layers.reduce((t, l) => t + l.size, 0),
    config: {
      mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
      digest: digest(config),
      size: configSize,
    },
    kitfile,
    layers,
    annotations,
    commands: { pull: '', unpack: '', inspect: '' },
  };
}

describe('diffModelKitVersions', () => {
  const from = version(
    'v1.0.0',
    'a',
    'c',
    {
      manifestVersion: '1.0.0',
      package: { name: 'sentiment', version: '1.0.0', authors: ['Ann'] },
      model: {
        name: 'sentiment',
        path: 'model.safetensors',
        framework: 'transformers',
        parameters: { lr: 0.001, digest: 'kept in parameters' },
        digest: digest('1'),
        diffId: digest('e'),
      },
      datasets: [
        { name: 'train', path: 'data/train.csv', digest: digest('2') },
        { name: 'eval', path: 'data/eval.csv', digest: digest('3') },
      ],
      docs: [{ path: 'README.md', digest: digest('4') }],
    },
    [
      layer('model', 'model.safetensors', '1', 4000),
      layer('dataset', 'data/train.csv', '2', 1000),
      layer('dataset', 'data/eval.csv', '3', 300),
      layer('docs', 'README.md', '4', 200),
      layer('code', undefined, '5', 50),
    ],
    { 'org.opencontainers.image.created': '2026-01-01T00:00:00Z', team: 'nlp' },
  );
  const to = version(
    'v2.0.0',
    'b',
    'd',
    {
      manifestVersion: '1.0.0',
      package: { name: 'sentiment', version: '2.0.0', authors: ['Ann', 'Bo'] },
      model: {
        name: 'sentiment',
        path: 'model.safetensors',
        framework: 'transformers',
        parameters: { lr: 0.0005, digest: 'kept in parameters' },
        digest: digest('6'),
        diffId: digest('f'),
      },
      datasets: [
        { name: 'train', path: 'data/train.csv', digest: digest('7') },
      ],
      docs: [{ path: 'README.md', digest: digest('4') }],
      code: [{ path: 'serve.py', digest: digest('8') }],
    },
    [
      layer('model', 'model.safetensors', '6', 4500),
      layer('dataset', 'data/train.csv', '7', 1200),
      layer('docs', 'README.md', '4', 200),
      layer('code', 'serve.py', '8', 80),
    ],
    {
      'org.opencontainers.image.created': '2026-02-01T00:00:00Z',
      owner: 'nlp',
    },
  );

  it('reports Kitfile fields, parts, annotations and sizes that changed', () => {
    expect(diffModelKitVersions(from, to)).toEqual({
      repository: 'registry.example.com/team/sentiment',
      from: { reference: 'v1.0.0', digest: digest('a'), size: 6050 },
      to: { reference: 'v2.0.0', digest: digest('b'), size: 6480 },
      identical: false,
      sameConfig: false,
      kitfile: [
        {
          path: 'package.version',
          change: 'changed',
          from: '1.0.0',
          to: '2.0.0',
        },
        { path: 'package.authors[1]', change: 'added', to: 'Bo' },
        {
          path: 'model.parameters.lr',
          change: 'changed',
          from: 0.001,
          to: 0.0005,
        },
        {
          path: 'datasets[1]',
          change: 'removed',
          from: { name: 'eval', path: 'data/eval.csv' },
        },
        { path: 'code', change: 'added', to: [{ path: 'serve.py' }] },
      ],
      parts: [
        {
          kind: 'model',
          path: 'model.safetensors',
          change: 'changed',
          from: {
            mediaType: 'application/vnd.kitops.modelkit.model.v1.tar+gzip',
            digest: digest('1'),
            size: 4000,
          },
          to: {
            mediaType: 'application/vnd.kitops.modelkit.model.v1.tar+gzip',
            digest: digest('6'),
            size: 4500,
          },
          sizeDelta: 500,
        },
        {
          kind: 'dataset',
          path: 'data/train.csv',
          change: 'changed',
          from: {
            mediaType: 'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
            digest: digest('2'),
            size: 1000,
          },
          to: {
            mediaType: 'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
            digest: digest('7'),
            size: 1200,
          },
          sizeDelta: 200,
        },
        {
          kind: 'docs',
          path: 'README.md',
          change: 'unchanged',
          from: {
            mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
            digest: digest('4'),
            size: 200,
          },
          to: {
            mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
            digest: digest('4'),
            size: 200,
          },
          sizeDelta: 0,
        },
        {
          kind: 'code',
          path: 'serve.py',
          change: 'added',
          to: {
            mediaType: 'application/vnd.kitops.modelkit.code.v1.tar+gzip',
            digest: digest('8'),
            size: 80,
          },
          sizeDelta: 80,
        },
        {
          kind: 'dataset',
          path: 'data/eval.csv',
          change: 'removed',
          from: {
            mediaType: 'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
            digest: digest('3'),
            size: 300,
          },
          sizeDelta: -300,
        },
        {
          kind: 'code',
          change: 'removed',
          from: {
            mediaType: 'application/vnd.kitops.modelkit.code.v1.tar+gzip',
            digest: digest('5'),
            size: 50,
          },
          sizeDelta: -50,
        },
      ],
      annotations: [
        {
          key: 'org.opencontainers.image.created',
          change: 'changed',
          from: '2026-01-01T00:00:00Z',
          to: '2026-02-01T00:00:00Z',
        },
        { key: 'owner', change: 'added', to: 'nlp' },
        { key: 'team', change: 'removed', from: 'nlp' },
      ],
      sizeDelta: 430,
    });
  });

  it('reports nothing but unchanged parts for the same version under two tags', () => {
    const same = diffModelKitVersions(from, { ...from, reference: 'latest' });
    expect(same).toMatchObject({
      identical: true,
      sameConfig: true,
      kitfile: [],
      annotations: [],
      sizeDelta: 0,
    });
    expect(same.parts.map(p => p.change)).toEqual(Array(5).fill('unchanged'));
  });

  it('matches parts without a path by digest', () => {
    const a = {
      ...from,
      layers: [
        layer('code', undefined, '5', 50),
        layer('code', undefined, '9', 70),
      ],
    };
    const b = { ...from, layers: [layer('code', undefined, '9', 70)] };
    expect(
      diffModelKitVersions(a, b).parts.map(p => [p.change, p.sizeDelta]),
    ).toEqual([
      ['unchanged', 0],
      ['removed', -50],
    ]);
  });
});
