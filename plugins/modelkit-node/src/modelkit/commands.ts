import {
  formatOciReference,
  ModelKitCommands,
  OciReference,
  parseOciRepository,
  withOciDigest,
  withOciTag,
} from '@kitstage/plugin-modelkit-common';

/**
 * Builds the `kit pull`, `kit unpack` and `kit inspect` commands for a ModelKit version.
 *
 * @remarks
 *
 * The reference is assembled from a parsed repository and a checked tag or digest and written
 * by `formatOciReference`, so it only holds characters of the OCI reference grammar and is safe
 * to paste into a shell. A reference with a tag uses the tag (what people type); otherwise the
 * digest. `kit unpack` unpacks into a directory named after the repository's last path
 * component; `kit inspect --remote` reads the registry rather than the local storage.
 *
 * @throws InvalidOciReferenceError when the repository, tag or digest is malformed.
 * @public
 */
export function buildModelKitCommands(
  repository: string | OciReference,
  version: { tag?: string; digest?: string },
): ModelKitCommands {
  const base =
    typeof repository === 'string'
      ? parseOciRepository(repository)
      : { registry: repository.registry, repository: repository.repository };
  let reference: OciReference;
  if (version.tag !== undefined) {
    reference = withOciTag(base, version.tag);
  } else if (version.digest !== undefined) {
    reference = withOciDigest(base, version.digest);
  } else {
    throw new TypeError('A ModelKit command needs a tag or a digest');
  }
  const ref = formatOciReference(reference);
  const dir = base.repository.slice(base.repository.lastIndexOf('/') + 1);
  return {
    pull: `kit pull ${ref}`,
    unpack: `kit unpack ${ref} -d ${dir}`,
    inspect: `kit inspect --remote ${ref}`,
  };
}
