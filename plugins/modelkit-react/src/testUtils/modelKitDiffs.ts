import type {
  ModelKitDescriptor,
  ModelKitDiff,
  ModelKitLayer,
} from '@kitstage/plugin-modelkit-common';
import {
  digests,
  repository,
  versionV110,
  versionV120,
} from './modelKitVersions';

/** The difference between the fixture versions, as the modelkit backend reports it. */

const MiB = 1024 * 1024;

function descriptor(layer: ModelKitLayer): ModelKitDescriptor {
  return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
}

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
      from: descriptor(versionV110.layers[0]),
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
      from: descriptor(versionV110.layers[1]),
      to: descriptor(versionV120.layers[2]),
      sizeDelta: 0,
    },
    {
      kind: 'dataset',
      path: 'data/train.jsonl',
      change: 'removed',
      from: descriptor(versionV110.layers[2]),
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
      from: descriptor(versionV110.layers[3]),
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
