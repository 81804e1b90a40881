import { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { ModelKitVersion } from '@kitstage/plugin-modelkit-common';
import {
  getModelKitVersion,
  listModelKitVersions,
  ModelKitError,
  OciSource,
} from '@kitstage/plugin-modelkit-node';
import { ProviderStateStore } from '../state/ProviderStateStore';
import { StatefulRepositorySource } from '../state/StatefulRepositorySource';

/**
 * What reading a repository gave.
 *
 * - `modelkit`: its newest ModelKit version.
 * - `empty`: it holds no ModelKit (only container images, signatures, or no tags at all).
 * - `failed`: it could not be read (the registry failed, or a ModelKit in it is invalid).
 *
 * @internal
 */
export type RepositoryRead =
  | {
      status: 'modelkit';
      version: ModelKitVersion;
      /** Whether the tag list stopped at the configured cap. */
      truncated: boolean;
    }
  | { status: 'empty'; reason: string }
  | { status: 'failed'; error: Error };

/**
 * What {@link readRepository} reads with.
 *
 * @internal
 */
export interface ReadRepositoryOptions {
  /** What the provider learned in earlier syncs, and where it records this one. */
  state: ProviderStateStore;
  /** Where stored content that fails its checks is reported. */
  logger: LoggerService;
  /** Aborts the reads. */
  signal?: AbortSignal;
}

/**
 * Reads a repository's newest ModelKit version.
 *
 * @remarks
 *
 * Every tag is read, to order the versions (`listModelKitVersions`). Tags the provider's state
 * knows are checked with a `HEAD` request (or the registry client's fresh tag cache), and
 * their manifests and configs come from the state when the registry reports the digest they
 * are stored under, so an unchanged repository costs a tag listing and one `HEAD` per tag,
 * and no manifest or config download, whatever the cache holds and also after a restart. New
 * and moved tags cost their manifest and config, which the state then records; the tags that
 * are gone leave it once the whole repository was read.
 *
 * A repository holding a ModelKit whose Kitfile or config is invalid counts as failed, not as
 * one version fewer: which version is the newest cannot be told for sure, and the entity built
 * from the remaining ones could go back in time. Its previous entity is kept until the tag is
 * fixed or removed. Tags of other artifacts (container images, signatures, attestations) are
 * ignored.
 *
 * @internal
 */
export async function readRepository(
  source: OciSource,
  repository: string,
  options: ReadRepositoryOptions,
): Promise<RepositoryRead> {
  const { state, logger, signal } = options;
  const stateful = new StatefulRepositorySource({
    source,
    repository,
    known: await state.readRepository(repository),
    store: state,
    onIgnored: (digest, problem) =>
      logger.warn(
        `Ignored the stored content of ${repository}@${digest} and read it from the registry again: ${problem}`,
      ),
  });
  const read = await readNewestVersion(stateful, repository, signal);
  await state.saveRepository(
    repository,
    stateful.changes({ complete: read.status !== 'failed' }),
  );
  return read;
}

async function readNewestVersion(
  source: OciSource,
  repository: string,
  signal: AbortSignal | undefined,
): Promise<RepositoryRead> {
  try {
    const page = await listModelKitVersions(source, repository, {
      limit: 1,
      signal,
    });
    for (const skipped of page.skipped ?? []) {
      if (!skipped.digest) {
        continue;
      }
      // Tells an invalid ModelKit from another kind of artifact; answered from the cache.
      try {
        await getModelKitVersion(source, repository, skipped.digest, {
          signal,
        });
      } catch (error) {
        if (ModelKitError.is(error) && error.reason === 'not-a-modelkit') {
          continue;
        }
        if (ModelKitError.is(error)) {
          return {
            status: 'failed',
            error: new Error(`tag "${skipped.tag}": ${error.message}`),
          };
        }
        throw error;
      }
    }
    const newest = page.items[0];
    if (!newest) {
      return {
        status: 'empty',
        reason:
          (page.skipped ?? []).length > 0
            ? 'none of its tags is a ModelKit'
            : 'it has no tags',
      };
    }
    const version = await getModelKitVersion(
      source,
      repository,
      newest.digest,
      { signal },
    );
    return {
      status: 'modelkit',
      // The listing knows every tag of the digest; reading the version by digest does not.
      version: { ...version, tags: newest.tags },
      truncated: page.truncated ?? false,
    };
  } catch (error) {
    return { status: 'failed', error: toError(error) };
  }
}
