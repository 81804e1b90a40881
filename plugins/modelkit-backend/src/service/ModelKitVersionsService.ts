import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  InvalidOciReferenceError,
  isModelKitEntity,
  MODELKIT_API_VERSION_V1ALPHA1,
  MODELKIT_KIND,
  ModelKitDiff,
  ModelKitEntityV1alpha1,
  ModelKitEntityName,
  ModelKitVersion,
  ModelKitVersionsResponse,
  modelkitReadPermission,
  parseOciRepository,
} from '@kitstage/plugin-modelkit-common';
import {
  diffModelKitVersions,
  getModelKitVersion,
  listModelKitVersions,
  OciSource,
  RegistryService,
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
 * Then `kitstage.modelkit.read` is checked for the entity. The repository comes from the
 * entity's `spec.repository` (or the `kitstage.dev/repository` annotation) and is read only
 * from a source configured under `kitstage.registries`.
 *
 * Errors of the registry client and the ModelKit reader are thrown as they are; the router
 * turns them into API errors.
 *
 * @internal
 */
export class ModelKitVersionsService {
  readonly #catalog: CatalogService;
  readonly #registries: RegistryService;
  readonly #permissions: PermissionsService;

  static create(options: {
    catalog: CatalogService;
    registries: RegistryService;
    permissions: PermissionsService;
  }): ModelKitVersionsService {
    return new ModelKitVersionsService(options);
  }

  private constructor(options: {
    catalog: CatalogService;
    registries: RegistryService;
    permissions: PermissionsService;
  }) {
    this.#catalog = options.catalog;
    this.#registries = options.registries;
    this.#permissions = options.permissions;
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
   * the configured source of its repository: the authorization every route of the plugin
   * that reads registry data goes through.
   *
   * @throws NotFoundError when the caller may not read the entity, it does not exist or names
   *   no repository served here; NotAllowedError without `kitstage.modelkit.read`.
   */
  async locate(
    name: ModelKitEntityName,
    options: ModelKitRequestOptions,
  ): Promise<LocatedModelKit> {
    const requested = { kind: MODELKIT_KIND, ...name };
    const entity = await this.#catalog.getEntityByRef(requested, {
      credentials: options.credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No ModelKit entity ${stringifyEntityRef(
          requested,
        )} was found in the catalog`,
      );
    }
    const entityRef = stringifyEntityRef(entity);
    if (!isModelKitEntity(entity)) {
      throw new NotFoundError(
        `${entityRef} is not a Kitstage ModelKit: its apiVersion is ${JSON.stringify(
          entity.apiVersion,
        )}, not "${MODELKIT_API_VERSION_V1ALPHA1}"`,
      );
    }

    const [decision] = await this.#permissions.authorize(
      [{ permission: modelkitReadPermission, resourceRef: entityRef }],
      { credentials: options.credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `Not allowed to read the registry data of ${entityRef} (permission ${modelkitReadPermission.name})`,
      );
    }

    const text =
      entity.spec?.repository ??
      entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
    if (typeof text !== 'string' || !text) {
      throw new NotFoundError(
        `${entityRef} names no OCI repository: set spec.repository or the ${ANNOTATION_MODELKIT_REPOSITORY} annotation`,
      );
    }
    let registry: string;
    let path: string;
    try {
      ({ registry, repository: path } = parseOciRepository(text));
    } catch (error) {
      if (error instanceof InvalidOciReferenceError) {
        throw new NotFoundError(
          `${entityRef} names no valid OCI repository: ${error.message}`,
        );
      }
      throw error;
    }
    // Only a configured source is ever contacted: the entity picks one by host, it never
    // supplies a URL.
    const located = this.#registries.findSource(`${registry}/${path}`);
    if (!located) {
      throw new NotFoundError(
        `${entityRef} is stored in ${JSON.stringify(
          text,
        )}, but no registry for host ${JSON.stringify(
          registry,
        )} is configured under kitstage.registries`,
      );
    }
    return { ...located, entity };
  }
}
