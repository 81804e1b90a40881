import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  formatOciRepository,
  isKitUri,
  parseKitUri,
  tryParseOciReference,
} from '../reference';
import type { LineageEntity } from './types';

/** Orders strings by code unit, the same on every machine and locale. */
export function compare(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

/** A reference in lower case, as node ids and repositories are compared. */
export function lower(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

/** The full entity reference (`kind:namespace/name`) of an entity, as written. */
export function entityRefOf(entity: LineageEntity): string {
  return stringifyEntityRef({
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
  });
}

/** An OCI reference as its repository (`host/path`) in lower case; undefined when invalid. */
export function normalizeRepository(value: string): string | undefined {
  const reference = tryParseOciReference(value.trim());
  return reference ? lower(formatOciRepository(reference)) : undefined;
}

/** A ModelKit reference: its repository (lower case) and the tag and digest it names. */
export interface ParsedModelKitReference {
  /** The OCI repository, `host/path`, in lower case. */
  repository: string;
  /** The tag, when the reference names one. */
  tag?: string;
  /** The manifest digest, when the reference names one. */
  digest?: string;
}

/** Reads a `kitstage.dev/modelkit` annotation: a `kit://` URI or an OCI reference. */
export function parseModelKitAnnotation(
  value: string,
): ParsedModelKitReference | undefined {
  const text = value.trim();
  try {
    const reference = isKitUri(text)
      ? parseKitUri(text)
      : tryParseOciReference(text);
    if (!reference) return undefined;
    return {
      repository: lower(formatOciRepository(reference)),
      ...(reference.tag ? { tag: reference.tag } : {}),
      ...(reference.digest ? { digest: reference.digest } : {}),
    };
  } catch {
    return undefined;
  }
}

/**
 * The `version` (a tag) and `digest` fields of a node or an edge for a reference, each only
 * when given, to spread into it.
 */
export function versionOf(reference: { tag?: string; digest?: string }): {
  version?: string;
  digest?: string;
} {
  return {
    ...(reference.tag ? { version: reference.tag } : {}),
    ...(reference.digest ? { digest: reference.digest } : {}),
  };
}
