import { createHash } from 'node:crypto';
import {
  groupVersionOf,
  ResourceRegistry,
  SimulatedResource,
} from './apiResources';

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

  constructor(registry: ResourceRegistry) {
    this.#registry = registry;
  }

  get resourceVersion(): string {
    return String(this.#revision);
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
    objects.set(keyOf(object.metadata.namespace, name), object);
    return structuredClone(object);
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
    const deleted = this.#objectsOf(resource).delete(
      keyOf(resource.namespaced ? namespace ?? 'default' : undefined, name),
    );
    if (deleted) {
      this.#revision += 1;
    }
    return deleted;
  }

  clear(): void {
    this.#byResource.clear();
    this.#revision += 1;
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

function keyOf(namespace: string | undefined, name: string): string {
  return namespace === undefined ? name : `${namespace}/${name}`;
}
