import {
  getModelKitReference,
  Kitfile,
  OciReference,
} from '@kitstage/plugin-modelkit-common';

/**
 * A reference from a Kitfile to another ModelKit.
 *
 * @public
 */
export interface ModelKitLineageReference {
  /** `base-model` for `model.path`, `dataset` for a dataset's `remotePath`. */
  role: 'base-model' | 'dataset';
  /** The Kitfile field that holds it, e.g. `model.path` or `datasets[1].remotePath`. */
  field: string;
  /** The reference as written. */
  value: string;
  /**
   * The parsed reference. As with the KitOps CLI, a reference that names no registry is on
   * `localhost`, the registry of the local storage.
   */
  reference: OciReference;
  /** The dataset's `name`, for datasets. */
  name?: string;
}

/**
 * The ModelKits a Kitfile builds on.
 *
 * @public
 */
export interface ModelKitReferences {
  /** The ModelKit whose model this one builds on (for a fine-tune, the base model). */
  baseModel?: ModelKitLineageReference;
  /** ModelKits that datasets come from, in Kitfile order. */
  datasets: ModelKitLineageReference[];
}

/**
 * Finds the lineage references of a Kitfile: its base model and the ModelKits its datasets come
 * from.
 *
 * @remarks
 *
 * Both follow the KitOps CLI:
 *
 * - `model.path` names a ModelKit (such as `registry.example.com/team/base:v1`) instead of a
 *   file when it contains `:` or `@` and parses as a reference; `kit pack` then stores no model
 *   layer and `kit unpack` unpacks the referenced ModelKit's model.
 *
 * - A dataset entry whose `remotePath` is a ModelKit reference comes from that ModelKit;
 *   `kit pack` stores no layer for it and `kit unpack --include-remote` unpacks the referenced
 *   ModelKit's datasets into the entry's `path`. `remotePath` values that are URLs (such as
 *   `s3://bucket/key`) are remote files, not ModelKits, and are left out.
 *
 * @public
 */
export function findModelKitReferences(kitfile: Kitfile): ModelKitReferences {
  const result: ModelKitReferences = { datasets: [] };
  const modelPath = kitfile.model?.path;
  if (typeof modelPath === 'string') {
    const reference = getModelKitReference(modelPath);
    if (reference) {
      result.baseModel = {
        role: 'base-model',
        field: 'model.path',
        value: modelPath,
        reference,
      };
    }
  }
  (Array.isArray(kitfile.datasets) ? kitfile.datasets : []).forEach(
    (dataset, index) => {
      const remotePath = dataset?.remotePath;
      if (typeof remotePath !== 'string') {
        return;
      }
      const reference = getModelKitReference(remotePath);
      if (reference) {
        result.datasets.push({
          role: 'dataset',
          field: `datasets[${index}].remotePath`,
          value: remotePath,
          reference,
          ...(typeof dataset.name === 'string' && dataset.name
            ? { name: dataset.name }
            : {}),
        });
      }
    },
  );
  return result;
}
