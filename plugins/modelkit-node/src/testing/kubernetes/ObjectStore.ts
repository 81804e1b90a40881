import { createHash } from 'node:crypto';
import {
  groupVersionOf,
  ResourceRegistry,
  SimulatedResource,
} from './apiResources';
import {
  completeArgoCdWork,
  hasPendingArgoCdWork,
  reactToPatch,
} from './controllerReactions';

/**
 * A Kubernetes object as the simulator stores and serves it.
 *
 * @public
 */
export interface KubernetesObject {
  /** The group and version of the object's kind, e.g. `apps/v1` or `v1` for the core group. */
  apiVersion: string;
  /** The object's kind, e.g. `Deployment`. */
  kind: string;
  /**
   * The object's name, its namespace unless the kind is cluster-scoped, and the fields the
   * simulator fills in when they are missing (uid, resource version, generation, creation
   * time).
   */
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    creationTimestamp?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  /** Any other field of the object, such as `spec` and `status`, served as given. */
  [key: string]: unknown;
}

/** A stored object and the key it is ordered by, as etcd orders `/registry/<r>/<ns>/<name>`. */
export interface StoredObject {
  key: string;
  object: KubernetesObject;
}

/**
 * One change of a stored object, as a watch streams it: the object as it is after the change
 * (for `DELETED`, as it was, with the deletion's resource version).
 */
export interface StoreEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  resource: SimulatedResource;
  revision: number;
  object: KubernetesObject;
}

/** How many past changes the store keeps for watches that resume from a resource version. */
const HISTORY_LIMIT = 10_000;

/** A deterministic UUID-shaped uid, so fixtures compare equal across runs. */
export function uidFor(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(
    13,
    16,
  )}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The objects of one simulated cluster, with a cluster-wide resource version that grows on
 * every change, like etcd's revision.
 */
export class ObjectStore {
  readonly #registry: ResourceRegistry;
  readonly #byResource = new Map<
    SimulatedResource,
    Map<string, KubernetesObject>
  >();
  #revision = 1000;
  /** Past changes, oldest first, for watches resuming from a resource version. */
  readonly #history: StoreEvent[] = [];
  /** Watches older than this revision get 410 Gone, as after an etcd compaction. */
  #compacted = 1000;
  readonly #listeners = new Set<(event: StoreEvent) => void>();

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  get resourceVersion(): string {
    return String(this.#revision);
  }

  /** The oldest revision a watch may resume from; older ones get 410 Gone. */
  get compactedRevision(): number {
    return this.#compacted;
  }

  /** Forgets every past change, so watches resuming from an older revision get 410 Gone. */
  compact(): void {
    this.#history.length = 0;
    this.#compacted = this.#revision;
  }

  /**
   * The changes after a revision, oldest first, or undefined when the history no longer
   * reaches back to it (410 Gone).
   */
  changesSince(revision: number): StoreEvent[] | undefined {
    if (revision < this.#compacted) {
      return undefined;
    }
    return this.#history.filter(event => event.revision > revision);
  }

  /** Calls the listener on every change from now on; returns how to stop. */
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(
    type: StoreEvent['type'],
    resource: SimulatedResource,
    object: KubernetesObject,
  ) {
    const event: StoreEvent = {
      type,
      resource,
      revision: this.#revision,
      object: structuredClone(object),
    };
    this.#history.push(event);
    if (this.#history.length > HISTORY_LIMIT) {
      const dropped = this.#history.splice(
        0,
        this.#history.length - HISTORY_LIMIT,
      );
      this.#compacted = dropped[dropped.length - 1].revision;
    }
    for (const listener of this.#listeners) {
      listener(event);
    }
  }

  /** Creates or replaces an object. Throws naming the object when it cannot be placed. */
  apply(input: KubernetesObject): KubernetesObject {
    if (!input || typeof input !== 'object') {
      throw new TypeError('A Kubernetes object must be an object');
    }
    const { apiVersion, kind } = input;
    const name = input.metadata?.name;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      throw new TypeError(
        `Object ${String(name)} needs a string apiVersion and kind`,
      );
    }
    if (typeof name !== 'string' || name.length === 0) {
      throw new TypeError(`A ${kind} needs metadata.name`);
    }
    const resource = this.#registry.byKind(apiVersion, kind);
    if (!resource) {
      throw new TypeError(
        `${kind} ${name}: the simulated cluster does not serve ${apiVersion} ${kind} (is its API installed?)`,
      );
    }
    const object = structuredClone(input);
    if (resource.namespaced) {
      object.metadata.namespace = object.metadata.namespace ?? 'default';
    } else if (object.metadata.namespace !== undefined) {
      throw new TypeError(
        `${kind} ${name} is cluster-scoped and cannot have metadata.namespace`,
      );
    }
    this.#revision += 1;
    object.metadata.resourceVersion = String(this.#revision);
    object.metadata.uid =
      object.metadata.uid ??
      uidFor(
        `${groupVersionOf(resource)}/${kind}/${
          object.metadata.namespace ?? ''
        }/${name}`,
      );
    object.metadata.creationTimestamp =
      object.metadata.creationTimestamp ?? new Date().toISOString();
    const objects = this.#objectsOf(resource);
    const key = keyOf(object.metadata.namespace, name);
    const existed = objects.has(key);
    objects.set(key, object);
    this.#emit(existed ? 'MODIFIED' : 'ADDED', resource, object);
    return structuredClone(object);
  }

