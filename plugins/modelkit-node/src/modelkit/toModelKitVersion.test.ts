import { sha256Digest } from '../registry/digest';
import { OciManifestResult } from '../registry/types';
import { ModelKitError } from './ModelKitError';
import { toModelKitVersion } from './readModelKitVersion';

function input(
  configType: string,
  config: string,
  annotations: Record<string, string> = {},
) {
  const manifest = {
    schemaVersion: 2 as const,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: configType,
      digest: sha256Digest(config),
      size: Buffer.byteLength(config),
    },
    layers: [],
    annotations,
  };
  const raw = JSON.stringify(manifest);
  const result: OciManifestResult = {
    source: 'demo',
    repository: 'team/model',
    reference: 'v1',
    digest: sha256Digest(raw),
    mediaType: manifest.mediaType,
    size: raw.length,
    raw,
    kind: 'image',
    manifest,
  };
  return {
    source: 'demo',
    host: 'registry.example.com',
    repository: 'team/model',
    reference: 'v1',
    manifest: result,
    config: Buffer.from(config),
  };
}

const KITOPS = 'application/vnd.kitops.modelkit.config.v1+json';
const MODELPACK = 'application/vnd.cncf.model.config.v1+json';

function failure(fn: () => unknown): ModelKitError {
  try {
    fn();
  } catch (error) {
    if (ModelKitError.is(error)) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a ModelKitError');
}

describe('toModelKitVersion', () => {
  it('reads a minimal Kitfile and ignores a creation time that is not a date', () => {
    const version = toModelKitVersion(
      input(KITOPS, '{"manifestVersion":"1.0.0","package":{"name":"m"}}', {
        'org.opencontainers.image.created': 'yesterday',
      }),
    );
    expect(version.created).toBeUndefined();
    expect(version.kitfile).toEqual({
      manifestVersion: '1.0.0',
      package: { name: 'm' },
    });
    expect(version.layers).toEqual([]);
    expect(version.tags).toEqual(['v1']);
  });

  it('refuses a config that is not JSON', () => {
    const error = failure(() =>
      toModelKitVersion(input(KITOPS, 'manifestVersion: 1.0.0')),
    );
    expect(error.reason).toBe('invalid-config');
    expect(error.message).toMatch(
      /^ModelKit registry\.example\.com\/team\/model:v1 \(sha256:[a-f0-9]{64}\) from "demo": the config blob sha256:[a-f0-9]{64} is not valid JSON \(/,
    );
  });

  it('refuses a ModelPack config of the wrong shape, naming the field', () => {
    const error = failure(() =>
      toModelKitVersion(input(MODELPACK, '{"descriptor":{"licenses":"MIT"}}')),
    );
    expect(error.reason).toBe('invalid-config');
    expect(error.message).toMatch(
      /the ModelPack config blob sha256:[a-f0-9]{64} is not valid: descriptor\.licenses: /,
    );
  });

  it('refuses a Kitfile annotation that is not JSON or not a Kitfile', () => {
    const notJson = failure(() =>
      toModelKitVersion(
        input(MODELPACK, '{"descriptor":{}}', {
          'ml.kitops.modelkit.kitfile': '{',
        }),
      ),
    );
    expect(notJson.reason).toBe('invalid-kitfile');
    expect(notJson.message).toContain(
      'the ml.kitops.modelkit.kitfile annotation is not valid JSON',
    );
    const invalid = failure(() =>
      toModelKitVersion(
        input(MODELPACK, '{"descriptor":{}}', {
          'ml.kitops.modelkit.kitfile':
            '{"manifestVersion":"1.0.0","docs":[{"path":["x"]}]}',
        }),
      ),
    );
    expect(invalid.message).toContain(
      'the Kitfile in the ml.kitops.modelkit.kitfile annotation is not a valid Kitfile: docs[0].path: expected string, got array',
    );
  });

  it('refuses a config or Kitfile annotation with none of the Kitfile sections', () => {
    const config = failure(() =>
      toModelKitVersion(
        input(KITOPS, '{"architecture":"amd64","os":"linux","rootfs":{}}'),
      ),
    );
    expect(config.reason).toBe('invalid-kitfile');
    expect(config.message).toMatch(
      /: the config blob sha256:[a-f0-9]{64} is not a valid Kitfile: \(root\): not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: architecture, os, rootfs$/,
    );
    const onlyVersion = failure(() =>
      toModelKitVersion(input(KITOPS, '{"manifestVersion":"1.0.0"}')),
    );
    expect(onlyVersion.message).toMatch(/found keys: manifestVersion$/);
    const annotation = failure(() =>
      toModelKitVersion(
        input(MODELPACK, '{"descriptor":{}}', {
          'ml.kitops.modelkit.kitfile': '{"hello":"world"}',
        }),
      ),
    );
    expect(annotation.reason).toBe('invalid-kitfile');
    expect(annotation.message).toContain(
      'the Kitfile in the ml.kitops.modelkit.kitfile annotation is not a valid Kitfile: (root): not a Kitfile: it has none of package, model, code, datasets, docs, prompts; found keys: hello',
    );
  });

  it('refuses what is not a ModelKit', () => {
    const error = failure(() =>
      toModelKitVersion(
        input('application/vnd.oci.image.config.v1+json', '{}'),
      ),
    );
    expect(error.reason).toBe('not-a-modelkit');
    expect(error.message).toMatch(
      /: this is a container image, not a ModelKit$/,
    );
  });
});
