import {
  AuthService,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
} from '@backstage/plugin-kubernetes-common';
import { modelkitReadPermission } from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import { COMPONENT_FIELDS, matcherOrNone } from './entities';
import type { ClusterSnapshot } from './kubernetes/readClusterSnapshot';
import { HiddenServices } from './matching/hiddenWorkloads';
import { matchService, ServiceMatcher } from './matching/matchService';
import { DELIVERY_IDS, SnapshotIndex } from './matching/SnapshotIndex';

/**
 * What the visibility of Components is decided with.
 *
 * @internal
 */
export interface ComponentVisibilityOptions {
  catalog: CatalogService;
  /** Decides `kitstage.modelkit.read` as the caller. */
  access: ModelKitAccessService;
  /** Gives the plugin's own credentials, to find the Components hidden from the caller. */
  auth: AuthService;
}

/**
 * Which Components with deployment annotations a caller may be shown, and which are hidden
 * from the caller: the workloads of a hidden Component are never listed in a view.
 *
 * @remarks
 * Components are read with the caller's credentials and `kitstage.modelkit.read` is decided
 * as the caller. Only to find the hidden ones are they also listed with the plugin's own
 * credentials, and nothing of those is shown.
 *
 * @internal
 */
export class ComponentVisibility {
  readonly #options: ComponentVisibilityOptions;

  constructor(options: ComponentVisibilityOptions) {
    this.#options = options;
  }

  /**
   * Components with deployment annotations that the caller may see and whose Kitstage data
   * (`kitstage.modelkit.read`) the caller may read.
   */
  async readable(credentials: BackstageCredentials): Promise<Entity[]> {
    const components = await this.#components(credentials);
    const allowed = await this.#options.access.decide(
      credentials,
      components.map(entity => ({
        permission: modelkitReadPermission,
        resourceRef: stringifyEntityRef(entity),
      })),
    );
    return components.filter((_, i) => allowed[i]);
  }

  /**
   * The Components with deployment annotations that the caller may not see or read, given
   * those it may. They are listed with Kitstage's own credentials for one purpose only: to
   * leave their workloads out of what the caller is shown.
   */
  async hiddenServices(readable: Entity[]): Promise<HiddenServices> {
    const all = await this.#components(
      await this.#options.auth.getOwnServiceCredentials(),
    );
    const shown = new Set(readable.map(entity => stringifyEntityRef(entity)));
    return new HiddenServices(
      all.flatMap(entity =>
        shown.has(stringifyEntityRef(entity)) ? [] : matcherOrNone(entity),
      ),
    );
  }

  /**
   * For one Component's view, and the actions on its delivery objects: the other Components
   * that select any of its workloads or reach any of its delivery objects and that the caller
   * may not see or read. Only those few are decided as the caller.
   */
  async hiddenClaimantsOf(
    ref: string,
    matcher: ServiceMatcher,
    credentials: BackstageCredentials,
    snapshotsRead: Promise<ClusterSnapshot[]>,
  ): Promise<HiddenServices> {
    const others = (
      await this.#components(
        await this.#options.auth.getOwnServiceCredentials(),
      )
    ).filter(entity => stringifyEntityRef(entity) !== ref);
    const byMatcher = new Map<ServiceMatcher, Entity>();
    for (const entity of others) {
      for (const m of matcherOrNone(entity)) byMatcher.set(m, entity);
    }
    const candidates = new HiddenServices([...byMatcher.keys()]);
    if (candidates.empty) return candidates;
    const snapshots = await snapshotsRead;
    const claimants = new Set<ServiceMatcher>();
    for (const snapshot of snapshots) {
      if (snapshot.error) continue;
      const matched = matchService(SnapshotIndex.of(snapshot), matcher);
      for (const objects of Object.values(matched)) {
        for (const object of objects) {
          for (const c of candidates.claimantsOf(object)) claimants.add(c);
        }
      }
      // Those reaching one of its delivery objects too, through their own annotations and
      // workloads: the Component's view must not show another's Kustomization or
      // Application to a caller who may not see that other Component.
      // Only the view's own delivery objects are asked about.
      for (const id of DELIVERY_IDS) {
        for (const object of matched[id] ?? []) {
          for (const c of candidates.reachersOf(snapshot, object)) {
            claimants.add(c);
          }
        }
      }
    }
    if (claimants.size === 0) return new HiddenServices([]);
    const entities = [...claimants].map(m => byMatcher.get(m)!);
    const refs = entities.map(entity => stringifyEntityRef(entity));
    const { items } = await this.#options.catalog.getEntitiesByRefs(
      {
        entityRefs: refs,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const visible = refs.filter((_, i) => items[i]);
    const allowed = await this.#options.access.decide(
      credentials,
      visible.map(resourceRef => ({
        permission: modelkitReadPermission,
        resourceRef,
      })),
    );
    const readable = new Set(visible.filter((_, i) => allowed[i]));
    return new HiddenServices(
      [...claimants].filter(
        m => !readable.has(stringifyEntityRef(byMatcher.get(m)!)),
      ),
    );
  }

  /** Components with deployment annotations, as the given credentials see them. */
  async #components(credentials: BackstageCredentials): Promise<Entity[]> {
    const { items } = await this.#options.catalog.getEntities(
      {
        filter: [
          {
            kind: 'Component',
            [`metadata.annotations.${KUBERNETES_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
          {
            kind: 'Component',
            [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION}`]:
              CATALOG_FILTER_EXISTS,
          },
        ],
        fields: COMPONENT_FIELDS,
      },
      { credentials },
    );
    return items;
  }
}
