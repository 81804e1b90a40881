import { makeValidator, parseEntityRef } from '@backstage/catalog-model';

const validators = makeValidator();

/**
 * Whether the value is an entity reference the catalog can resolve: `[<kind>:][<namespace>/]<name>`
 * with each part valid by the catalog's own field rules. Namespaces compare case-insensitively
 * in the catalog, so they are checked in lower case.
 */
export function isEntityRef(value: string): boolean {
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'Placeholder',
      defaultNamespace: 'default',
    });
  } catch {
    return false;
  }
  return (
    validators.isValidKind(ref.kind) &&
    validators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) &&
    validators.isValidEntityName(ref.name)
  );
}

// The same rules as a regular expression, for the JSON schema: kind and name up to 63
// characters, namespace a DNS label in either case.
const kind = '[a-zA-Z][a-zA-Z0-9]{0,62}';
const namespace = '(?=[a-zA-Z0-9-]{1,63}/)[a-zA-Z0-9]+(?:-+[a-zA-Z0-9]+)*';
const name = '[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?';

/** {@link isEntityRef} as a regular expression source. */
export const ENTITY_REF_PATTERN = `^(?:${kind}:)?(?:${namespace}/)?${name}$`;
