import { getModelKitReference } from '../kitfile/modelReference';
import type { Kitfile } from '../kitfile/types';
import { formatOciRepository } from '../reference';
import type { LineageKitfileReference } from './types';

/**
 * The references of a Kitfile to other ModelKits, as {@link buildLineageGraph} takes them:
 * `model.path` naming a ModelKit (the base model of a fine-tune), and each dataset whose
 * `remotePath` (as `kit pack` reads it) or `path` names a ModelKit.
 *
 * @remarks
 * A value names a ModelKit when it contains `:` or `@` and parses as a ModelKit reference;
 * relative and absolute file paths never do (see {@link isModelKitReference}). A reference
 * naming no registry is on `localhost`, as for the KitOps CLI.
 *
 * @public
 */
export function findKitfileLineageReferences(
  kitfile: Kitfile,
): LineageKitfileReference[] {
  const result: LineageKitfileReference[] = [];
  const add = (
    role: LineageKitfileReference['role'],
    field: string,
    value: unknown,
  ) => {
    if (typeof value !== 'string') return false;
    const reference = getModelKitReference(value);
    if (!reference) return false;
    result.push({
      role,
      field,
      repository: formatOciRepository(reference),
      ...(reference.tag ? { tag: reference.tag } : {}),
      ...(reference.digest ? { digest: reference.digest } : {}),
    });
    return true;
  };
  add('base-model', 'model.path', kitfile.model?.path);
  (Array.isArray(kitfile.datasets) ? kitfile.datasets : []).forEach(
    (dataset, index) => {
      if (!dataset || typeof dataset !== 'object') return;
      if (
        !add('dataset', `datasets[${index}].remotePath`, dataset.remotePath)
      ) {
        add('dataset', `datasets[${index}].path`, dataset.path);
      }
    },
  );
  return result;
}
