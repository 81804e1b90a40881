import type {
  LineageWarning,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import {
  getModelKitVersion,
  listModelKitVersions,
} from '@kitstage/plugin-modelkit-node';
import {
  LocatedModelKit,
  repositoryOf,
} from '../service/ModelKitVersionsService';
import { messageOf } from '../service/values';

/**
 * The version a ModelKit's lineage is drawn for: the one asked for, or else the newest, named
 * by a release tag rather than `latest` (which moves).
 *
 * @remarks
 * A version asked for by name must exist: its errors are thrown, as the caller's answer. When
 * none is asked for and the newest cannot be read (or there is none yet), the lineage goes on
 * without Kitfile references and a `kitfile-unavailable` warning says why.
 *
 * @internal
 */
export async function readLineageVersion(
  located: LocatedModelKit,
  asked: string | undefined,
  warnings: LineageWarning[],
  signal?: AbortSignal,
): Promise<ModelKitVersion | undefined> {
  if (asked) {
    return getModelKitVersion(located.source, located.repository, asked, {
      resolveTags: true,
      signal,
    });
  }
  const repository = repositoryOf(located);
  try {
    const page = await listModelKitVersions(
      located.source,
      located.repository,
      { limit: 1, signal },
    );
    const newest = page.items[0];
    if (!newest) {
      warnings.push({
        code: 'kitfile-unavailable',
        message: `${repository} has no ModelKit version yet, so no Kitfile references are shown`,
      });
      return undefined;
    }
    const version = await getModelKitVersion(
      located.source,
      located.repository,
      newest.digest,
      { resolveTags: true, signal },
    );
    const reference =
      newest.tags.find(tag => tag !== 'latest') ??
      newest.tags[0] ??
      newest.digest;
    return { ...version, reference };
  } catch (error) {
    warnings.push({
      code: 'kitfile-unavailable',
      message: `The newest Kitfile of ${repository} could not be read: ${messageOf(
        error,
      )}`,
    });
    return undefined;
  }
}
