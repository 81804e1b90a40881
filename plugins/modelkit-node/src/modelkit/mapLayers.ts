import {
  isModelKitReference,
  Kitfile,
  ModelKitLayer,
  ModelKitLayerKind,
} from '@kitstage/plugin-modelkit-common';
import { OciDescriptor } from '../registry/types';
import {
  compressionOf,
  ModelKitAnnotations,
  parseModelKitLayerMediaType,
} from './mediaTypes';

type Entry = Record<string, unknown>;

/**
 * Pairs each layer of a ModelKit manifest with the Kitfile entry it holds, the way the KitOps
 * CLI unpacks them.
 *
 * @remarks
 *
 * The media type gives the kind (a code-type layer annotated
 * `ml.kitops.modelkit.layer-subtype: prompt` holds a prompt). Within a kind, layers follow the
 * order of the Kitfile section (`model`, `model.parts`, `code`, `prompts`, `datasets`, `docs`,
 * `mcpServers`), skipping datasets with a `remotePath`, which have no layer, and a `model.path`
 * that refers to another ModelKit. A Kitfile entry that records its layer `digest` is matched by
 * it first, then an entry whose path equals the layer's `org.cncf.model.filepath` annotation,
 * then the next entry in order (when that entry records no other digest). The path comes from
 * the entry, else from the annotation.
 *
 * @public
 */
export function mapModelKitLayers(
  layers: OciDescriptor[],
  kitfile: Kitfile,
): ModelKitLayer[] {
  const sections = kitfileSections(kitfile);
  const used = new Map<ModelKitLayerKind, Set<number>>();
  return layers.map(layer => {
    const mediaType = parseModelKitLayerMediaType(layer.mediaType);
    let kind: ModelKitLayerKind = mediaType?.kind ?? 'unknown';
    if (
      kind === 'code' &&
      layer.annotations?.[ModelKitAnnotations.layerSubtype] === 'prompt'
    ) {
      kind = 'prompt';
    }
    const annotatedPath = text(
      layer.annotations?.[ModelKitAnnotations.filepath],
    );
    let entry: Entry | undefined;
    if (kind !== 'unknown') {
      const taken = used.get(kind) ?? new Set<number>();
      used.set(kind, taken);
      const index = pick(sections[kind] ?? [], taken, layer, annotatedPath);
      if (index !== undefined) {
        taken.add(index);
        entry = sections[kind]![index];
      }
    }
    const path = text(entry?.path) ?? annotatedPath;
    const name = text(entry?.name);
    return {
      kind,
      mediaType: layer.mediaType,
      digest: layer.digest,
      size: layer.size,
      compression: mediaType?.compression ?? compressionOf(layer.mediaType),
      ...(path !== undefined ? { path } : {}),
      ...(name !== undefined ? { name } : {}),
      ...(layer.annotations && Object.keys(layer.annotations).length
        ? { annotations: { ...layer.annotations } }
        : {}),
    };
  });
}

function kitfileSections(
  kitfile: Kitfile,
): Partial<Record<ModelKitLayerKind, Entry[]>> {
  const model = kitfile.model;
  const modelPath = model?.path;
  const entries = (value: unknown): Entry[] =>
    Array.isArray(value) ? value.filter(isRecord) : [];
  return {
    model:
      model &&
      !(typeof modelPath === 'string' && isModelKitReference(modelPath))
        ? [model]
        : [],
    'model-part': entries(model?.parts),
    code: entries(kitfile.code),
    prompt: entries(kitfile.prompts),
    dataset: entries(kitfile.datasets).filter(
      d => !(typeof d.remotePath === 'string' && d.remotePath !== ''),
    ),
    docs: entries(kitfile.docs),
    'mcp-server': entries(kitfile.mcpServers),
  };
}

function pick(
  entries: Entry[],
  taken: Set<number>,
  layer: OciDescriptor,
  annotatedPath: string | undefined,
): number | undefined {
  const free = (i: number) => !taken.has(i);
  let index = entries.findIndex((e, i) => free(i) && e.digest === layer.digest);
  if (index < 0 && annotatedPath !== undefined) {
    const wanted = cleanPath(annotatedPath);
    index = entries.findIndex(
      (e, i) =>
        free(i) &&
        typeof e.path === 'string' &&
        cleanPath(e.path) === wanted &&
        (e.digest === undefined || e.digest === layer.digest),
    );
  }
  if (index < 0) {
    index = entries.findIndex((_, i) => free(i));
    if (
      index >= 0 &&
      entries[index].digest !== undefined &&
      entries[index].digest !== layer.digest
    ) {
      // The next entry records another layer: the Kitfile and the manifest disagree.
      return undefined;
    }
  }
  return index < 0 ? undefined : index;
}

/** Normalises a relative path the way Go's `filepath.Clean` does for the common cases. */
function cleanPath(path: string): string {
  const parts: string[] = [];
  for (const part of path.trim().split('/')) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..' && parts.length && parts[parts.length - 1] !== '..') {
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return parts.join('/') || '.';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Entry {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
