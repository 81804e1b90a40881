import type {
  DeployedModelKit,
  DeploymentHealth,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from './kubernetes/readClusterSnapshot';
import { changesOf } from './kubernetes/snapshotChanges';
import {
  MatchedObjects,
  matchService,
  selectsObject,
  ServiceMatcher,
} from './matching/matchService';
import { matchesLabelSelector } from './matching/labelSelector';
import {
  labelsOf,
  nameOf,
  namespaceOf,
  ownerUidsOf,
  readPath,
  readString,
  uidOf,
} from './matching/objects';
import { KUBERNETES_ID_LABEL, SnapshotIndex } from './matching/SnapshotIndex';
import {
  CollectedModelKit,
  collectModelKits,
} from './modelkits/collectModelKits';

/**
 * What one service is on one cluster, whoever asks: its objects and the ModelKit versions
 * they run, and the last evaluation of them.
 *
 * @internal
 */
export interface MemoizedService {
  matched: MatchedObjects;
  collected: CollectedModelKit[];
  /**
   * The evaluation, for the ModelKit entities and the resolution (digests, errors, policy
   * results) it was made with; the versions are resolved again after `expires`.
   */
  evaluated?: {
    entitiesKey: string;
    resolutionKey: string;
    expires: number;
    modelKits: DeployedModelKit[];
    health: DeploymentHealth;
  };
}

interface Entry extends MemoizedService {
  generation: number;
  /** The uids of the matched objects, and of those that own ReplicaSets and Pods. */
  uids: Set<string>;
  /**
   * The GitOps objects and sources the match looked up by name, found or not
   * (`Kind/namespace/name`, `Application//name` for Applications of any namespace), and the
   * workloads whose Applications it looked up, as an Application's `status.resources` names
   * them (`Kind/namespace/name`): noted while `matchService` ran (see `recordingIndex`).
   */
  gitOpsKeys: Set<string>;
  appliedKeys: Set<string>;
}

/** What changed between two generations of a cluster, as the memo asks about it. */
interface ChangeSummary {
  uids: Set<string>;
  ownerUids: Set<string>;
  kubernetesIds: Set<string>;
  labelled: KubernetesObjectLike[];
  /** The changed GitOps objects and sources, as {@link Entry.gitOpsKeys} names them. */
  gitOpsKeys: Set<string>;
  /** What the changed Applications list in `status.resources`, before and after. */
  trackedKeys: Set<string>;
  /** The changed GitOps objects, which match by their labels in any namespace. */
  gitOps: KubernetesObjectLike[];
}

function objectKey(
  kind: string | undefined,
  namespace: string | undefined,
  name: string,
) {
  return `${kind ?? ''}/${namespace ?? ''}/${name}`;
}

/** What a match looked up by name, as {@link Entry} keeps it. */
type Dependencies = Pick<Entry, 'gitOpsKeys' | 'appliedKeys'>;

/** A map that notes every key it is asked about. */
function noting<V>(map: Map<string, V>, note: (key: string) => void) {
  return {
    get(key: string): V | undefined {
      note(key);
      return map.get(key);
    },
  };
}

/**
 * The index as `matchService` reads it, noting every GitOps object and source it looks up by
 * name, found or not, and every workload whose Applications it looks up: the dependencies of
 * a match are what the match asked, so they cannot drift from how `matchService` follows
 * Flux labels, source references and Argo CD names and tracking. Keys are `Kind/namespace/
 * name` (`Application//name` for Applications of any namespace), as `summarizeGitOps` names
 * the changed objects.
 */
function recordingIndex(
  index: SnapshotIndex,
  dependencies: Dependencies,
): SnapshotIndex {
  const { gitOpsKeys, appliedKeys } = dependencies;
  const byName = (kind: string) => (key: string) =>
    gitOpsKeys.add(`${kind}/${key}`);
  const recorder = Object.create(index) as SnapshotIndex;
  Object.defineProperties(recorder, {
    kustomizations: {
      value: noting(index.kustomizations, byName('Kustomization')),
    },
    helmReleases: { value: noting(index.helmReleases, byName('HelmRelease')) },
    gitRepositories: {
      value: noting(index.gitRepositories, byName('GitRepository')),
    },
    ociRepositories: {
      value: noting(index.ociRepositories, byName('OCIRepository')),
    },
    helmRepositories: {
      value: noting(index.helmRepositories, byName('HelmRepository')),
    },
    buckets: { value: noting(index.buckets, byName('Bucket')) },
    applicationsByName: {
      value: noting(index.applicationsByName, name =>
        gitOpsKeys.add(objectKey('Application', undefined, name)),
      ),
    },
    // Keyed `Kind/namespace/name` of a workload, as Applications list it.
    applicationsByResource: {
      value: noting(index.applicationsByResource, key => appliedKeys.add(key)),
    },
  });
  return recorder;
}

const GITOPS_KINDS = new Set([
  'Kustomization',
  'HelmRelease',
  'GitRepository',
  'OCIRepository',
  'HelmRepository',
  'Bucket',
  'Application',
]);

function summarize(objects: KubernetesObjectLike[]): ChangeSummary {
  const summary: ChangeSummary = {
    uids: new Set(),
    ownerUids: new Set(),
    kubernetesIds: new Set(),
    labelled: [],
    gitOpsKeys: new Set(),
    trackedKeys: new Set(),
    gitOps: [],
  };
  for (const object of objects) {
    if (GITOPS_KINDS.has(object.kind ?? '')) summarizeGitOps(summary, object);
    const uid = uidOf(object);
    if (uid) summary.uids.add(uid);
    for (const owner of ownerUidsOf(object)) summary.ownerUids.add(owner);
    const id = labelsOf(object)?.[KUBERNETES_ID_LABEL];
    if (id) summary.kubernetesIds.add(id);
    summary.labelled.push(object);
  }
  return summary;
}

/** A changed GitOps object: its key and, for an Application, what it tracks. */
function summarizeGitOps(summary: ChangeSummary, object: KubernetesObjectLike) {
  summary.gitOps.push(object);
  const application = object.kind === 'Application';
  summary.gitOpsKeys.add(
    objectKey(
      object.kind,
      application ? undefined : namespaceOf(object),
      nameOf(object),
    ),
  );
  const resources = readPath(object.status, 'resources');
  if (!application || !Array.isArray(resources)) return;
  for (const resource of resources) {
    const name = readString(readPath(resource, 'name'));
    if (name) {
      summary.trackedKeys.add(
        objectKey(
          readString(readPath(resource, 'kind')),
          readString(readPath(resource, 'namespace')),
          name,
        ),
      );
    }
  }
}

function intersects(a: Set<string>, b: Set<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const value of small) if (large.has(value)) return true;
  return false;
}

