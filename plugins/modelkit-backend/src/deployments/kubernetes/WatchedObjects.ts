import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';

function keyOf(object: KubernetesObjectLike): string {
  const { namespace, name } = object.metadata ?? {};
  return `${namespace ?? ''}/${name ?? ''}`;
}

/**
 * The resource version of an object, when it has one.
 *
 * @internal
 */
export function resourceVersionOf(object: unknown): string | undefined {
  const version = (object as { metadata?: { resourceVersion?: unknown } })
    ?.metadata?.resourceVersion;
  return typeof version === 'string' && version ? version : undefined;
}

/** Whether two objects are the same version of one object: same uid and resource version. */
function sameVersion(
  a: KubernetesObjectLike,
  b: KubernetesObjectLike,
): boolean {
  const version = resourceVersionOf(b);
  return (
    version !== undefined &&
    resourceVersionOf(a) === version &&
    a.metadata?.uid === b.metadata?.uid
  );
}

/**
 * The objects of one resource type on one cluster, by namespace and name; each change answers
 * the objects it changed (before and after the change).
 *
 * @internal
 */
export class WatchedObjects {
  #objects = new Map<string, KubernetesObjectLike>();

  /** The objects, in no particular order. */
  values(): KubernetesObjectLike[] {
    return [...this.#objects.values()];
  }

  /**
   * Replaces every object with the listed ones; an object is changed when it is new, gone, or
   * has another uid or another (or no) resource version. An unchanged object stays the one
   * already kept, so a re-list that finds what the watch had seen changes nothing: no object,
   * and nothing computed from them.
   */
  replace(items: readonly KubernetesObjectLike[]): KubernetesObjectLike[] {
    const next = new Map<string, KubernetesObjectLike>();
    const changed: KubernetesObjectLike[] = [];
    for (const object of items) {
      const key = keyOf(object);
      const before = this.#objects.get(key);
      if (before && sameVersion(before, object)) {
        next.set(key, before);
        continue;
      }
      changed.push(...(before ? [before] : []), object);
      next.set(key, object);
    }
    for (const [key, before] of this.#objects) {
      if (!next.has(key)) changed.push(before);
    }
    this.#objects = next;
    return changed;
  }

  /** Sets or deletes one object, as an `ADDED`, `MODIFIED` or `DELETED` event says. */
  apply(
    type: 'ADDED' | 'MODIFIED' | 'DELETED',
    current: KubernetesObjectLike,
  ): KubernetesObjectLike[] {
    const key = keyOf(current);
    const before = this.#objects.get(key);
    if (type === 'DELETED') {
      this.#objects.delete(key);
    } else {
      this.#objects.set(key, current);
    }
    return before ? [before, current] : [current];
  }
}
