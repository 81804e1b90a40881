import {
  Entity,
  parseEntityRef,
  RELATION_DEPENDS_ON,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * The ModelKit entity refs a Component depends on (`dependsOn` relations to
 * entities of kind ModelKit), sorted.
 *
 * @internal
 */
export function componentModelKitRefs(component: Entity): string[] {
  const refs = (component.relations ?? [])
    .filter(r => r.type === RELATION_DEPENDS_ON)
    .map(r => parseEntityRef(r.targetRef))
    .filter(ref => ref.kind.toLocaleLowerCase('en-US') === 'modelkit')
    .map(ref => stringifyEntityRef(ref));
  return [...new Set(refs)].sort();
}

/** A manifest digest, the value the version picker returns. */
export const DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/**
 * The validation of the ModelKit version field: a digest, so the promotion
 * pins exactly the version the user saw with its policy badge.
 *
 * @internal
 */
export function validateModelKitVersion(
  value: unknown,
  validation: { addError(message: string): void },
): void {
  if (value === undefined || value === null || value === '') {
    return; // "required" is the schema's business
  }
  if (typeof value !== 'string' || !DIGEST_PATTERN.test(value)) {
    validation.addError(
      `"${String(value).slice(
        0,
        80,
      )}" is not a ModelKit version digest: pick a version from the list (sha256:<64 hex digits>).`,
    );
  }
}
