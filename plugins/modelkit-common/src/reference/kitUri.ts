import { formatOciReference } from './formatOciReference';
import { InvalidOciReferenceError } from './InvalidOciReferenceError';
import { MODELKIT_DEFAULT_REGISTRY, OciReference } from './OciReference';
import { parseReferenceParts } from './parseOciReference';

/**
 * The scheme prefix of ModelKit storage URIs. The KitOps `ClusterStorageContainer` for KServe
 * claims `storageUri` values starting with exactly this prefix, removes it and runs
 * `kit unpack <rest>`.
 *
 * @public
 */
export const KIT_URI_PREFIX = 'kit://';

/**
 * Parses a `kit://` URI, as used in a KServe InferenceService `storageUri`
 * (`kit://jozu.ml/jozu/llama3-8b:8B-instruct-q4_0`), into the ModelKit reference it names.
 *
 * @remarks
 * Everything after `kit://` is a ModelKit reference (see {@link parseModelKitReference}): tag
 * and digest are optional, and a reference without a registry means `localhost`, which inside a
 * cluster is rarely what was meant; check `registry` when that matters. The prefix is matched
 * case-sensitively, as KServe does.
 *
 * @throws {@link InvalidOciReferenceError} naming the problem.
 * @public
 */
export function parseKitUri(uri: string): OciReference {
  const result = parseKitUriParts(uri);
  if ('problem' in result) {
    throw new InvalidOciReferenceError({
      subject: 'kit:// URI',
      input: String(uri),
      problem: result.problem,
    });
  }
  return result.reference;
}

/**
 * Whether text is a valid `kit://` URI.
 *
 * @public
 */
export function isKitUri(value: string): boolean {
  return 'reference' in parseKitUriParts(value);
}

/**
 * Writes a ModelKit reference as a `kit://` URI with the full reference, for example
 * `kit://registry.example.com/team/model:v1`. Parsing the result gives the same reference back.
 *
 * @public
 */
export function formatKitUri(reference: OciReference): string {
  return KIT_URI_PREFIX + formatOciReference(reference);
}

function parseKitUriParts(
  uri: string,
): { reference: OciReference } | { problem: string } {
  if (typeof uri !== 'string') {
    return { problem: `expected a string, got ${typeof uri}` };
  }
  if (!uri.startsWith(KIT_URI_PREFIX)) {
    if (uri.toLowerCase().startsWith(KIT_URI_PREFIX)) {
      return {
        problem: `the scheme must be written "${KIT_URI_PREFIX}" in lowercase; KServe matches it exactly`,
      };
    }
    return { problem: `a kit:// URI starts with "${KIT_URI_PREFIX}"` };
  }
  const rest = uri.slice(KIT_URI_PREFIX.length);
  if (rest.length === 0) {
    return { problem: 'the URI names no ModelKit after "kit://"' };
  }
  return parseReferenceParts(rest, MODELKIT_DEFAULT_REGISTRY);
}
