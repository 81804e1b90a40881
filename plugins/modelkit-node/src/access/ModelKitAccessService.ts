import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  EntityNameParts,
  InvalidOciReferenceError,
  InvalidEntityNameError,
  isModelKitEntity,
  MODELKIT_API_VERSION_V1ALPHA1,
  ModelKitEntityV1alpha1,
  parseEntityNameParts,
  parseOciRepository,
} from '@kitstage/plugin-modelkit-common';
import { OciSource, RegistryService } from '../registry';
import { ModelKitProvenance, ModelKitProvenanceChecker } from './provenance';

/**
 * A permission that Kitstage checks: a basic one, or one on catalog entities.
 *
 * @public
 */
export type ModelKitAccessPermission =
  | BasicPermission
  | ResourcePermission<'catalog-entity'>;

/**
 * A ModelKit entity that Kitstage trusts, and where its versions are.
 *
 * @public
 */
export interface TrustedModelKit {
  /** The entity, as the catalog gave it to the caller. */
  entity: ModelKitEntityV1alpha1;
  /** Why it is trusted. */
  provenance: ModelKitProvenance;
  /** The configured source serving its repository. */
  source: OciSource;
  /** The repository within the source. */
  repository: string;
}

/**
 * The one authorization helper of Kitstage: every route of the `modelkit` backend plugin and
 * every scaffolder action goes through it before it touches an entity, a registry, a cluster
 * or a Git remote.
 *
 * @remarks
 *
 * - Entity names from requests and template inputs are validated by the catalog's own rules
 *   before any catalog request ({@link ModelKitAccessService.parseEntityName}).
 * - Entities are read with the caller's credentials, so the catalog's `catalog.entity.read`
 *   applies: a hidden entity is not found, exactly like a missing one.
 * - Each Kitstage permission is checked against the entity actually touched.
 * - Writing actions need a user principal, unless the service's subject is listed under
 *   `kitstage.authorization.servicePrincipals`.
 * - A ModelKit's repository, lifecycle and policy choice are trusted only when the entity
 *   comes from a configured registry (or a location listed under
 *   `kitstage.provenance.trustedLocations`).
 *
 * @public
 */
export class ModelKitAccessService {
  readonly #catalog: CatalogService;
  readonly #permissions: PermissionsService;
  readonly #registries: RegistryService;
  readonly #provenance: ModelKitProvenanceChecker;
  readonly #servicePrincipals: ReadonlySet<string>;

  /** Builds the helper from the root config and the services it uses. */
  static create(options: {
    config: Config;
    catalog: CatalogService;
    permissions: PermissionsService;
    registries: RegistryService;
  }): ModelKitAccessService {
    return new ModelKitAccessService(options);
  }

