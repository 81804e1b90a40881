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

/**
 * The namespace and name of a catalog entity, as a route or an action receives them.
 *
 * @public
 */
export interface EntityNameParts {
  /** The entity's namespace, e.g. `default`. */
  namespace: string;
  /** The entity's name, e.g. `support-sentiment`. */
  name: string;
}

/**
 * Thrown by {@link parseEntityNameParts} for a namespace or name the catalog would not accept.
 *
 * @public
 */
export class InvalidEntityNameError extends Error {
  /** The name of the error, `InvalidEntityNameError`. */
  readonly name = 'InvalidEntityNameError';
}

const MAX_SHOWN = 80;

function shown(value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return JSON.stringify(
    text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text,
  );
}

/**
 * Validates the namespace and name of an entity by the catalog's own rules (a namespace is a
 * DNS label of at most 63 characters, compared in lower case; a name is 1 to 63 letters,
 * digits, `-`, `_` and `.`, starting and ending with a letter or digit), before either is used
 * in a catalog request. `..`, slashes, NULs, markup and over-long values are refused.
 *
 * @returns the namespace in lower case, as the catalog compares it, and the name.
 * @throws Error naming every part that is not valid (the backend turns it into a 400).
 * @public
 */
export function parseEntityNameParts(value: {
  namespace?: unknown;
  name?: unknown;
}): EntityNameParts {
  const problems: string[] = [];
  const namespacePart =
    typeof value.namespace === 'string'
      ? value.namespace.toLocaleLowerCase('en-US')
      : undefined;
  if (
    namespacePart === undefined ||
    !validators.isValidNamespace(namespacePart)
  ) {
    problems.push(
      `namespace ${shown(
        value.namespace,
      )} is not a valid entity namespace (a DNS label: 1 to 63 letters, digits and '-', starting and ending with a letter or digit)`,
    );
  }
  const namePart = typeof value.name === 'string' ? value.name : undefined;
  if (namePart === undefined || !validators.isValidEntityName(namePart)) {
    problems.push(
      `name ${shown(
        value.name,
      )} is not a valid entity name (1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit)`,
    );
  }
  if (problems.length > 0) {
    throw new InvalidEntityNameError(problems.join('; '));
  }
  return { namespace: namespacePart!, name: namePart! };
}
