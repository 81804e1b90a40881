import { createRoutableExtension } from '@backstage/core-plugin-api';
import { JSX } from 'react';
import { modelkitPlugin } from './plugin';
import { routeRefs } from './routes';

/**
 * Props of {@link EntityModelKitVersionsContent}.
 *
 * @public
 */
export interface EntityModelKitVersionsContentProps {
  /** How many versions to load per page; the backend's default if unset. */
  pageSize?: number;
}

/**
 * The Versions tab of a ModelKit entity page, for apps on the legacy frontend
 * system: every version in the registry, newest first, with copyable
 * `kit pull` and `kit unpack` commands and a "Load more" button.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/versions" title="Versions">
 *   <EntityModelKitVersionsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitVersionsContent: (
  props: EntityModelKitVersionsContentProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitVersionsContent',
    component: () =>
      import('../components/ModelKitVersionsContent').then(
        m => m.ModelKitVersionsContent,
      ),
    mountPoint: routeRefs.versions,
  }),
);

/**
 * The Contents tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest), the Kitfile summary, the `kit` commands and the layers.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/contents" title="Contents">
 *   <EntityModelKitContentsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitContentsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitContentsContent',
      component: () =>
        import('../components/ModelKitContentsContent').then(
          m => m.ModelKitContentsContent,
        ),
      mountPoint: routeRefs.contents,
    }),
  );

/**
 * The Diff tab of a ModelKit entity page, for apps on the legacy frontend
 * system: two version pickers (the previous and the newest by default, or the
 * `?from=&to=` tags or digests) and what changed between them.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/diff" title="Diff">
 *   <EntityModelKitDiffContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitDiffContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitDiffContent',
      component: () =>
        import('../components/ModelKitDiffContent').then(
          m => m.ModelKitDiffContent,
        ),
      mountPoint: routeRefs.diff,
    }),
  );

/**
 * The Security tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest), the version's attestation policy outcome with the rule that failed,
 * how many attestations ended in each verification state, and each
 * attestation with its state and reason, signer, predicate summary and a
 * copyable `cosign verify-attestation` command.
 *
 * @remarks
 *
 * The backend finds and verifies the attestations; only `verified` ones are
 * shown as verified.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/security" title="Security">
 *   <EntityModelKitSecurityContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitSecurityContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitSecurityContent',
      component: () =>
        import('../components/ModelKitSecurityContent').then(
          m => m.ModelKitSecurityContent,
        ),
      mountPoint: routeRefs.security,
    }),
  );

/**
 * The Deployments tab of a Component's entity page, for apps on the legacy
 * frontend system: one card per cluster with the health of the service there
 * and its reasons, the Flux or Argo CD delivery, replicas, the ModelKit
 * version running with its digest and policy badge, and copyable `flux` and
 * `kubectl` commands. A cluster that cannot be read shows its error on its
 * own card.
 *
 * @remarks
 *
 * Workloads are found by the Component's `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` annotation. Mount the tab at
 * `/deployments`, the path the fleet page and the Where it runs tab link to,
 * or pass them the path you chose.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/deployments" title="Deployments">
 *   <EntityModelKitDeploymentsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitDeploymentsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitDeploymentsContent',
      component: () =>
        import('../components/ComponentDeploymentsContent').then(
          m => m.ComponentDeploymentsContent,
        ),
      mountPoint: routeRefs.componentDeployments,
    }),
  );

/**
 * Props of {@link EntityModelKitWhereItRunsContent}.
 *
 * @public
 */
export interface EntityModelKitWhereItRunsContentProps {
  /**
   * The path of the Deployments tab of Components below the entity page,
   * which the service links open. Defaults to `deployments`.
   */
  deploymentsPath?: string;
}

/**
 * The Where it runs tab of a ModelKit entity page, for apps on the legacy
 * frontend system: each version running on a cluster (digest, tags and
 * policy badge) with the services running it and their health.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/deployments" title="Where it runs">
 *   <EntityModelKitWhereItRunsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitWhereItRunsContent: (
  props: EntityModelKitWhereItRunsContentProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitWhereItRunsContent',
    component: () =>
      import('../components/ModelKitWhereItRunsContent').then(
        m => m.ModelKitWhereItRunsContent,
      ),
    mountPoint: routeRefs.whereItRuns,
  }),
);

/**
 * Props of {@link EntityModelKitLineageContent} and
 * {@link EntityModelKitLineageCard}.
 *
 * @public
 */
export interface EntityModelKitLineageProps {
  /** The height of the graph canvas in pixels (600 on the tab, 420 on the card). */
  height?: number;
}

/**
 * The Lineage tab of a ModelKit entity page, for apps on the legacy frontend
 * system: a version picker (the newest by default, or the `?version=` tag or
 * digest) and the graph, drawn left to right, from the version's datasets,
 * base models and source through the ModelKit and its fine-tunes to the
 * Components serving it and the clusters they run on. Nodes link to their
 * entity pages, edges say what the link is, large groups can be collapsed,
 * and a table lists every node. Missing references, cycles and limits are
 * shown as warnings.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/lineage" title="Lineage">
 *   <EntityModelKitLineageContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitLineageContent: (
  props: EntityModelKitLineageProps,
) => JSX.Element = modelkitPlugin.provide(
  createRoutableExtension({
    name: 'EntityModelKitLineageContent',
    component: () =>
      import('../components/ModelKitLineageContent').then(
        m => m.ModelKitLineageContent,
      ),
    mountPoint: routeRefs.lineage,
  }),
);

/**
 * The Model card tab of a ModelKit entity page, for apps on the legacy
 * frontend system: the model card of one version (the newest by default, or
 * the `?version=` tag or digest) read by the backend from the docs layer and
 * rendered as Markdown without raw HTML, with only `http:`, `https:`,
 * `mailto:` and in-page links; the Kitfile descriptions when there is none.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/model-card" title="Model card">
 *   <EntityModelKitModelCardContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitModelCardContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitModelCardContent',
      component: () =>
        import('../components/ModelCard').then(m => m.ModelCardContent),
      mountPoint: routeRefs.modelCard,
    }),
  );

/**
 * The Promotions tab of a Component, for apps on the legacy frontend system:
 * per environment, which ModelKit digest was promoted when, by whom and
 * through which pull request, which version was live at a given time, and
 * "Roll back" to the previously promoted version for users who may promote.
 *
 * @example
 *
 * ```tsx
 * <EntityLayout.Route path="/promotions" title="Promotions">
 *   <EntityModelKitPromotionsContent />
 * </EntityLayout.Route>
 * ```
 *
 * @public
 */
export const EntityModelKitPromotionsContent: () => JSX.Element =
  modelkitPlugin.provide(
    createRoutableExtension({
      name: 'EntityModelKitPromotionsContent',
      component: () =>
        import('../components/PromotionHistory').then(
          m => m.PromotionHistoryContent,
        ),
      mountPoint: routeRefs.promotions,
    }),
  );
