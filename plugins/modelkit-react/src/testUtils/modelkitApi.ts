import {
  countAttestationStates,
  type ComponentLineageResponse,
  type ModelKitApi,
  type ModelKitLineageResponse,
  type ModelKitModelCardResponse,
  type ModelKitAttestationsResponse,
  type ModelKitDescriptor,
  type ModelKitLatestPolicyStatusResponse,
  type ModelKitLayer,
  type ModelKitDiff,
  type ModelKitEntityName,
  type ModelKitPolicyStatusResponse,
  type ModelKitVersion,
  type ModelKitVersionPolicyStatus,
  type ModelKitVersionSummary,
  type ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';

/**
 * Registry data of the `support-sentiment` ModelKit (the `fineTunedModelKit`
 * entity), as the modelkit backend reports it.
 */

const MiB = 1024 * 1024;

function totalSize(configSize: number, layers: ModelKitLayer[]): number {
  return layers.reduce((sum, layer) => sum + layer.size, configSize);
}

function descriptor(layer: ModelKitLayer): ModelKitDescriptor {
  return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
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

/**
 * What changed from v1.1.0 to v1.2.0: every kind of change.
 *
 * @public
 */
export const diffV110ToV120: ModelKitDiff = {
  repository,
  from: {
    reference: digests.v110,
    digest: digests.v110,
    size: versionV110.size,
  },
  to: {
    reference: digests.v120,
    digest: digests.v120,
    size: versionV120.size,
  },
  identical: false,
  sameConfig: false,
  kitfile: [
    { path: 'package.version', change: 'changed', from: '1.1.0', to: '1.2.0' },
    { path: 'package.authors[1]', change: 'added', to: 'Dana Ortiz' },
    {
      path: 'model.parts[0]',
      change: 'added',
      to: {
        name: 'lora-adapter',
        path: 'adapters/lora.safetensors',
        type: 'lora-adapter',
      },
    },
    { path: 'model.version', change: 'removed', from: '2025.03' },
    {
      path: 'datasets[0].path',
      change: 'changed',
      from: 'data/train.jsonl',
      to: 'data/validation.jsonl',
    },
  ],
  annotations: [
    {
      key: 'org.opencontainers.image.created',
      change: 'added',
      to: '2025-05-20T09:30:00Z',
    },
  ],
  parts: [
    {
      kind: 'model',
      path: 'model/',
      change: 'changed',
      from: descriptor(layersV110[0]),
      to: descriptor(versionV120.layers[0]),
      sizeDelta: 12 * MiB,
    },
    {
      kind: 'model-part',
      path: 'adapters/lora.safetensors',
      change: 'added',
      to: descriptor(versionV120.layers[1]),
      sizeDelta: 16 * MiB,
    },
    {
      kind: 'code',
      path: 'src/',
      change: 'unchanged',
      from: descriptor(layersV110[1]),
      to: descriptor(versionV120.layers[2]),
      sizeDelta: 0,
    },
    {
      kind: 'dataset',
      path: 'data/train.jsonl',
      change: 'removed',
      from: descriptor(layersV110[2]),
      sizeDelta: -300 * 1024,
    },
    {
      kind: 'dataset',
      path: 'data/validation.jsonl',
      change: 'added',
      to: descriptor(versionV120.layers[3]),
      sizeDelta: 17_408,
    },
    {
      kind: 'docs',
      path: 'README.md',
      change: 'changed',
      from: descriptor(layersV110[3]),
      to: descriptor(versionV120.layers[4]),
      sizeDelta: 228,
    },
  ],
  sizeDelta: versionV120.size - versionV110.size,
};

/**
 * Two references to the same manifest: `latest` and `v1.2.0`.
 *
 * @public
 */
export const identicalDiff: ModelKitDiff = {
  repository,
  from: { reference: 'latest', digest: digests.v120, size: versionV120.size },
  to: { reference: 'v1.2.0', digest: digests.v120, size: versionV120.size },
  identical: true,
  sameConfig: true,
  kitfile: [],
  annotations: [],
  parts: [
    {
      kind: 'model',
      path: 'model/',
      change: 'unchanged',
      from: descriptor(versionV120.layers[0]),
      to: descriptor(versionV120.layers[0]),
      sizeDelta: 0,
    },
  ],
  sizeDelta: 0,
};

/**
 * What a {@link FixtureModelKitApi} serves.
 *
 * @public
 */
export interface FixtureModelKitData {
  /** Every version, newest first, as the versions route lists them across pages. */
  versions: ModelKitVersionSummary[];
  /** The tags the first page reports as skipped. */
  skipped?: ModelKitVersionsResponse['skipped'];
  /** The full versions that `getVersion` serves. */
  details: ModelKitVersion[];
  /** The differences that `diff` serves. */
  diffs: ModelKitDiff[];
  /** How many versions a page holds when the caller sets no limit. */
  pageSize: number;
  /** The entity's lifecycle, as the policy routes report it. */
  lifecycle?: string;
  /** Attestations by manifest digest. */
  attestations?: ModelKitAttestationsResponse[];
  /** Policy statuses by manifest digest; other digests have no evidence. */
  policyStatuses?: ModelKitVersionPolicyStatus[];
  /** Lineage by version; the first is the newest version's. */
  lineage?: ModelKitLineageResponse[];
  /** The lineage every Component gets. */
  componentLineage?: ComponentLineageResponse;
  /** Model cards by manifest digest. */
  modelCards?: ModelKitModelCardResponse[];
}

const DEFAULT_DATA: FixtureModelKitData = {
  versions: versionSummaries,
  skipped: skippedTags,
  details: [versionV120, versionV110],
  diffs: [diffV110ToV120, identicalDiff],
  pageSize: 3,
};

/**
 * The status the fixture backend reports for a digest it has no attestations for.
 *
 * @public
 */
export function noEvidenceStatus(digest: string): ModelKitVersionPolicyStatus {
  return {
    digest,
    status: 'missing',
    applies: true,
    message: 'Rule scan-clean has no evidence: No verified scan evaluation',
    failedRule: 'scan-clean',
    counts: countAttestationStates([]),
    complete: true,
  };
}

/**
 * An in-memory ModelKit API over the fixture data, with cursor pagination like
 * the backend's. Tests spy on its methods or replace them; data left out of
 * the constructor's argument is the `support-sentiment` default.
 *
 * @public
 */
export class FixtureModelKitApi implements ModelKitApi {
  private readonly data: FixtureModelKitData;

  /** Serves `data`, with the `support-sentiment` default for what it leaves out. */
  constructor(data: Partial<FixtureModelKitData> = {}) {
    this.data = { ...DEFAULT_DATA, ...data };
  }

  /** One page of the fixture versions; the cursor is `page-<offset>`. */
  async listVersions(
    _entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse> {
    const start = options?.cursor ? Number(options.cursor.slice(5)) : 0;
    const end = start + (options?.limit ?? this.data.pageSize);
    return {
      repository,
      items: this.data.versions.slice(start, end),
      ...(end < this.data.versions.length && { nextCursor: `page-${end}` }),
      ...(start === 0 && this.data.skipped && { skipped: this.data.skipped }),
    };
  }

  /** The fixture version a tag or digest names; rejects for others. */
  async getVersion(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion> {
    const found = this.data.details.find(
      v => v.digest === reference || v.tags.includes(reference),
    );
    if (!found) {
      throw new Error(`No version ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  /** The fixture difference between two versions; rejects for others. */
  async diff(
    _entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff> {
    const fromDigest = this.#resolve(from);
    const toDigest = this.#resolve(to);
    const found = this.data.diffs.find(
      d => d.from.digest === fromDigest && d.to.digest === toDigest,
    );
    if (!found) {
      throw new Error(`No diff from ${from} to ${to} in the fixtures`);
    }
    return {
      ...found,
      from: { ...found.from, reference: from },
      to: { ...found.to, reference: to },
    };
  }

  /** The fixture attestations of a version; rejects for others. */
  async getAttestations(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse> {
    const digest = this.#resolve(reference) ?? reference;
    const found = this.data.attestations?.find(a => a.digest === digest);
    if (!found) {
      throw new Error(`No attestations of ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  /** The fixture policy status of each digest, or no evidence for unknown ones. */
  async getPolicyStatus(
    _entity: ModelKitEntityName,
    wanted: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse> {
    return {
      repository,
      lifecycle: this.data.lifecycle ?? 'production',
      items: [...new Set(wanted)].map(
        digest =>
          this.data.policyStatuses?.find(p => p.digest === digest) ??
          noEvidenceStatus(digest),
      ),
    };
  }

  /** The newest fixture version and its policy status. */
  async getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse> {
    const version = this.data.versions[0];
    const lifecycle = this.data.lifecycle ?? 'production';
    if (!version) {
      return { repository, lifecycle };
    }
    const { items } = await this.getPolicyStatus(entity, [version.digest]);
    return { repository, lifecycle, version, policy: items[0] };
  }

  /** The fixture lineage of a version, the newest by default; rejects when there is none. */
  async getLineage(
    _entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse> {
    const all = this.data.lineage ?? [];
    const wanted = options?.version;
    const digest = wanted ? this.#resolve(wanted) ?? wanted : undefined;
    const found = digest ? all.find(l => l.version?.digest === digest) : all[0];
    if (!found) {
      throw new Error(
        `No lineage of ${wanted ?? 'the newest version'} in the fixtures`,
      );
    }
    return found;
  }

  /** The fixture lineage every Component gets; rejects when there is none. */
  async getComponentLineage(
    _entity: ModelKitEntityName,
  ): Promise<ComponentLineageResponse> {
    if (!this.data.componentLineage) {
      throw new Error('No Component lineage in the fixtures');
    }
    return this.data.componentLineage;
  }

  /** The fixture model card of a version; rejects for others. */
  async getModelCard(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitModelCardResponse> {
    const digest = this.#resolve(reference) ?? reference;
    const found = this.data.modelCards?.find(c => c.digest === digest);
    if (!found) {
      throw new Error(`No model card of ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  #resolve(reference: string): string | undefined {
    return this.data.versions.find(
      v => v.digest === reference || v.tags.includes(reference),
    )?.digest;
  }
}
