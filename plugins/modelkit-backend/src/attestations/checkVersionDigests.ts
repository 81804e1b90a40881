import {
  classifyModelKitManifest,
  RegistryError,
} from '@kitstage/plugin-modelkit-node';
import {
  LocatedModelKit,
  repositoryOf,
} from '../service/ModelKitVersionsService';
import { ConcurrencyLimit } from './ConcurrencyLimit';

/** Where the versions are looked up: a configured source and a repository in it. */
type VersionsOf = Pick<LocatedModelKit, 'source' | 'repository'>;

/** Manifests looked up at once for one request; the registry client also limits its own. */
const CHECKS_AT_ONCE = 8;

/**
 * Tells which of the digests a caller named, or a cluster workload runs, are versions of a
 * located ModelKit, before any of them is verified: a version is a ModelKit manifest its repository serves by that digest, as
 * for the `versions/:reference` routes.
 *
 * @remarks
 *
 * Each digest is looked up with the source's `getManifest`, answered from the registry client's
 * cache when the versions listing (or an earlier check) read that manifest of that repository,
 * and otherwise with one manifest request to the repository. It never goes through the
 * verification queue, and nothing is written to the attestation report cache; a digest the
 * repository does not serve costs one request each time it is named.
 *
 * @returns For each digest that is not a version, or could not be looked up, one sentence
 *   saying why; digests that are versions are absent.
 * @throws the registry error of an aborted lookup, once `signal` aborts.
 * @internal
 */
export async function checkVersionDigests(
  located: VersionsOf,
  digests: readonly string[],
  signal?: AbortSignal,
): Promise<Map<string, string>> {
  const limit = new ConcurrencyLimit(CHECKS_AT_ONCE);
  const problems = new Map<string, string>();
  await Promise.all(
    [...new Set(digests)].map(digest =>
      limit.run(async () => {
        const problem = await whyNotVersion(located, digest, signal);
        if (problem !== undefined) {
          problems.set(digest, problem);
        }
      }),
    ),
  );
  return problems;
}

async function whyNotVersion(
  located: VersionsOf,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const notVersion = (why: string) =>
    `${digest} is not a version of this ModelKit: ${why}`;
  signal?.throwIfAborted();
  let manifest;
  try {
    manifest = await located.source.getManifest(located.repository, digest, {
      signal,
    });
  } catch (error) {
    if (signal?.aborted) {
      throw error;
    }
    if (RegistryError.is(error, 'not-found')) {
      return notVersion(
        `${repositoryOf(located)} serves no manifest with that digest`,
      );
    }
    return `${digest} could not be looked up in ${repositoryOf(located)}: ${
      (error as Error).message
    }`;
  }
  const classification = classifyModelKitManifest(manifest);
  if (!classification.modelKit) {
    return notVersion(`it is ${classification.reason}`);
  }
  if (manifest.kind !== 'image') {
    return notVersion('it is an index, not a ModelKit');
  }
  return undefined;
}
