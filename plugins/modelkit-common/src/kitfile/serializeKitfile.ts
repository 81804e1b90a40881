import { Document, Scalar, visit } from 'yaml';
import { KitfileLimits } from './limits';
import { Kitfile } from './types';
import { validateKitfile } from './validateKitfile';
import { isAmbiguousInYaml11 } from './yaml11';

/**
 * Options for {@link serializeKitfile}.
 *
 * @public
 */
export interface SerializeKitfileOptions {
  /** `yaml` (default) writes a `Kitfile`; `json` writes the form KitOps stores as config blob. */
  format?: 'yaml' | 'json';
  /** As for {@link ParseKitfileOptions.strict}; default `true`. */
  strict?: boolean;
  /** Bounds on the Kitfile's size. */
  limits?: KitfileLimits;
}

/**
 * Writes a Kitfile as YAML (or JSON), after validating it. Field order, unknown fields and
 * `parameters` are written as they are; parsing the output gives an equal Kitfile.
 *
 * @remarks
 * The text is produced by serialising the object, never by pasting strings, so any value is
 * quoted as it needs to be. Strings that YAML 1.1 readers such as PyYAML would take for booleans,
 * numbers or dates (`yes`, `0755`, `2024-01-01`) are quoted too. Comments of a parsed Kitfile are
 * not kept.
 *
 * @throws {@link InvalidKitfileError} when the Kitfile is not valid.
 * @public
 */
export function serializeKitfile(
  kitfile: Kitfile,
  options?: SerializeKitfileOptions,
): string {
  const value = validateKitfile(kitfile, {
    strict: options?.strict,
    limits: options?.limits,
  });
  if (options?.format === 'json') {
    return `${JSON.stringify(value, null, 2)}\n`;
  }
  const doc = new Document(value, { aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && isAmbiguousInYaml11(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ indent: 2, lineWidth: 0 });
}
