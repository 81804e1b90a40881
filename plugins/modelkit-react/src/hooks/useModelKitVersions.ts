import { useApi } from '@backstage/frontend-plugin-api';
import { toError } from '@backstage/errors';
import {
  ModelKitEntityName,
  ModelKitVersionsResponse,
  ModelKitVersionSummary,
} from '@kitstage/plugin-modelkit-common';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { modelkitApiRef } from '../api';

/**
 * The versions of a ModelKit loaded so far, newest first, and what it takes to
 * load more.
 *
 * @public
 */
export interface ModelKitVersionsState {
  /** True while the first page loads. */
  loading: boolean;
  /** Why the first page failed to load. */
  error?: Error;
  /** The OCI repository the versions come from, once the first page loaded. */
  repository?: string;
  /** The versions of every page loaded, newest first, each digest once. */
  versions: ModelKitVersionSummary[];
  /** Tags of the repository that are not ModelKits. */
  skipped: NonNullable<ModelKitVersionsResponse['skipped']>;
  /**
   * True when the repository has more tags than the registry settings allow
   * the backend to read, so older versions may be missing.
   */
  truncated: boolean;
  /** True when the backend has older versions to load. */
  hasMore: boolean;
  /** True while a further page loads. */
  loadingMore: boolean;
  /** Why the last further page failed to load. */
  loadMoreError?: Error;
  /** Loads the next page of older versions. */
  loadMore(): void;
  /** Loads the versions again from the first page. */
  retry(): void;
}

interface Pages {
  loading: boolean;
  error?: Error;
  pages: ModelKitVersionsResponse[];
  loadingMore: boolean;
  loadMoreError?: Error;
}

const INITIAL: Pages = { loading: true, pages: [], loadingMore: false };

function mergeVersions(
  pages: ModelKitVersionsResponse[],
): ModelKitVersionSummary[] {
  // A tag pushed between two page requests can move a version onto the next
  // page; each digest is listed once, where it first appeared.
  const seen = new Set<string>();
  const versions: ModelKitVersionSummary[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      if (!seen.has(item.digest)) {
        seen.add(item.digest);
        versions.push(item);
      }
    }
  }
  return versions;
}

/**
 * Lists the versions of a ModelKit page by page through the ModelKit API,
 * following the backend's cursor.
 *
 * @param entity - The ModelKit entity.
 * @param options - `pageSize`: how many versions to ask for per page (the
 *   backend's default when left out).
 * @public
 */
export function useModelKitVersions(
  entity: ModelKitEntityName,
  options?: { pageSize?: number },
): ModelKitVersionsState {
  const api = useApi(modelkitApiRef);
  const pageSize = options?.pageSize;
  const { namespace, name } = entity;
  const [state, setState] = useState<Pages>(INITIAL);
  const [attempt, setAttempt] = useState(0);
  // Responses of an earlier entity or attempt are dropped.
  const generation = useRef(0);
  const loadingMore = useRef(false);

  useEffect(() => {
    const current = ++generation.current;
    loadingMore.current = false;
    setState(INITIAL);
    api.listVersions({ namespace, name }, { limit: pageSize }).then(
      page => {
        if (generation.current === current) {
          setState({ loading: false, pages: [page], loadingMore: false });
        }
      },
      error => {
        if (generation.current === current) {
          setState({
            loading: false,
            error: toError(error),
            pages: [],
            loadingMore: false,
          });
        }
      },
    );
  }, [api, namespace, name, pageSize, attempt]);

  const cursor = state.pages[state.pages.length - 1]?.nextCursor;

  const loadMore = useCallback(() => {
    if (!cursor || loadingMore.current) {
      return;
    }
    const current = generation.current;
    loadingMore.current = true;
    setState(s => ({ ...s, loadingMore: true, loadMoreError: undefined }));
    api.listVersions({ namespace, name }, { cursor, limit: pageSize }).then(
      page => {
        if (generation.current === current) {
          loadingMore.current = false;
          setState(s => ({
            ...s,
            pages: [...s.pages, page],
            loadingMore: false,
          }));
        }
      },
      error => {
        if (generation.current === current) {
          loadingMore.current = false;
          setState(s => ({
            ...s,
            loadingMore: false,
            loadMoreError: toError(error),
          }));
        }
      },
    );
  }, [api, namespace, name, pageSize, cursor]);

  const retry = useCallback(() => setAttempt(a => a + 1), []);
  // The same arrays while the pages stay the same, so that tables and effects
  // given them do not start over on every render.
  const versions = useMemo(() => mergeVersions(state.pages), [state.pages]);
  const skipped = useMemo(
    () => state.pages.flatMap(page => page.skipped ?? []),
    [state.pages],
  );

  return {
    loading: state.loading,
    error: state.error,
    repository: state.pages[0]?.repository,
    versions,
    skipped,
    truncated: state.pages.some(page => page.truncated === true),
    hasMore: Boolean(cursor),
    loadingMore: state.loadingMore,
    loadMoreError: state.loadMoreError,
    loadMore,
    retry,
  };
}
