import {
  buildTestModelKit,
  TestKitfile,
} from '@kitstage/plugin-modelkit-node/testUtils';
import {
  modelKitEntityV1alpha1Validator,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import {
  OciImageManifest,
  toModelKitVersion,
} from '@kitstage/plugin-modelkit-node';
import { buildModelKitEntity } from './buildModelKitEntity';

async function versionOf(
  kitfile: TestKitfile,
  annotations?: Record<string, string>,
): Promise<ModelKitVersion> {
  const artifact = await buildTestModelKit({ kitfile, annotations });
  return toModelKitVersion({
    source: 'internal',
    host: 'registry.example.com',
    repository: 'team/support-sentiment',
    reference: 'v1',
    manifest: {
      source: 'internal',
      repository: 'team/support-sentiment',
      reference: 'v1',
      digest: artifact.digest,
      mediaType: artifact.mediaType,
      size: artifact.size,
      raw: artifact.raw,
      kind: 'image',
      manifest: artifact.manifest as unknown as OciImageManifest,
    },
    config: artifact.blobs[0],
  });
}

const base = {
  registry: 'internal',
  host: 'registry.example.com',
  repository: 'team/support-sentiment',
  name: 'support-sentiment',
  ownership: { owner: 'group:nlp-team', lifecycle: 'production' },
  lineage: { datasets: [] },
};

describe('buildModelKitEntity', () => {
  it('builds a valid ModelKit entity from the newest version', async () => {
    const version = await versionOf({
      package: {
        name: 'support-sentiment',
        version: '2.0.0',
        description: 'sentiment-base fine-tuned on support tickets',
        license: 'Apache-2.0',
      },
      model: {
        path: 'model/adapter.safetensors',
        framework: 'Transformers',
        format: 'safetensors',
      },
    });
    const entity = buildModelKitEntity({
      ...base,
      version,
      ownership: {
        owner: 'group:nlp-team',
        lifecycle: 'production',
        system: 'customer-insights',
      },
      lineage: {
        baseModel: 'modelkit:sentiment-base',
        datasets: ['modelkit:support-tickets'],
      },
    });
    expect(entity).toEqual({
      apiVersion: 'kitstage.dev/v1alpha1',
      kind: 'ModelKit',
      metadata: {
        name: 'support-sentiment',
        title: 'Support sentiment model',
        description: 'sentiment-base fine-tuned on support tickets',
        tags: ['transformers', 'safetensors'],
        annotations: {
          'backstage.io/managed-by-location':
            'modelkit-registry:internal/team/support-sentiment',
          'backstage.io/managed-by-origin-location':
            'modelkit-registry:internal',
          'backstage.io/source-location':
            'url:oci://registry.example.com/team/support-sentiment',
          'kitstage.dev/repository':
            'registry.example.com/team/support-sentiment',
          'kitstage.dev/latest-version': 'v1',
          'kitstage.dev/latest-digest': version.digest,
          'kitstage.dev/latest-size': String(version.size),
        },
      },
      spec: {
        type: 'model',
        owner: 'group:nlp-team',
        lifecycle: 'production',
        repository: 'registry.example.com/team/support-sentiment',
        framework: 'Transformers',
        license: 'Apache-2.0',
        baseModel: 'modelkit:sentiment-base',
        datasets: ['modelkit:support-tickets'],
        system: 'customer-insights',
      },
    });
    await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });

  it('prefers the OCI title and description annotations, and keeps names that are not slugs', async () => {
    const annotated = await versionOf(
      { package: { name: 'x', description: 'from the Kitfile' } },
      {
        'org.opencontainers.image.title': 'Support Sentiment (LoRA)',
        'org.opencontainers.image.description': 'From the manifest',
      },
    );
    expect(
      buildModelKitEntity({ ...base, version: annotated }).metadata,
    ).toMatchObject({
      title: 'Support Sentiment (LoRA)',
      description: 'From the manifest',
    });
    const named = await versionOf({
      package: { name: 'Support Sentiment' },
      model: { path: 'm.bin', description: 'Model description' },
    });
    expect(
      buildModelKitEntity({ ...base, version: named }).metadata,
    ).toMatchObject({
      title: 'Support Sentiment',
      description: 'Model description',
    });
  });

  it('types datasets and other ModelKits, and leaves out what the Kitfile does not say', async () => {
    const dataset = await versionOf({
      datasets: [{ name: 'train', path: 'data/train.csv' }],
    });
    const entity = buildModelKitEntity({ ...base, version: dataset });
    expect(entity.spec).toEqual({
      type: 'dataset',
      owner: 'group:nlp-team',
      lifecycle: 'production',
      repository: 'registry.example.com/team/support-sentiment',
    });
    expect(entity.metadata.title).toBeUndefined();
    expect(entity.metadata.tags).toBeUndefined();
    const named = await versionOf({
      package: { name: 'support-tickets' },
      datasets: [{ name: 'train', path: 'data/train.csv' }],
    });
    expect(
      buildModelKitEntity({ ...base, version: named }).metadata.title,
    ).toBe('Support tickets dataset');
    const endsWithType = await versionOf({
      package: { name: 'fraud-model' },
      model: { path: 'model.json' },
    });
    expect(
      buildModelKitEntity({ ...base, version: endsWithType }).metadata.title,
    ).toBe('Fraud model');
    const code = await versionOf({ code: [{ path: 'prompts/a.md' }] });
    expect(buildModelKitEntity({ ...base, version: code }).spec.type).toBe(
      'other',
    );
  });

  it('makes catalog tags of frameworks and formats written any way', async () => {
    const version = await versionOf({
      model: {
        path: 'model.gguf',
        framework: 'llama.cpp',
        format: 'GGUF Q4_K_M',
      },
    });
    const entity = buildModelKitEntity({ ...base, version });
    expect(entity.metadata.tags).toEqual(['llama-cpp', 'gguf-q4-k-m']);
    await expect(modelKitEntityV1alpha1Validator.check(entity)).resolves.toBe(
      true,
    );
  });
  describe('annotations for the catalog table and search', () => {
    it('names the newest version, its digest, total size and authors', async () => {
      const version = await versionOf({
        package: { name: 'm', authors: ['Ada Lovelace', ' ', 'NLP team'] },
        model: { path: 'model.bin', framework: 'pytorch' },
        datasets: [{ path: 'data/train.csv' }],
      });
      const entity = buildModelKitEntity({
        ...base,
        version: { ...version, tags: ['latest', 'v2.0.0'] },
      });
      const annotations = entity.metadata.annotations!;
      expect(annotations['kitstage.dev/latest-version']).toBe('v2.0.0');
      expect(annotations['kitstage.dev/latest-digest']).toMatch(
        /^sha256:[0-9a-f]{64}$/,
      );
      expect(annotations['kitstage.dev/latest-digest']).toBe(version.digest);
      // Config plus the model and dataset layers.
      expect(Number(annotations['kitstage.dev/latest-size'])).toBe(
        version.size,
      );
      expect(version.size).toBeGreaterThan(version.config.size);
      expect(JSON.parse(annotations['kitstage.dev/authors'])).toEqual([
        'Ada Lovelace',
        'NLP team',
      ]);
      expect(entity.spec.framework).toBe('pytorch');
    });

    it('names the digest of an untagged newest version and leaves authors out when none', async () => {
      const version = await versionOf({ model: { path: 'model.bin' } });
      const entity = buildModelKitEntity({
        ...base,
        version: { ...version, tags: [], reference: version.digest },
      });
      expect(entity.metadata.annotations!['kitstage.dev/latest-version']).toBe(
        version.digest,
      );
      expect(entity.metadata.annotations!['kitstage.dev/authors']).toBe(
        undefined,
      );
    });
  });
});
