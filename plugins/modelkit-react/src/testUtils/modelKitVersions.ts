import type {
  ModelKitLayer,
  ModelKitVersion,
  ModelKitVersionSummary,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';

/**
 * Registry data of the `support-sentiment` ModelKit (the `fineTunedModelKit`
 * entity), as the modelkit backend reports it.
 */

const MiB = 1024 * 1024;

function totalSize(configSize: number, layers: ModelKitLayer[]): number {
  return layers.reduce((sum, layer) => sum + layer.size, configSize);
}

/**
 * The OCI repository of the `support-sentiment` ModelKit.
 *
 * @public
 */
export const repository =
  'registry.example.com:5000/kitstage-demo/support-sentiment';

/**
 * The manifest, config and layer digests of the fixture versions, by name.
 *
 * @public
 */
export const digests = {
  v120: 'sha256:dd9a77c1861b2023f65d2ecc85f6a3982ebc72105652c9d8b8f99e5d04358356',
  v110: 'sha256:c416d3399f5fdf3da2a09ca9aaadcc33f225de256838ac962c2101b62dc6ecc3',
  v100: 'sha256:4be212bcbe47f678632e491f8fe9fb20f5b587c88fbeaedb60ba34a360e52362',
  v090: 'sha256:a00e5f97b9e21afca2b36255769f7a8798c3e7314d822d0f44c62bc7a79e2389',
  v010: 'sha256:e4522f14f8cb71ef47b1267faa90ed4a907a1cff591b5aba0fe8dfde41e8dee6',
  configV120:
    'sha256:155bcf03138bacb1bece2ed77c23909b4312b7cbebece0ee1aa2b98c40aebb32',
  configV110:
    'sha256:d7749c49f8fab616c649b597dc90392dbd78e9fecdcb0ea44da38f06634e6347',
  modelV120:
    'sha256:3caab6db68e0ff53fc3288c0f0a1d9255ed6d999c6b7c0326582cbe68bf0bbd7',
  modelV110:
    'sha256:77a7748f647ae655c233de6efa4a575451a728f1de6a213eb164777d751c6b77',
  loraV120:
    'sha256:ad0c48e4114c9baeb1df36939a525dcf8bc5bda2c2d1ccf50168c4956b911a8b',
  validationData:
    'sha256:7077f4061ae38a09b5af2630b31a616b0084b90c3edfcdefee586294cce7a9a5',
  trainingDataV110:
    'sha256:0a4bdee07ba9075650c8167467cbffee41954497c367d85ce962933e41b8bbc7',
  code: 'sha256:31d87df89aa20cc942aa0787ad2cdd91b06cf2f679b1cc803af7a767985cfdd0',
  docsV110:
    'sha256:2983ae23f56cba7e9b53a401d88e0ee76c4d93cfc675fe4ffb01de8068c7ff3e',
  docsV120:
    'sha256:5e6889d5f84786ecc94e0bccda4255347a1f422a91d5174aa539bb78bf1226b0',
} as const;

/**
 * All versions, newest first, as the backend lists them across pages.
 *
 * @public
 */
export const versionSummaries: ModelKitVersionSummary[] = [
  {
    digest: digests.v120,
    tags: ['v1.2.0', 'latest'],
    created: '2025-05-20T09:30:00Z',
    size: 284 * MiB + 41_310,
    version: '1.2.0',
  },
  {
    digest: digests.v110,
    tags: ['v1.1.0'],
    created: '2025-04-02T14:05:00Z',
    size: 256 * MiB + 330_652,
    version: '1.1.0',
  },
  {
    digest: digests.v100,
    tags: ['v1.0.0', 'stable'],
    created: '2025-02-11T08:00:00Z',
    size: 267 * MiB,
    version: '1.0.0',
  },
  {
    digest: digests.v090,
    tags: ['v0.9.0'],
    created: '2024-12-03T17:45:00Z',
    size: 250 * MiB,
    version: '0.9.0',
  },
  // An early version pushed without a creation time or package version.
  { digest: digests.v010, tags: ['v0.1.0-rc1'], size: 3 * 1024 },
];

/**
 * Tags of the repository that are not ModelKits.
 *
 * @public
 */
export const skippedTags: ModelKitVersionsResponse['skipped'] = [
  {
    tag: 'sha256-dd9a77c1861b2023f65d2ecc85f6a3982ebc72105652c9d8b8f99e5d04358356.sig',
    digest:
      'sha256:a543997d84f12798350c09bdef2cdb171bf41ed3e4a5f808af2feb0c56263009',
    reason:
      'not a ModelKit: config media type application/vnd.dev.cosign.simplesigning.v1+json',
  },
  {
    tag: 'serve-1.2.0',
    reason:
      'not a ModelKit: config media type application/vnd.oci.image.config.v1+json',
  },
];

const kitfileV120: ModelKitVersion['kitfile'] = {
  manifestVersion: '1.0.0',
  package: {
    name: 'support-sentiment',
    version: '1.2.0',
    description:
      'sentiment-base fine-tuned on support tickets, with a LoRA adapter',
    license: 'Apache-2.0',
    authors: ['NLP team <nlp@example.com>', 'Dana Ortiz'],
  },
  model: {
    name: 'support-sentiment',
    path: 'model/',
    framework: 'transformers',
    format: 'safetensors',
    digest: digests.modelV120,
    parts: [
      {
        name: 'lora-adapter',
        path: 'adapters/lora.safetensors',
        type: 'lora-adapter',
        digest: digests.loraV120,
      },
    ],
  },
  code: [{ path: 'src/', description: 'Training and evaluation scripts' }],
  datasets: [
    {
      name: 'validation',
      path: 'data/validation.jsonl',
      digest: digests.validationData,
    },
  ],
  docs: [{ path: 'README.md', digest: digests.docsV120 }],
};

const layersV120: ModelKitLayer[] = [
  {
    kind: 'model',
    path: 'model/',
    name: 'support-sentiment',
    mediaType: 'application/vnd.kitops.modelkit.model.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.modelV120,
    size: 268 * MiB,
  },
  {
    kind: 'model-part',
    path: 'adapters/lora.safetensors',
    name: 'lora-adapter',
    mediaType: 'application/vnd.kitops.modelkit.modelpart.v1.tar',
    compression: 'none',
    digest: digests.loraV120,
    size: 16 * MiB,
  },
  {
    kind: 'code',
    path: 'src/',
    mediaType: 'application/vnd.kitops.modelkit.code.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.code,
    size: 18_432,
  },
  {
    kind: 'dataset',
    path: 'data/validation.jsonl',
    name: 'validation',
    mediaType: 'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.validationData,
    size: 17_408,
  },
  {
    kind: 'docs',
    path: 'README.md',
    mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.docsV120,
    size: 4_128,
  },
];

/**
 * Everything about v1.2.0, the newest version.
 *
 * @public
 */
export const versionV120: ModelKitVersion = {
  repository,
  reference: 'v1.2.0',
  digest: digests.v120,
  tags: ['v1.2.0', 'latest'],
  mediaType: 'application/vnd.oci.image.manifest.v1+json',
  format: 'kitops',
  created: '2025-05-20T09:30:00Z',
  size: totalSize(1_342, layersV120),
  config: {
    mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
    digest: digests.configV120,
    size: 1_342,
  },
  kitfile: kitfileV120,
  layers: layersV120,

  annotations: {
    'org.opencontainers.image.created': '2025-05-20T09:30:00Z',
  },
  commands: {
    pull: `kit pull ${repository}:v1.2.0`,
    unpack: `kit unpack ${repository}:v1.2.0 -d support-sentiment`,
    inspect: `kit inspect --remote ${repository}:v1.2.0`,
  },
};

const layersV110: ModelKitLayer[] = [
  {
    kind: 'model',
    path: 'model/',
    name: 'support-sentiment',
    mediaType: 'application/vnd.kitops.modelkit.model.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.modelV110,
    size: 256 * MiB,
  },
  {
    kind: 'code',
    path: 'src/',
    mediaType: 'application/vnd.kitops.modelkit.code.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.code,
    size: 18_432,
  },
  {
    kind: 'dataset',
    path: 'data/train.jsonl',
    name: 'training',
    mediaType: 'application/vnd.kitops.modelkit.dataset.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.trainingDataV110,
    size: 300 * 1024,
  },
  {
    kind: 'docs',
    path: 'README.md',
    mediaType: 'application/vnd.kitops.modelkit.docs.v1.tar+gzip',
    compression: 'gzip',
    digest: digests.docsV110,
    size: 3_900,
  },
];

/**
 * Everything about v1.1.0: no adapter yet, trained data shipped along.
 *
 * @public
 */
export const versionV110: ModelKitVersion = {
  ...versionV120,
  reference: digests.v110,
  digest: digests.v110,
  tags: ['v1.1.0'],
  created: '2025-04-02T14:05:00Z',
  size: totalSize(1_120, layersV110),
  config: {
    mediaType: 'application/vnd.kitops.modelkit.config.v1+json',
    digest: digests.configV110,
    size: 1_120,
  },
  kitfile: {
    manifestVersion: '1.0.0',
    package: {
      name: 'support-sentiment',
      version: '1.1.0',
      description: 'sentiment-base fine-tuned on support tickets',
      license: 'Apache-2.0',
      authors: ['NLP team <nlp@example.com>'],
    },
    model: {
      name: 'support-sentiment',
      path: 'model/',
      framework: 'transformers',
      format: 'safetensors',
      version: '2025.03',
      digest: digests.modelV110,
    },
    code: [{ path: 'src/', description: 'Training and evaluation scripts' }],
    datasets: [
      {
        name: 'training',
        path: 'data/train.jsonl',
        digest: digests.trainingDataV110,
      },
    ],
    docs: [{ path: 'README.md', digest: digests.docsV110 }],
  },
  layers: layersV110,
  annotations: {},
  commands: {
    pull: `kit pull ${repository}@${digests.v110}`,
    unpack: `kit unpack ${repository}@${digests.v110} -d support-sentiment`,
    inspect: `kit inspect --remote ${repository}@${digests.v110}`,
  },
};
