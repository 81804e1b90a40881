import { formatFamiliarOciReference } from './formatOciReference';
import { MODELKIT_DEFAULT_REGISTRY, OciReference } from './OciReference';
import { parseReferenceParts, unwrap } from './parseOciReference';

/**
 * Parses a ModelKit reference as the KitOps CLI writes them (`kit pack -t`, `kit unpack`, a
 * Kitfile's `model.path`, `kit://` URIs): an OCI reference whose default registry is `localhost`,
 * the registry `kit` uses for its local storage.
 *
 * @remarks
 * `jozu.ml/jozu/llama3-8b:8B-instruct-q4_0` names a ModelKit on `jozu.ml`, while
 * `test-ref:model-1` names `localhost/test-ref:model-1`. Unlike `kit`, the first path component
 * `localhost` (or one with uppercase letters) is taken as the registry, as every other OCI tool
 * does, and extra comma-separated tags (`repo:a,b`) are not accepted.
 *
 * @throws {@link InvalidOciReferenceError} naming the problem.
 * @public
 */
export function parseModelKitReference(input: string): OciReference {
  return unwrap(
    'ModelKit reference',
    input,
    parseReferenceParts(input, MODELKIT_DEFAULT_REGISTRY),
  );
}

/**
 * Like {@link parseModelKitReference}, but returns `undefined` instead of throwing.
 *
 * @public
 */
export function tryParseModelKitReference(
  input: string,
): OciReference | undefined {
  const result = parseReferenceParts(input, MODELKIT_DEFAULT_REGISTRY);
  return 'reference' in result ? result.reference : undefined;
}

/**
 * Writes a ModelKit reference the way `kit` shows it, leaving out the `localhost` registry.
 *
 * @public
 */
export function formatFamiliarModelKitReference(
  reference: OciReference,
): string {
  return formatFamiliarOciReference(reference, {
    defaultRegistry: MODELKIT_DEFAULT_REGISTRY,
  });
}
