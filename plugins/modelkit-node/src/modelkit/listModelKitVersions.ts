import { InputError } from '@backstage/errors';
import type {
  ModelKitVersion,
  ModelKitVersionSummary,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import { isOciDigest } from '../registry/digest';
import { RegistryError } from '../registry/errors';
import { OciManifestResult, OciSource } from '../registry/types';
import {
  classifyModelKitManifest,
  describeReferrersTag,
} from './classifyManifest';
import { mapWithConcurrency } from './concurrency';
import { ModelKitError } from './ModelKitError';
import { toModelKitVersion } from './readModelKitVersion';
import {
  compareTagsNewestFirst,
  compareVersionsNewestFirst,
  highestSemverText,
  isSemver,
} from './versionOrder';

/**
 * Options for {@link listModelKitVersions}.
 *
 * @public
 */
export interface ListModelKitVersionsOptions {
  /** Versions per page, 1 to 100. Defaults to 25. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  /** Aborts the reads. */
  signal?: AbortSignal;
  /** Tags read at once. Defaults to 8; a registry also limits its own concurrency. */
  concurrency?: number;
}

/** Default page size of {@link listModelKitVersions}. */
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

type Read =
  | { ok: true; version: ModelKitVersion }
  | { ok: false; error: ModelKitError };

/**
 * Lists the ModelKit versions of a repository: its tags grouped by manifest digest, newest
 * first, a page at a time.
 *
 * @remarks
 *
 * Every tag is read (the order depends on all of them): with a cold cache one manifest request
 * per tag and one config request per distinct ModelKit, so at most two requests per tag plus
 * the tag listing; later pages and repeated calls are answered from the source's cache (a
 * registry then only checks each tag with a `HEAD` request once its tag cache has expired).
 * Tags of the referrers tag schema and cosign (`sha256-<hex>[.sig|.att|.sbom]`) are skipped
 * without a request. Other artifacts (container images, signatures, indexes) and ModelKits
 * whose Kitfile is invalid are reported in `skipped`, with the reason; a failing source rejects
 * the whole call.
 *
 * Versions are ordered by creation time, then by the highest semantic version among their tags
 * and `package.version`, then by digest. The cursor is opaque; it stays valid when versions are
 * added, continuing after the last version of the previous page.
 *
 * @throws InputError when `limit` or `cursor` is invalid; RegistryError when the source fails.
 * @public
 */
export async function listModelKitVersions(
  source: OciSource,
  repository: string,
  options: ListModelKitVersionsOptions = {},
): Promise<ModelKitVersionsResponse> {
  const limit = checkLimit(options.limit);
  const cursor =
    options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const signal = options.signal;
  const tagList = await source.listTags(repository, { signal });
  const skipped: NonNullable<ModelKitVersionsResponse['skipped']> = [];
  const reads = new Map<string, Promise<Read>>();
  const tagsByDigest = new Map<string, string[]>();

  await mapWithConcurrency(
    tagList.tags,
    options.concurrency ?? 8,
    async tag => {
      const referrers = describeReferrersTag(tag);
      if (referrers) {
        skipped.push({ tag, reason: `${referrers}, not a ModelKit` });
        return;
      }
      let manifest: OciManifestResult;
      try {
        manifest = await source.getManifest(repository, tag, { signal });
      } catch (error) {
        if (RegistryError.is(error, 'not-found')) {
          skipped.push({
            tag,
            reason: 'the tag was removed while the repository was read',
          });
          return;
        }
        throw error;
      }
      const classification = classifyModelKitManifest(manifest);
      if (!classification.modelKit || manifest.kind !== 'image') {
        skipped.push({
          tag,
          digest: manifest.digest,
          reason: classification.modelKit
            ? 'an index, not a ModelKit'
            : classification.reason,
        });
        return;
      }
      let read = reads.get(manifest.digest);
      if (!read) {
        read = readVersion(source, repository, tag, manifest, signal);
        reads.set(manifest.digest, read);
      }
      const result = await read;
      if (!result.ok) {
        skipped.push({
          tag,
          digest: manifest.digest,
          reason: result.error.message,
        });
        return;
      }
      const tags = tagsByDigest.get(manifest.digest) ?? [];
      tags.push(tag);
      tagsByDigest.set(manifest.digest, tags);
    },
  );

  const versions: ModelKitVersionSummary[] = [];
  for (const [digest, tags] of tagsByDigest) {
    const result = await reads.get(digest)!;
    if (!result.ok) {
      continue;
    }
    const { version } = result;
    const summary: ModelKitVersionSummary = {
      digest,
      tags: [...tags].sort(compareTagsNewestFirst),
      size: version.size,
    };
    if (version.created) {
      summary.created = version.created;
    }
    const packageVersion = version.kitfile.package?.version;
    if (typeof packageVersion === 'string' && packageVersion) {
      summary.version = packageVersion;
    }
    versions.push(summary);
  }
  versions.sort(compareVersionsNewestFirst);
  skipped.sort((a, b) => {
    if (a.tag === b.tag) {
      return 0;
    }
    return a.tag < b.tag ? -1 : 1;
  });

  let start = 0;
  if (cursor) {
    const anchor = versions.findIndex(v => v.digest === cursor.digest);
    if (anchor >= 0) {
      start = anchor + 1;
    } else {
      // The last version of the previous page is gone: continue with the first version
      // that sorts after it.
      const after = versions.findIndex(
        v =>
          compareVersionsNewestFirst(
            {
              digest: cursor.digest,
              created: cursor.created,
              tags: cursor.semver ? [cursor.semver] : [],
            },
            v,
          ) < 0,
      );
      start = after < 0 ? versions.length : after;
    }
  }
  const items = versions.slice(start, start + limit);
  const response: ModelKitVersionsResponse = {
    repository: `${source.host}/${repository}`,
    items,
    skipped,
    truncated: tagList.truncated,
  };
  if (start + limit < versions.length && items.length > 0) {
    const last = items[items.length - 1];
    response.nextCursor = encodeCursor({
      digest: last.digest,
      created: last.created,
      semver: highestSemverText([...last.tags, last.version]),
    });
  }
  return response;
}

async function readVersion(
  source: OciSource,
  repository: string,
  tag: string,
  manifest: OciManifestResult,
  signal: AbortSignal | undefined,
): Promise<Read> {
  if (manifest.kind !== 'image') {
    throw new TypeError('Only image manifests are read as ModelKits');
  }
  const config = await source.getBlob(repository, manifest.manifest.config, {
    signal,
  });
  try {
    return {
      ok: true,
      version: toModelKitVersion({
        source: source.name,
        host: source.host,
        repository,
        reference: tag,
        manifest,
        config,
      }),
    };
  } catch (error) {
    if (ModelKitError.is(error)) {
      return { ok: false, error };
    }
    throw error;
  }
}

function checkLimit(limit: number | undefined): number {
  if (limit === undefined) {
    return DEFAULT_LIMIT;
  }
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InputError(
      `limit must be an integer from 1 to ${MAX_LIMIT}, got ${String(
        limit,
      ).slice(0, 20)}`,
    );
  }
  return limit;
}

/** Where the previous page ended: its last version and the fields it is sorted by. */
type Cursor = { digest: string; created?: string; semver?: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(
    JSON.stringify({ d: cursor.digest, c: cursor.created, s: cursor.semver }),
  ).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const invalid = () =>
    new InputError(
      'cursor is not valid; pass the nextCursor of a previous page unchanged',
    );
  if (
    typeof text !== 'string' ||
    text.length > 512 ||
    !/^[A-Za-z0-9_-]+$/.test(text)
  ) {
    throw invalid();
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid();
  }
  const { d, c, s } = value as { d?: unknown; c?: unknown; s?: unknown };
  if (
    typeof d !== 'string' ||
    !isOciDigest(d) ||
    (c !== undefined &&
      (typeof c !== 'string' ||
        c.length > 64 ||
        Number.isNaN(Date.parse(c)))) ||
    (s !== undefined &&
      (typeof s !== 'string' || s.length > 128 || !isSemver(s)))
  ) {
    throw invalid();
  }
  return {
    digest: d,
    ...(c !== undefined ? { created: c as string } : {}),
    ...(s !== undefined ? { semver: s as string } : {}),
  };
}
