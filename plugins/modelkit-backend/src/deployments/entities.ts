import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  type DeploymentEntitySummary,
  type DeploymentSelector,
} from '@kitstage/plugin-modelkit-common';
import { parseLabelSelector } from './matching/labelSelector';
import type { ServiceMatcher } from './matching/matchService';

/** Restricts the Kubernetes plugin's search for a Component's objects to one namespace. */
export const KUBERNETES_NAMESPACE_ANNOTATION =
  'backstage.io/kubernetes-namespace';

/** The Argo CD plugin's annotation naming a Component's Application(s). */
export const ARGOCD_APP_NAME_ANNOTATION = 'argocd/app-name';

/** The catalog fields the deployment views read of a Component. @internal */
export const COMPONENT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
  'relations',
];

function tryRef(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    );
  } catch {
    return undefined;
  }
}

/**
 * A catalog entity as the deployment views name it: its reference, kind, namespace, name and
 * title, without its owner and system.
 *
 * @internal
 */
export function nameSummaryOf(entity: Entity): DeploymentEntitySummary {
  const namespace = entity.metadata.namespace ?? 'default';
  const summary: DeploymentEntitySummary = {
    ref: stringifyEntityRef({
      kind: entity.kind,
      namespace,
      name: entity.metadata.name,
    }),
    kind: entity.kind,
    namespace,
    name: entity.metadata.name,
  };
  if (entity.metadata.title) summary.title = entity.metadata.title;
  return summary;
}

/**
 * A catalog entity as the deployment views show it, with its owner and system from its
 * relations (or its spec, for entities without relations).
 *
 * @internal
 */
export function summarizeEntity(entity: Entity): DeploymentEntitySummary {
  const summary = nameSummaryOf(entity);
  const namespace = summary.namespace;
  const owner =
    entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef ??
    tryRef(entity.spec?.owner, 'group', namespace);
  const system =
    entity.relations?.find(
      r => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'),
    )?.targetRef ?? tryRef(entity.spec?.system, 'system', namespace);
  if (owner) summary.owner = owner;
  if (system) summary.system = system;
  return summary;
}

/**
 * A ModelKit entity as the deployment views need it: its summary, its OCI repository and its
 * lifecycle.
 *
 * @internal
 */
export interface ModelKitEntityInfo extends DeploymentEntitySummary {
  /** `host/path` of the OCI repository, from `spec.repository` or the annotation. */
  repository: string;
  /** The entity's `spec.lifecycle`, which selects the policy that applies. */
  lifecycle?: string;
}

/**
 * A ModelKit entity's summary, repository and lifecycle, or undefined when it names no
 * repository (in `spec.repository` or the `kitstage.dev/repository` annotation).
 *
 * @param summary - The entity's summary ({@link summarizeEntity} or {@link nameSummaryOf}).
 * @internal
 */
export function modelKitInfoOf(
  entity: Entity,
  summary: DeploymentEntitySummary,
): ModelKitEntityInfo | undefined {
  const spec = (entity.spec ?? {}) as {
    repository?: unknown;
    lifecycle?: unknown;
  };
  const repository =
    typeof spec.repository === 'string'
      ? spec.repository
      : entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
  if (!repository) return undefined;
  return {
    ...summary,
    repository,
    ...(typeof spec.lifecycle === 'string'
      ? { lifecycle: spec.lifecycle }
      : {}),
  };
}

/**
 * How to find a Component's objects on clusters, from the annotations the Kubernetes plugin
 * reads. Returns undefined when the Component has neither `backstage.io/kubernetes-id` nor
 * `backstage.io/kubernetes-label-selector`.
 *
 * @throws InputError naming the annotation when the label selector is not valid.
 * @internal
 */
export function matcherOfEntity(entity: Entity): ServiceMatcher | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const selector: DeploymentSelector = {};
  const id = annotations[KUBERNETES_ANNOTATION]?.trim();
  const labelSelector =
    annotations[KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION]?.trim();
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION]?.trim();
  if (id) selector.kubernetesId = id;
  if (labelSelector) selector.labelSelector = labelSelector;
  if (!id && !labelSelector) return undefined;
  if (namespace) selector.namespace = namespace;
  const matcher: ServiceMatcher = { selector };
  if (labelSelector) {
    matcher.labelSelector = parseLabelSelector(
      labelSelector,
      `The annotation ${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION} of ${stringifyEntityRef(
        entity,
      )}`,
    );
  }
  const apps = annotations[ARGOCD_APP_NAME_ANNOTATION]?.split(',')
    .map(name => name.trim())
    .filter(Boolean);
  if (apps?.length) matcher.argoCdAppNames = apps;
  return matcher;
}

/**
 * How to find a Component's objects on clusters, or none when it has no deployment
 * annotations or an invalid label selector (views of many Components leave it out).
 *
 * @internal
 */
export function matcherOrNone(entity: Entity): ServiceMatcher[] {
  try {
    const matcher = matcherOfEntity(entity);
    return matcher ? [matcher] : [];
  } catch {
    return [];
  }
}

/**
 * Normalises a filter value to a full entity reference, so `nlp-team`, `group:nlp-team` and
 * `group:default/nlp-team` all match the same owner.
 *
 * @internal
 */
export function normalizeRef(value: string, defaultKind: string): string {
  return (
    tryRef(value.trim(), defaultKind, 'default') ?? value.trim()
  ).toLocaleLowerCase('en-US');
}
