import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import type { ClusterSnapshot } from './readClusterSnapshot';

/**
 * How a snapshot kept current by watches relates to the earlier snapshots of its cluster:
 * what changed since one of them, so results computed on an earlier snapshot can be kept
 * for the services the change does not touch.
 *
 * @internal
 */
export interface SnapshotChanges {
  /** The same object for every snapshot of one cluster's watches. */
  series: object;
  /** Grows with every change; snapshots of one generation are the same object. */
  generation: number;
  /**
   * The objects (before and after each change) changed after an earlier generation, up to
   * this snapshot's; undefined when that is no longer known.
   */
  since(generation: number): KubernetesObjectLike[] | undefined;
}

const changesBySnapshot = new WeakMap<ClusterSnapshot, SnapshotChanges>();

/**
 * Remembers how a snapshot relates to the earlier ones, outside the snapshot so no view
 * serializes it.
 *
 * @internal
 */
export function recordSnapshotChanges(
  snapshot: ClusterSnapshot,
  changes: SnapshotChanges,
): void {
  changesBySnapshot.set(snapshot, changes);
}

/**
 * How a snapshot relates to the earlier ones; undefined for a snapshot read by a one-time
 * list.
 *
 * @internal
 */
export function changesOf(
  snapshot: ClusterSnapshot,
): SnapshotChanges | undefined {
  return changesBySnapshot.get(snapshot);
}
