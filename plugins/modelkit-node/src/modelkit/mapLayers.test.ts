import { Kitfile } from '@kitstage/plugin-modelkit-common';
import { OciDescriptor } from '../registry/types';
import { mapModelKitLayers } from './mapLayers';

const digest = (n: number) => `sha256:${String(n).repeat(64).slice(0, 64)}`;
const layer = (
  type: string,
  n: number,
  annotations?: Record<string, string>,
): OciDescriptor => ({
  mediaType: `application/vnd.kitops.modelkit.${type}.v1.tar+gzip`,
  digest: digest(n),
  size: n * 100,
  ...(annotations ? { annotations } : {}),
});

describe('mapModelKitLayers', () => {
  it('pairs layers with Kitfile entries by order within each kind, as kit unpack does', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      model: {
        name: 'fine-tune',
        // A base model reference has no layer.
        path: 'registry.example.com/team/base:v1',
        parts: [{ name: 'adapter', path: 'adapter.safetensors' }],
      },
      code: [{ path: 'src/' }],
      prompts: [{ path: 'prompts/system.md' }],
      datasets: [
        {
          name: 'remote',
          path: 'data/remote',
          remotePath: 'registry.example.com/team/data:v1',
        },
        { name: 'train', path: 'data/train.csv' },
        { name: 'eval', path: 'data/eval.csv' },
      ],
      docs: [{ path: 'README.md' }],
      mcpServers: [{ name: 'files', path: 'files.mcpb' }],
    };
    const layers = [
      layer('modelpart', 1),
      layer('code', 2),
      layer('code', 3, { 'ml.kitops.modelkit.layer-subtype': 'prompt' }),
      layer('dataset', 4),
      layer('dataset', 5),
      layer('docs', 6),
      {
        mediaType: 'application/vnd.kitops.modelkit.mcpb.v1.raw',
        digest: digest(7),
        size: 700,
      },
      {
        mediaType: 'application/vnd.example.other',
        digest: digest(8),
        size: 800,
      },
    ];
    expect(
      mapModelKitLayers(layers, kitfile).map(l => [
        l.kind,
        l.path,
        l.name,
        l.compression,
      ]),
    ).toEqual([
      ['model-part', 'adapter.safetensors', 'adapter', 'gzip'],
      ['code', 'src/', undefined, 'gzip'],
      ['prompt', 'prompts/system.md', undefined, 'gzip'],
      ['dataset', 'data/train.csv', 'train', 'gzip'],
      ['dataset', 'data/eval.csv', 'eval', 'gzip'],
      ['docs', 'README.md', undefined, 'gzip'],
      ['mcp-server', 'files.mcpb', 'files', 'none'],
      ['unknown', undefined, undefined, 'none'],
    ]);
  });

  it('prefers the layer digest a Kitfile entry records over the order', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      datasets: [
        { name: 'a', path: 'a.csv', digest: digest(2) },
        { name: 'b', path: 'b.csv', digest: digest(1) },
      ],
    };
    const mapped = mapModelKitLayers(
      [layer('dataset', 1), layer('dataset', 2)],
      kitfile,
    );
    expect(mapped.map(l => l.name)).toEqual(['b', 'a']);
  });

  it('leaves a layer unnamed rather than pair it with an entry that records another layer', () => {
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      docs: [{ path: 'README.md', digest: digest(9) }],
    };
    const [mapped] = mapModelKitLayers([layer('docs', 1)], kitfile);
    expect(mapped).toEqual({
      kind: 'docs',
      mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
      digest: digest(1),
      size: 100,
      compression: 'gzip',
    });
  });

  it('uses the ModelPack file path annotation, and matches entries by it', () => {
    const filepath = (path: string) => ({ 'org.cncf.model.filepath': path });
    const kitfile: Kitfile = {
      manifestVersion: '1.0.0',
      model: {
        name: 'pack',
        path: 'model.gguf',
        parts: [
          { name: 'tok', path: './tokenizer.json' },
          { name: 'cfg', path: 'config.json' },
        ],
      },
    };
    const layers: OciDescriptor[] = [
      {
        mediaType: 'application/vnd.cncf.model.weight.v1.raw',
        digest: digest(1),
        size: 1,
        annotations: filepath('model.gguf'),
      },
      {
        mediaType: 'application/vnd.cncf.model.weight.config.v1.raw',
        digest: digest(2),
        size: 2,
        annotations: filepath('config.json'),
      },
      {
        mediaType: 'application/vnd.cncf.model.weight.config.v1.raw',
        digest: digest(3),
        size: 3,
        annotations: filepath('tokenizer.json'),
      },
      {
        mediaType: 'application/vnd.cncf.model.doc.v1.tar+zstd',
        digest: digest(4),
        size: 4,
        annotations: filepath('LICENSE'),
      },
    ];
    expect(
      mapModelKitLayers(layers, kitfile).map(l => [
        l.kind,
        l.path,
        l.name,
        l.compression,
      ]),
    ).toEqual([
      ['model', 'model.gguf', 'pack', 'none'],
      ['model-part', 'config.json', 'cfg', 'none'],
      ['model-part', './tokenizer.json', 'tok', 'none'],
      ['docs', 'LICENSE', undefined, 'zstd'],
    ]);
  });
});
