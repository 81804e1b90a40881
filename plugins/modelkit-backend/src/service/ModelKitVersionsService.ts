import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ModelKitDiff,
  ModelKitEntityV1alpha1,
  ModelKitEntityName,
  ModelKitVersion,
  ModelKitVersionsResponse,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import {
  diffModelKitVersions,
  getModelKitVersion,
  listModelKitVersions,
  ModelKitAccessService,
  OciSource,
} from '@kitstage/plugin-modelkit-node';

/**
 * Who asks, and when to stop.
 *
 * @internal
 */
export interface ModelKitRequestOptions {
  /** The caller's credentials: the catalog and the permission policy decide with them. */
  credentials: BackstageCredentials;
  /** Aborts the registry reads, e.g. when the client goes away. */
  signal?: AbortSignal;
}

/**
 * A ModelKit entity the caller may read, and where its versions are.
 *
 * @internal
 */
export interface LocatedModelKit {
  /** The configured source serving the repository. */
  source: OciSource;
  /** The repository within the source. */
  repository: string;
  /** The ModelKit entity, as the catalog gave it to the caller. */
  entity: ModelKitEntityV1alpha1;
}

/**
 * Serves the registry data of ModelKit entities: versions, one version's contents, and diffs.
 *
 * @remarks
 *
 * Each call first reads the entity from the catalog with the caller's credentials, so the
 * catalog's `catalog.entity.read` permission applies: an entity the caller may not read is
 * reported as not found, exactly like one that does not exist, and no registry is contacted.
 * Then `kitstage.modelkit.read` is checked for the entity, and the entity must come from a
 * configured registry (a hand-registered ModelKit naming a repository unlocks nothing). The
 * repository comes from the entity's `spec.repository` (or the `kitstage.dev/repository`
 * annotation) and is read only from a source configured under `kitstage.registries`.
 *
 * Errors of the registry client and the ModelKit reader are thrown as they are; the router
 * turns them into API errors.
 *
 * @internal
 */
export class ModelKitVersionsService {
  readonly #access: ModelKitAccessService;

  static create(options: {
    access: ModelKitAccessService;
  }): ModelKitVersionsService {
    return new ModelKitVersionsService(options);
  }

  private constructor(options: { access: ModelKitAccessService }) {
    this.#access = options.access;
  }

  /** The versions of a ModelKit, newest first, a page at a time. */
  async listVersions(
    entity: ModelKitEntityName,
    page: { cursor?: string; limit?: number },
    options: ModelKitRequestOptions,
  ): Promise<ModelKitVersionsResponse> {
    const { source, repository } = await this.locate(entity, options);
    return listModelKitVersions(source, repository, {
      cursor: page.cursor,
      limit: page.limit,
      signal: options.signal,
    });
  }

  /** One version by tag or digest, with every tag that points at it. */
  async getVersion(
    entity: ModelKitEntityName,
    reference: string,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitVersion> {
    const { source, repository } = await this.locate(entity, options);
    return getModelKitVersion(source, repository, reference, {
      resolveTags: true,
      signal: options.signal,
    });
  }

  /**
   * Locates a ModelKit as {@link ModelKitVersionsService.locate} does, then reads one version
   * (tag or digest, resolved to the digest the registry serves), without listing its tags.
   */
  async readVersion(
    name: ModelKitEntityName,
    reference: string,
    options: ModelKitRequestOptions,
  ): Promise<{ located: LocatedModelKit; version: ModelKitVersion }> {
    const located = await this.locate(name, options);
    const version = await getModelKitVersion(
      located.source,
      located.repository,
      reference,
      { signal: options.signal },
    );
    return { located, version };
  }

  /** What changed from one version to another. */
  async diff(
    entity: ModelKitEntityName,
    from: string,
    to: string,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitDiff> {
    const { source, repository } = await this.locate(entity, options);
    const signal = options.signal;
    const [before, after] = await Promise.all([
      getModelKitVersion(source, repository, from, { signal }),
      getModelKitVersion(source, repository, to, { signal }),
    ]);
    return diffModelKitVersions(before, after);
  }

  /**
   * Reads the entity with the caller's credentials, checks `kitstage.modelkit.read` and finds
   * the configured source of its repository, through the plugin's one authorization helper:
   * the authorization every route of the plugin that reads registry data goes through.
   *
   * @param name - The entity's namespace and name, as validated by the route with
   *   `ModelKitAccessService.parseEntityName`.
   * @throws NotFoundError when the caller may not read the entity, it does not exist or names
   *   no repository served here; NotAllowedError without `kitstage.modelkit.read`, or when the
   *   entity does not come from a configured registry.
   */
  async locate(
    name: ModelKitEntityName,
    options: ModelKitRequestOptions,
  ): Promise<LocatedModelKit> {
    const { entity, source, repository } =
      await this.#access.readTrustedModelKit(name, {
        credentials: options.credentials,
        permission: modelkitReadPermission,
        purpose: 'read the registry data of',
      });
    return { entity, source, repository };
  }
}

/**
 * `host/path` of a located ModelKit's repository.
 *
 * @internal
 */
export function repositoryOf(
  located: Pick<LocatedModelKit, 'source' | 'repository'>,
): string {
  return `${located.source.host}/${located.repository}`;
}
