import type {
  ModelKitAnnotationChange,
  ModelKitDescriptor,
  ModelKitDiff,
  ModelKitKitfileChange,
  ModelKitLayer,
  ModelKitPartChange,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';

/** Fields that KitOps adds to Kitfile entries in the config; their changes show as parts. */
const LAYER_INFO_FIELDS = new Set(['digest', 'diffId']);

/**
 * Compares two ModelKit versions the way `kit diff` does, and says more: the Kitfile fields
 * that changed (with field paths), the parts added, removed, changed or unchanged (matched by
 * kind and path, compared by digest), manifest annotation changes and size deltas.
 *
 * @remarks
 *
 * Kitfile fields are compared value by value, arrays index by index (`datasets[1].path`); the
 * `digest` and `diffId` that KitOps records on each entry are left out, as `parts` shows those
 * changes. Parts without a path are matched by kind and digest. Parts are listed in the order
 * of the `to` version, followed by the parts only `from` has.
 *
 * @public
 */
export function diffModelKitVersions(
  from: ModelKitVersion,
  to: ModelKitVersion,
): ModelKitDiff {
  const kitfile: ModelKitKitfileChange[] = [];
  diffValues(
    withoutLayerInfo(from.kitfile, false),
    withoutLayerInfo(to.kitfile, false),
    '',
    kitfile,
  );
  return {
    repository: from.repository,
    from: { reference: from.reference, digest: from.digest, size: from.size },
    to: { reference: to.reference, digest: to.digest, size: to.size },
    identical: from.digest === to.digest,
    sameConfig: from.config.digest === to.config.digest,
    kitfile,
    parts: diffParts(from.layers, to.layers),
    annotations: diffAnnotations(from.annotations, to.annotations),
    sizeDelta: to.size - from.size,
  };
}

function diffParts(
  fromLayers: ModelKitLayer[],
  toLayers: ModelKitLayer[],
): ModelKitPartChange[] {
  const key = (layer: ModelKitLayer) =>
    layer.path !== undefined
      ? `${layer.kind}\u0000path\u0000${layer.path}`
      : `${layer.kind}\u0000digest\u0000${layer.digest}`;
  const remaining = new Map<string, ModelKitLayer[]>();
  for (const layer of fromLayers) {
    const list = remaining.get(key(layer)) ?? [];
    list.push(layer);
    remaining.set(key(layer), list);
  }
  const parts: ModelKitPartChange[] = [];
  for (const layer of toLayers) {
    const candidates = remaining.get(key(layer)) ?? [];
    const sameIndex = candidates.findIndex(c => c.digest === layer.digest);
    const [match] = candidates.splice(sameIndex >= 0 ? sameIndex : 0, 1);
    let change: ModelKitPartChange['change'] = 'added';
    if (match) {
      change = match.digest === layer.digest ? 'unchanged' : 'changed';
    }
    parts.push(part(layer, match, layer, change));
  }
  for (const layer of fromLayers) {
    const list = remaining.get(key(layer));
    const index = list?.indexOf(layer) ?? -1;
    if (index >= 0) {
      list!.splice(index, 1);
      parts.push(part(layer, layer, undefined, 'removed'));
    }
  }
  return parts;
}

function part(
  layer: ModelKitLayer,
  from: ModelKitLayer | undefined,
  to: ModelKitLayer | undefined,
  change: ModelKitPartChange['change'],
): ModelKitPartChange {
  return {
    kind: layer.kind,
    ...(layer.path !== undefined ? { path: layer.path } : {}),
    change,
    ...(from ? { from: descriptor(from) } : {}),
    ...(to ? { to: descriptor(to) } : {}),
    sizeDelta: (to?.size ?? 0) - (from?.size ?? 0),
  };
}

function descriptor(layer: ModelKitLayer): ModelKitDescriptor {
  return { mediaType: layer.mediaType, digest: layer.digest, size: layer.size };
}

function diffAnnotations(
  from: Record<string, string>,
  to: Record<string, string>,
): ModelKitAnnotationChange[] {
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort();
  const changes: ModelKitAnnotationChange[] = [];
  for (const key of keys) {
    const a = Object.hasOwn(from, key) ? from[key] : undefined;
    const b = Object.hasOwn(to, key) ? to[key] : undefined;
    if (a === b) {
      continue;
    }
    if (a === undefined) {
      changes.push({ key, change: 'added', to: b });
    } else if (b === undefined) {
      changes.push({ key, change: 'removed', from: a });
    } else {
      changes.push({ key, change: 'changed', from: a, to: b });
    }
  }
  return changes;
}

function diffValues(
  a: unknown,
  b: unknown,
  path: string,
  changes: ModelKitKitfileChange[],
) {
  if (deepEqual(a, b)) {
    return;
  }
  const where = path || '(root)';
  if (a === undefined) {
    changes.push({ path: where, change: 'added', to: b });
    return;
  }
  if (b === undefined) {
    changes.push({ path: where, change: 'removed', from: a });
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      diffValues(a[i], b[i], `${path}[${i}]`, changes);
    }
    return;
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a)];
    for (const key of Object.keys(b)) {
      if (!Object.hasOwn(a, key)) {
        keys.push(key);
      }
    }
    for (const key of keys) {
      diffValues(
        Object.hasOwn(a, key) ? a[key] : undefined,
        Object.hasOwn(b, key) ? b[key] : undefined,
        joinPath(path, key),
        changes,
      );
    }
    return;
  }
  changes.push({ path: where, change: 'changed', from: a, to: b });
}

function joinPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$-]*$/.test(key)
    ? `${path ? `${path}.` : ''}${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

/** A copy without the layer `digest` and `diffId` fields, except inside free-form parameters. */
function withoutLayerInfo(value: unknown, inParameters: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map(item => withoutLayerInfo(item, inParameters));
  }
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (!inParameters && LAYER_INFO_FIELDS.has(key)) {
        continue;
      }
      out[key] = withoutLayerInfo(item, inParameters || key === 'parameters');
    }
    return out;
  }
  return value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every(key => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
    );
  }
  return false;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