  private constructor(options: {
    config: Config;
    catalog: CatalogService;
    permissions: PermissionsService;
    registries: RegistryService;
  }) {
    this.#catalog = options.catalog;
    this.#permissions = options.permissions;
    this.#registries = options.registries;
    this.#provenance = new ModelKitProvenanceChecker({
      registries: options.registries,
      trustedLocations: options.config.getOptionalStringArray(
        'kitstage.provenance.trustedLocations',
      ),
    });
    this.#servicePrincipals = new Set(
      options.config.getOptionalStringArray(
        'kitstage.authorization.servicePrincipals',
      ) ?? [],
    );
  }

  /**
   * Validates a namespace and name from a request path or a template input by the catalog's
   * rules.
   *
   * @throws InputError naming each part that is not valid.
   */
  parseEntityName(
    value: { namespace?: unknown; name?: unknown },
    where = 'path',
  ): EntityNameParts {
    try {
      return parseEntityNameParts(value);
    } catch (error) {
      if (error instanceof InvalidEntityNameError) {
        throw new InputError(`Invalid ${where}: ${error.message}`);
      }
      throw error;
    }
  }

  /**
   * Reads an entity with the caller's credentials, then checks `permission` (when given)
   * against it.
   *
   * @throws NotFoundError when the entity does not exist or the caller may not read it;
   *   NotAllowedError when the permission is denied.
   */
  async readEntity(
    ref: CompoundEntityRef,
    options: {
      credentials: BackstageCredentials;
      permission?: ResourcePermission<'catalog-entity'>;
      /** What the permission allows, for the error message, e.g. `read the versions of`. */
      purpose?: string;
    },
  ): Promise<Entity> {
    const entityRef = stringifyEntityRef(ref);
    const entity = await this.#catalog.getEntityByRef(ref, {
      credentials: options.credentials,
    });
    if (!entity) {
      throw new NotFoundError(
        `No ${ref.kind} entity ${entityRef} was found in the catalog`,
      );
    }
    if (options.permission) {
      await this.authorize(options.credentials, options.permission, {
        resourceRef: stringifyEntityRef(entity),
        purpose: options.purpose,
      });
    }
    return entity;
  }

  /**
   * Checks one permission, against an entity when it is a resource permission.
   *
   * @throws NotAllowedError naming the permission and the entity when it is denied.
   */
  async authorize(
    credentials: BackstageCredentials,
    permission: ModelKitAccessPermission,
    options: {
      resourceRef?: string;
      /** What the permission allows, for the message, e.g. `read the versions of`. */
      purpose?: string;
      /** The whole message of the NotAllowedError, instead of one made of `purpose`. */
      denied?: string;
    } = {},
  ): Promise<void> {
    const [allowed] = await this.decide(credentials, [
      { permission, resourceRef: options.resourceRef },
    ]);
    if (!allowed) {
      const target = options.resourceRef ? ` ${options.resourceRef}` : '';
      throw new NotAllowedError(
        options.denied ??
          (options.purpose
            ? `Not allowed to ${options.purpose}${target} (permission ${permission.name})`
            : `The permission ${permission.name} is denied${
                target ? ` for${target}` : ''
              }`),
      );
    }
  }

  /**
   * Decides several permissions in one request to the permission framework; a conditional
   * answer on an entity is resolved by the framework, so each result is allow or deny.
   */
  async decide(
    credentials: BackstageCredentials,
    requests: Array<{
      permission: ModelKitAccessPermission;
      resourceRef?: string;
    }>,
  ): Promise<boolean[]> {
    if (requests.length === 0) return [];
    const decisions = await this.#permissions.authorize(
      requests.map(({ permission, resourceRef }) =>
        permission.type === 'resource'
          ? { permission, resourceRef: resourceRef! }
          : { permission },
      ),
      { credentials },
    );
    return decisions.map(d => d.result === AuthorizeResult.ALLOW);
  }

  /**
   * Whether the caller is a user, or a service whose subject is listed under
   * `kitstage.authorization.servicePrincipals`: the principals that may perform writing
   * actions (promote, override a gate, push a branch).
   */
  mayWrite(credentials: BackstageCredentials): boolean {
    const principal = credentials.principal as
      | { type?: string; subject?: string }
      | undefined;
    if (principal?.type === 'user') return true;
    return (
      principal?.type === 'service' &&
      typeof principal.subject === 'string' &&
      this.#servicePrincipals.has(principal.subject)
    );
  }

  /**
   * Refuses a writing action to anything but a user principal, unless the service's subject
   * is listed under `kitstage.authorization.servicePrincipals`.
   *
   * @throws AuthenticationError without credentials; NotAllowedError for other services.
   */
  requireWriter(credentials: BackstageCredentials, action: string): void {
    if (this.mayWrite(credentials)) return;
    const principal = credentials.principal as
      | { type?: string; subject?: string }
      | undefined;
    if (!principal || principal.type === 'none' || !principal.type) {
      throw new AuthenticationError(`${action} needs a signed-in user`);
    }
    const who = principal.subject
      ? `the ${principal.type} principal ${principal.subject}`
      : `a ${principal.type} principal`;
    throw new NotAllowedError(
      `${action} needs a signed-in user; ${who} may not, unless its subject is listed under kitstage.authorization.servicePrincipals`,
    );
  }

  /**
   * Names the calling principal for audit records and messages: the user entity ref of a
   * user, `service:<subject>` for a service, `none` without credentials.
   */
  principalOf(credentials: BackstageCredentials): string {
    const principal = credentials.principal as
      | { type?: string; subject?: string; userEntityRef?: string }
      | undefined;
    if (principal?.type === 'user' && principal.userEntityRef) {
      return principal.userEntityRef;
    }
    if (principal?.type === 'service' && principal.subject) {
      return `service:${principal.subject}`;
    }
    return principal?.type ?? 'none';
  }

  /** Where a ModelKit entity came from, and whether it is trusted. */
  provenanceOf(entity: Entity): ModelKitProvenance {
    return this.#provenance.provenanceOf(entity);
  }

  /**
   * Requires that a ModelKit entity comes from a configured registry (or a trusted location).
   *
   * @throws NotAllowedError naming why it is not trusted.
   */
  requireTrusted(entity: Entity): ModelKitProvenance {
    const provenance = this.provenanceOf(entity);
    if (!provenance.trusted) {
      throw new NotAllowedError(
        `${stringifyEntityRef(entity)} is ${
          provenance.reason
        }; Kitstage reads registries, gates and policies only for ModelKits from a configured registry`,
      );
    }
    return provenance;
  }

  /**
   * Reads a ModelKit entity as the caller, checks `permission` on it, and requires that it
   * comes from a configured registry: only then is its repository read with the backend's
   * registry credentials.
   *
   * @throws NotFoundError when hidden, missing or not a ModelKit; NotAllowedError when the
   *   permission is denied or the entity is not from a configured registry.
   */
  async readTrustedModelKit(
    name: EntityNameParts,
    options: {
      credentials: BackstageCredentials;
      permission: ResourcePermission<'catalog-entity'>;
      purpose?: string;
    },
  ): Promise<TrustedModelKit> {
    const entity = await this.readEntity(
      { kind: 'ModelKit', ...name },
      options,
    );
    return this.trustModelKit(entity);
  }

  /**
   * Requires that an entity already read is a ModelKit from a configured registry, and finds
   * the source that serves its repository.
   *
   * @throws NotFoundError when it is not a ModelKit; NotAllowedError when it is not from a
   *   configured registry.
   */
  trustModelKit(entity: Entity): TrustedModelKit {
    const entityRef = stringifyEntityRef(entity);
    if (!isModelKitEntity(entity)) {
      throw new NotFoundError(
        `${entityRef} is not a Kitstage ModelKit: its apiVersion is ${JSON.stringify(
          entity.apiVersion,
        )}, not "${MODELKIT_API_VERSION_V1ALPHA1}"`,
      );
    }
    const provenance = this.requireTrusted(entity);
    const text =
      entity.spec.repository ??
      entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
    if (typeof text !== 'string' || !text) {
      throw new NotFoundError(
        `${entityRef} names no OCI repository: set spec.repository or the ${ANNOTATION_MODELKIT_REPOSITORY} annotation`,
      );
    }
    let host: string;
    let path: string;
    try {
      ({ registry: host, repository: path } = parseOciRepository(text));
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
    const located = this.#registries.findSource(`${host}/${path}`);
    if (!located) {
      throw new NotFoundError(
        `${entityRef} is stored in ${JSON.stringify(
          text,
        )}, but no registry for host ${JSON.stringify(
          host,
        )} is configured under kitstage.registries`,
      );
    }
    return { entity, provenance, ...located };
  }
}
