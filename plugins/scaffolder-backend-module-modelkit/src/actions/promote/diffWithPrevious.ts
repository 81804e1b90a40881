import { ModelKitDiff, OciReference } from '@kitstage/plugin-modelkit-common';
import {
  diffModelKitVersions,
  getModelKitVersion,
  OciSource,
} from '@kitstage/plugin-modelkit-node';

/**
 * Compares the version an overlay deploys with the promoted one, for the pull request body.
 * The comparison is best effort: when either version cannot be read, the result carries a note
 * saying why instead of the diff.
 *
 * @internal
 */
export async function diffWithPrevious(options: {
  /** The registry source serving the ModelKit's repository, and the repository name in it. */
  source: { source: OciSource; repository: string };
  /** The reference the overlay held, as written. */
  previous: string;
  /** That reference, parsed. */
  previousParsed: OciReference;
  /** The digest of the promoted version. */
  digest: string;
  /** Aborts the registry reads. */
  signal?: AbortSignal;
}): Promise<{ diff?: ModelKitDiff; diffNote?: string }> {
  const { source, previousParsed, signal } = options;
  try {
    const [from, to] = await Promise.all([
      getModelKitVersion(
        source.source,
        source.repository,
        previousParsed.digest ?? previousParsed.tag ?? 'latest',
        { signal },
      ),
      getModelKitVersion(source.source, source.repository, options.digest, {
        signal,
      }),
    ]);
    return { diff: diffModelKitVersions(from, to) };
  } catch (error) {
    return {
      diffNote: `The previous version ${
        options.previous
      } could not be compared: ${(error as Error).message}`,
    };
  }
}
