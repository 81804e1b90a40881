import {
  formatOciReference,
  getOciRepository,
  OciReference,
  parseOciRepository,
  withOciDigest,
} from '@kitstage/plugin-modelkit-common';

/**
 * The `kit` commands that fetch one version of a ModelKit.
 *
 * @internal
 */
export interface KitVersionCommands {
  pull: string;
  unpack: string;
}

/**
 * Parses an OCI repository (no tag or digest), or returns undefined when the
 * value is missing or is not one.
 *
 * @public
 */
export function tryParseRepository(
  value: string | undefined,
): OciReference | undefined {
  if (!value) {
    return undefined;
  }
  try {
    return parseOciRepository(value);
  } catch {
    return undefined;
  }
}

/**
 * The `kit pull` and `kit unpack` commands for the version of a repository
 * with the given manifest digest, or undefined when the digest is not valid.
 *
 * @remarks
 *
 * The reference is pinned to the digest, so the command fetches exactly the
 * version shown even after its tags move. `kit unpack` unpacks into a
 * directory named after the repository's last path component, as the
 * commands the backend writes for one version do. It is written from the parsed
 * repository and digest with the common reference formatter, so no text from
 * the catalog or the registry reaches the command unchecked.
 *
 * @internal
 */
export function kitCommandsForDigest(
  repository: OciReference,
  digest: string,
): KitVersionCommands | undefined {
  let reference: string;
  try {
    reference = formatOciReference(
      withOciDigest(getOciRepository(repository), digest),
    );
  } catch {
    return undefined;
  }
  // The last path component of a parsed repository is `[a-z0-9._-]+`.
  const dir = repository.repository.slice(
    repository.repository.lastIndexOf('/') + 1,
  );
  return {
    pull: `kit pull ${reference}`,
    unpack: `kit unpack ${reference} -d ${dir}`,
  };
}