/** Whether a change may alter what the service matches (conservatively: when in doubt, yes). */
function touches(
  entry: Entry,
  matcher: ServiceMatcher,
  change: ChangeSummary,
): boolean {
  // A GitOps object or source it looked up by name, or an Application tracking one of its
  // workloads, changed, came or went.
  if (intersects(entry.gitOpsKeys, change.gitOpsKeys)) return true;
  if (intersects(entry.appliedKeys, change.trackedKeys)) return true;
  // GitOps objects that carry the service's labels match in any namespace.
  if (
    change.gitOps.some(object =>
      matcher.labelSelector
        ? matchesLabelSelector(matcher.labelSelector, labelsOf(object))
        : matcher.selector.kubernetesId !== undefined &&
          labelsOf(object)?.[KUBERNETES_ID_LABEL] ===
            matcher.selector.kubernetesId,
    )
  ) {
    return true;
  }
  // A matched object changed or went, or an object owned by one of them did.
  if (intersects(entry.uids, change.uids)) return true;
  if (intersects(entry.uids, change.ownerUids)) return true;
  // An object the service selects by its labels changed, came or went.
  if (!matcher.labelSelector) {
    const id = matcher.selector.kubernetesId;
    return id !== undefined && change.kubernetesIds.has(id);
  }
  return change.labelled.some(object => selectsObject(matcher, object));
}

/**
 * Matching and ModelKit collection of services on clusters, kept per cluster and service
 * across requests and viewers.
 *
 * @remarks
 * For a cluster kept current by watches, a service's entry survives a change of the cluster
 * unless the change touches the service: one of its objects (or an object they own) changed,
 * an object its selector picks came, changed or went, a GitOps object or source it looks up
 * by name (Flux labels, source references, Argo CD application names and tracking) changed,
 * came or went, or an Application listing one of its workloads changed. So a change
 * recomputes the services it concerns, once, and every other service's objects, ModelKits
 * and health are reused from memory. For a
 * snapshot read by a one-time list, entries live as long as the snapshot.
 *
 * @internal
 */
export class ServiceMemo {
  readonly #bySeries = new WeakMap<object, Map<string, Entry>>();
  readonly #keys = new WeakMap<ServiceMatcher, string>();
  readonly #summaries = new WeakMap<
    object,
    { to: number; byFrom: Map<number, ChangeSummary | undefined> }
  >();

  /** The service's entry on the snapshot's cluster, computed when missing or touched. */
  of(snapshot: ClusterSnapshot, matcher: ServiceMatcher): MemoizedService {
    const changes = changesOf(snapshot);
    const series = changes?.series ?? snapshot;
    const generation = changes?.generation ?? 0;
    let entries = this.#bySeries.get(series);
    if (!entries) {
      entries = new Map();
      this.#bySeries.set(series, entries);
    }
    const key = this.#keyOf(matcher);
    let entry = entries.get(key);
    if (entry && entry.generation !== generation) {
      const change =
        changes && generation > entry.generation
          ? this.#summary(series, entry.generation, generation, changes.since)
          : undefined;
      if (change && !touches(entry, matcher, change)) {
        entry.generation = generation;
      } else {
        entry = undefined;
      }
    }
    if (!entry) {
      const dependencies: Dependencies = {
        gitOpsKeys: new Set(),
        appliedKeys: new Set(),
      };
      const matched = matchService(
        recordingIndex(SnapshotIndex.of(snapshot), dependencies),
        matcher,
      );
      const uids = new Set<string>();
      for (const list of Object.values(matched)) {
        for (const object of list) {
          const uid = uidOf(object);
          if (uid) uids.add(uid);
        }
      }
      entry = {
        generation,
        matched,
        collected: collectModelKits(matched),
        uids,
        ...dependencies,
      };
      entries.set(key, entry);
    }
    return entry;
  }

  /** The summary of the changes from one generation to another, made once per pair. */
  #summary(
    series: object,
    from: number,
    to: number,
    since: (generation: number) => KubernetesObjectLike[] | undefined,
  ): ChangeSummary | undefined {
    let cached = this.#summaries.get(series);
    if (!cached || cached.to !== to) {
      cached = { to, byFrom: new Map() };
      this.#summaries.set(series, cached);
    }
    if (!cached.byFrom.has(from)) {
      const objects = since(from);
      cached.byFrom.set(from, objects ? summarize(objects) : undefined);
    }
    return cached.byFrom.get(from);
  }

  #keyOf(matcher: ServiceMatcher): string {
    let key = this.#keys.get(matcher);
    if (key === undefined) {
      key = JSON.stringify([matcher.selector, matcher.argoCdAppNames ?? []]);
      this.#keys.set(matcher, key);
    }
    return key;
  }
}