  /**
   * Applies a JSON merge patch (RFC 7386) to a stored object, as `PATCH` with
   * `application/merge-patch+json` does: a new resource version, `metadata.generation`
   * incremented when `spec` changed, and a `MODIFIED` change. The object's identity (kind,
   * API version, name, namespace, uid) cannot be patched. The simulator also stands in for
   * the object's controller, which answers at once (see `reactToPatch`); Argo CD's application
   * controller finishes a refresh or sync in a second change right after. Returns the patched object, or
   * undefined when there is no such object.
   */
  patch(
    resource: SimulatedResource,
    namespace: string | undefined,
    name: string,
    patch: Record<string, unknown>,
  ): KubernetesObject | undefined {
    const objects = this.#objectsOf(resource);
    const key = keyOf(namespace, name);
    const current = objects.get(key);
    if (!current) {
      return undefined;
    }
    const patched = mergePatch(
      structuredClone(current),
      patch,
    ) as KubernetesObject;
    patched.apiVersion = current.apiVersion;
    patched.kind = current.kind;
    patched.metadata = {
      ...(isPlainObject(patched.metadata) ? patched.metadata : {}),
      name: current.metadata.name,
      namespace: current.metadata.namespace,
      uid: current.metadata.uid,
      creationTimestamp: current.metadata.creationTimestamp,
    };
    if (current.metadata.namespace === undefined) {
      delete patched.metadata.namespace;
    }
    if (JSON.stringify(patched.spec) !== JSON.stringify(current.spec)) {
      patched.metadata.generation = (current.metadata.generation ?? 1) + 1;
    }
    reactToPatch(current, patched, new Date());
    this.#revision += 1;
    patched.metadata.resourceVersion = String(this.#revision);
    objects.set(key, patched);
    this.#emit('MODIFIED', resource, patched);
    if (hasPendingArgoCdWork(patched)) {
      // Argo CD's application controller acts after the API server stored the request.
      setImmediate(() => this.#completeArgoCdWork(resource, key));
    }
    return structuredClone(patched);
  }

  /** Argo CD's application controller finishing a refresh or sync: one more change. */
  #completeArgoCdWork(resource: SimulatedResource, key: string) {
    const objects = this.#objectsOf(resource);
    const current = objects.get(key);
    const next = current && completeArgoCdWork(current, new Date());
    if (!next) {
      return;
    }
    this.#revision += 1;
    next.metadata.resourceVersion = String(this.#revision);
    objects.set(key, next);
    this.#emit('MODIFIED', resource, next);
  }

  /** Deletes an object; returns whether it existed. */
  delete(
    apiVersion: string,
    kind: string,
    namespace: string | undefined,
    name: string,
  ): boolean {
    const resource = this.#registry.byKind(apiVersion, kind);
    if (!resource) {
      return false;
    }
    const objects = this.#objectsOf(resource);
    const key = keyOf(
      resource.namespaced ? namespace ?? 'default' : undefined,
      name,
    );
    const object = objects.get(key);
    if (!object) {
      return false;
    }
    objects.delete(key);
    this.#deleted(resource, object);
    return true;
  }

  /** Deletes every object, each a `DELETED` change. */
  clear(): void {
    const all = [...this.#byResource.entries()];
    this.#byResource.clear();
    for (const [resource, objects] of all) {
      for (const object of objects.values()) {
        this.#deleted(resource, object);
      }
    }
    this.#revision += 1;
  }

  #deleted(resource: SimulatedResource, object: KubernetesObject) {
    this.#revision += 1;
    this.#emit('DELETED', resource, {
      ...object,
      metadata: { ...object.metadata, resourceVersion: String(this.#revision) },
    });
  }

  /** The objects of a resource, ordered by key; within one namespace when given. */
  list(resource: SimulatedResource, namespace?: string): StoredObject[] {
    const objects = [...this.#objectsOf(resource).entries()]
      .filter(
        ([, object]) =>
          namespace === undefined || object.metadata.namespace === namespace,
      )
      .map(([key, object]) => ({ key, object }));
    // Plain code-unit order, the order continue tokens compare keys in.
    return objects.sort((a, b) => {
      if (a.key === b.key) {
        return 0;
      }
      return a.key < b.key ? -1 : 1;
    });
  }

  get(
    resource: SimulatedResource,
    namespace: string | undefined,
    name: string,
  ): KubernetesObject | undefined {
    return this.#objectsOf(resource).get(keyOf(namespace, name));
  }

  /** How many objects are stored in total. */
  get size(): number {
    let size = 0;
    for (const objects of this.#byResource.values()) {
      size += objects.size;
    }
    return size;
  }

  #objectsOf(resource: SimulatedResource) {
    let objects = this.#byResource.get(resource);
    if (!objects) {
      objects = new Map();
      this.#byResource.set(resource, objects);
    }
    return objects;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON merge patch (RFC 7386): objects merge key by key, `null` removes a key, anything else
 * (arrays included) replaces the target.
 *
 * @internal
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) {
    return structuredClone(patch);
  }
  const result: Record<string, unknown> = isPlainObject(target)
    ? { ...target }
    : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) {
      delete result[key];
    } else {
      result[key] = mergePatch(result[key], value);
    }
  }
  return result;
}

function keyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}
