import { toError } from '@backstage/errors';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  ModelKitEntityName,
  ModelKitVersionPolicyStatus,
} from '@kitstage/plugin-modelkit-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { modelkitApiRef } from '../api';

/**
 * The policy status of the versions of a ModelKit, loaded in batches.
 *
 * @public
 */
export interface ModelKitPolicyStatusState {
  /** The status of each digest loaded so far. */
  statuses: ReadonlyMap<string, ModelKitVersionPolicyStatus>;
  /** Digests whose status is being loaded. */
  pending: ReadonlySet<string>;
  /** The lifecycle whose policy was evaluated, once a batch loaded. */
  lifecycle?: string;
  /** Why the last batch failed to load. */
  error?: Error;
  /** Loads the statuses that failed again. */
  retry(): void;
}

interface Loaded {
  key: string;
  statuses: Map<string, ModelKitVersionPolicyStatus>;
  pending: Set<string>;
  failed: Set<string>;
  lifecycle?: string;
  error?: Error;
}

function empty(key: string): Loaded {
  return {
    key,
    statuses: new Map(),
    pending: new Set(),
    failed: new Set(),
  };
}

/**
 * Loads the attestation policy status of many versions of a ModelKit with one
 * request per batch rather than one per version. When more digests come
 * (another page of versions), only the new ones are asked for; a failed batch
 * is not asked again until `retry`.
 *
 * @param entity - The ModelKit entity.
 * @param digests - Manifest digests of the versions shown.
 * @public
 */
export function useModelKitPolicyStatus(
  entity: ModelKitEntityName,
  digests: readonly string[],
): ModelKitPolicyStatusState {
  const api = useApi(modelkitApiRef);
  const { namespace, name } = entity;
  const key = `${namespace}/${name}`;
  const [state, setState] = useState<Loaded>(() => empty(key));
  // The latest state, to tell which digests still need asking for without
  // making the effect depend on every update.
  const current = useRef(state);
  current.current = state.key === key ? state : empty(key);
  const digestList = [...new Set(digests)].join(',');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const loaded = current.current;
    const wanted = digestList
      .split(',')
      .filter(
        digest =>
          digest &&
          !loaded.statuses.has(digest) &&
          !loaded.pending.has(digest) &&
          !loaded.failed.has(digest),
      );
    if (wanted.length === 0) {
      return;
    }
    const pending = new Set([...loaded.pending, ...wanted]);
    setState({ ...loaded, pending });
    current.current = { ...loaded, pending };
    api.getPolicyStatus({ namespace, name }, wanted).then(
      response => {
        setState(s => {
          if (s.key !== key) {
            return s;
          }
          const statuses = new Map(s.statuses);
          for (const item of response.items) {
            statuses.set(item.digest, item);
          }
          const stillPending = new Set(s.pending);
          wanted.forEach(d => stillPending.delete(d));
          return {
            ...s,
            statuses,
            pending: stillPending,
            lifecycle: response.lifecycle,
          };
        });
      },
      error => {
        setState(s => {
          if (s.key !== key) {
            return s;
          }
          const stillPending = new Set(s.pending);
          wanted.forEach(d => stillPending.delete(d));
          return {
            ...s,
            pending: stillPending,
            failed: new Set([...s.failed, ...wanted]),
            error: toError(error),
          };
        });
      },
    );
    // The state is read through `current`: only new digests, another entity
    // or a retry start a request, not the updates this request makes.
  }, [api, namespace, name, key, digestList, attempt]);

  const retry = useCallback(() => {
    setState(s => ({ ...s, failed: new Set(), error: undefined }));
    current.current = {
      ...current.current,
      failed: new Set(),
      error: undefined,
    };
    setAttempt(a => a + 1);
  }, []);

  const shown = state.key === key ? state : empty(key);
  return {
    statuses: shown.statuses,
    pending: shown.pending,
    lifecycle: shown.lifecycle,
    error: shown.error,
    retry,
  };
}
