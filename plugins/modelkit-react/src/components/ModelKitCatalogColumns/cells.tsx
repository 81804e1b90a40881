import { DEFAULT_NAMESPACE, Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_MODELKIT_LATEST_SIZE,
  ANNOTATION_MODELKIT_LATEST_VERSION,
  isModelKitEntity,
} from '@kitstage/plugin-modelkit-common';
import Typography from '@material-ui/core/Typography';
import { useMemo } from 'react';
import { useModelKitLatestSummary } from '../../hooks/useModelKitLatestSummary';
import { formatBytes, shortDigest } from '../../lib/format';
import { VersionPolicyBadge } from '../VersionPolicyBadge';

/**
 * Annotations the catalog module may write on ModelKit entities with the
 * newest version and its size; read when present, so that the table needs no
 * request for them.
 */
export const LATEST_VERSION_ANNOTATIONS = [
  ANNOTATION_MODELKIT_LATEST_VERSION,
  'kitstage.dev/latest-tag',
];
export const LATEST_SIZE_ANNOTATIONS = [
  ANNOTATION_MODELKIT_LATEST_SIZE,
  'kitstage.dev/size',
];

function annotation(entity: Entity, keys: string[]): string | undefined {
  const annotations = entity.metadata.annotations ?? {};
  for (const key of keys) {
    const value = annotations[key]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * The framework of a ModelKit entity (`spec.framework`), if it is a string.
 *
 * @public
 */
export function modelKitFramework(entity: Entity): string | undefined {
  const framework = entity.spec?.framework;
  return typeof framework === 'string' && framework.trim()
    ? framework.trim()
    : undefined;
}

/** The newest version named by an annotation, if any. */
export function annotatedLatestVersion(entity: Entity): string | undefined {
  return annotation(entity, LATEST_VERSION_ANNOTATIONS);
}

/** The size in bytes named by an annotation, if it is a whole number. */
export function annotatedLatestSize(entity: Entity): number | undefined {
  const value = annotation(entity, LATEST_SIZE_ANNOTATIONS);
  if (!value || !/^\d+$/.test(value)) return undefined;
  const size = Number(value);
  return Number.isSafeInteger(size) ? size : undefined;
}

function useEntityName(entity: Entity) {
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const name = entity.metadata.name;
  return useMemo(() => ({ namespace, name }), [namespace, name]);
}

function Dash(props: { title: string }) {
  return (
    <Typography
      variant="caption"
      color="textSecondary"
      title={props.title}
      aria-label={props.title}
    >
      -
    </Typography>
  );
}

/**
 * The newest version of a ModelKit: its tags, from the annotation or the backend.
 *
 * @public
 */
export function ModelKitLatestVersionCell(props: { entity: Entity }) {
  const annotated = annotatedLatestVersion(props.entity);
  if (annotated) return <>{annotated}</>;
  return <FetchedLatestVersion entity={props.entity} />;
}

function FetchedLatestVersion(props: { entity: Entity }) {
  const summary = useModelKitLatestSummary(useEntityName(props.entity));
  if (summary.loading) return <Dash title="Loading" />;
  const version = summary.value?.version;
  if (!version)
    return <Dash title={summary.error ? 'Not available' : 'No version'} />;
  const tag = version.tags.find(t => t !== 'latest') ?? version.tags[0];
  return <>{tag ?? version.version ?? shortDigest(version.digest)}</>;
}

/**
 * The size of the newest version of a ModelKit.
 *
 * @public
 */
export function ModelKitLatestSizeCell(props: { entity: Entity }) {
  const annotated = annotatedLatestSize(props.entity);
  if (annotated !== undefined) return <>{formatBytes(annotated)}</>;
  return <FetchedLatestSize entity={props.entity} />;
}

function FetchedLatestSize(props: { entity: Entity }) {
  const summary = useModelKitLatestSummary(useEntityName(props.entity));
  const size = summary.value?.version?.size;
  if (summary.loading) return <Dash title="Loading" />;
  if (size === undefined) return <Dash title="Not available" />;
  return <>{formatBytes(size)}</>;
}

/**
 * The attestation policy badge of the newest version of a ModelKit.
 *
 * @public
 */
export function ModelKitPolicyStatusCell(props: { entity: Entity }) {
  const summary = useModelKitLatestSummary(useEntityName(props.entity));
  return (
    <VersionPolicyBadge
      status={summary.value?.policy}
      lifecycle={summary.value?.lifecycle}
      pending={summary.loading}
    />
  );
}

/** Renders a cell for ModelKits only; other kinds get nothing. */
export function ForModelKits(props: { entity: Entity; children: JSX.Element }) {
  return isModelKitEntity(props.entity) ? props.children : null;
}
