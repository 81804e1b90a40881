import type { ModelKitDescriptor, ModelKitLayerKind } from './versionTypes';

/**
 * How a value or a part differs between two versions.
 *
 * @public
 */
export type ModelKitChange = 'added' | 'removed' | 'changed' | 'unchanged';

/**
 * A Kitfile field that differs between two versions.
 *
 * @public
 */
export interface ModelKitKitfileChange {
  /** Field path, such as `package.version` or `datasets[0].path`. */
  path: string;
  /** Whether the field was added, removed or changed from `from` to `to`. */
  change: Exclude<ModelKitChange, 'unchanged'>;
  /** The value in the `from` version; absent when the field was added. */
  from?: unknown;
  /** The value in the `to` version; absent when the field was removed. */
  to?: unknown;
}

/**
 * A manifest annotation that differs between two versions.
 *
 * @public
 */
export interface ModelKitAnnotationChange {
  /** The annotation key, e.g. `org.opencontainers.image.created`. */
  key: string;
  /** Whether the annotation was added, removed or changed from `from` to `to`. */
  change: Exclude<ModelKitChange, 'unchanged'>;
  /** The value in the `from` version; absent when the annotation was added. */
  from?: string;
  /** The value in the `to` version; absent when the annotation was removed. */
  to?: string;
}

/**
 * A part (layer) compared between two versions, matched by kind and path.
 *
 * @public
 */
export interface ModelKitPartChange {
  /** What the layer holds; parts are matched by kind and path. */
  kind: ModelKitLayerKind;
  /** The file or directory the layer holds; absent when the layer names none. */
  path?: string;
  /** Whether the part was added, removed, changed (another digest) or is unchanged. */
  change: ModelKitChange;
  /** The layer in the `from` version; absent when the part was added. */
  from?: ModelKitDescriptor;
  /** The layer in the `to` version; absent when the part was removed. */
  to?: ModelKitDescriptor;
  /** `to.size - from.size`, with a missing side counted as 0. */
  sizeDelta: number;
}

/**
 * Response of `GET /modelkits/:namespace/:name/diff?from=&to=`: what `kit diff` reports.
 *
 * @public
 */
export interface ModelKitDiff {
  /** The OCI repository (`registry/path`) both versions come from. */
  repository: string;
  /** The older side: the reference asked for, its manifest digest and total size in bytes. */
  from: { reference: string; digest: string; size: number };
  /** The newer side: the reference asked for, its manifest digest and total size in bytes. */
  to: { reference: string; digest: string; size: number };
  /** True when both references resolve to the same digest. */
  identical: boolean;
  /** True when both versions have the same config blob (for KitOps ModelKits, the same Kitfile). */
  sameConfig: boolean;
  /** Kitfile fields that differ; layer digests are left out (they show in `parts`). */
  kitfile: ModelKitKitfileChange[];
  /** Manifest annotations that differ. */
  annotations: ModelKitAnnotationChange[];
  /**
   * Every part of either version, matched by kind and path, unchanged ones included: the parts
   * of the `to` version in order, then those only `from` has.
   */
  parts: ModelKitPartChange[];
  /** `to.size - from.size`. */
  sizeDelta: number;
}
