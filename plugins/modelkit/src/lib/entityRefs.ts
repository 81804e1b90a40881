import { humanizeEntityRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * Writes an entity reference short, as the catalog does: the default
 * namespace and the given default kind are left out (`nlp-team` for
 * `group:default/nlp-team`). A value that does not parse is kept as it is.
 *
 * @internal
 */
export function shortEntityRef(ref: string, defaultKind: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}
