import { toError } from '@backstage/errors';
import { ModelKitVersion } from '@kitstage/plugin-modelkit-common';
import {
  getModelKitVersion,
  listModelKitVersions,
  ModelKitError,
  OciSource,
} from '@kitstage/plugin-modelkit-node';

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
 * Reads a repository's newest ModelKit version.
 *
 * @remarks
 *
 * Every tag is read, to order the versions (`listModelKitVersions`); after the first sync all
 * of it comes from the registry client's cache, which checks each tag with a `HEAD` request, so
 * an unchanged repository costs a tag listing and one `HEAD` per tag, and no manifest or
 * config download.
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
  signal?: AbortSignal,
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
