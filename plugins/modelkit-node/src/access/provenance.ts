import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  MODELKIT_REGISTRY_LOCATION_TYPE,
  parseOciRepository,
  repositoryLocation,
} from '@kitstage/plugin-modelkit-common';
import { RegistryService } from '../registry';
import { CatalogLocationList, entityLocationOf } from './catalogLocations';

/**
 * Where a ModelKit entity came from, and whether Kitstage trusts what it says.
 *
 * @public
 */
export interface ModelKitProvenance {
  /**
   * True when the entity was emitted by the registry entity provider for a registry configured
   * under `kitstage.registries` (for the repository it names), or was read from a location
   * listed under `kitstage.provenance.trustedLocations` ({@link TrustedLocations}). Only then
   * do its repository, lifecycle and policy choice unlock registry reads, lifecycle gates and
   * policy outcomes.
   */
  trusted: boolean;
  /** The name of the configured registry entry that emitted the entity, when it did. */
  registry?: string;
  /** Why the entity is trusted or not, for people (shown next to the warning). */
  reason: string;
}

/**
 * The catalog locations listed under `kitstage.provenance.trustedLocations`, parsed once: the
 * one decision whether an entity comes from a trusted location, for ModelKit provenance
 * ({@link ModelKitProvenanceChecker}) and for Components' deploy repositories
 * (`GitRemotePolicy.forComponent`).
 *
 * @remarks
 *
 * An entity is from a trusted location when the file it was read from, its
 * `backstage.io/managed-by-location` annotation ({@link entityLocationOf}), is listed, compared
 * parsed ({@link CatalogLocationList}, `exact`). Its `backstage.io/managed-by-origin-location`
 * does not count: the catalog gives every entity the origin of the root location of its chain,
 * so listing an aggregator file would otherwise trust every file it references and every
 * `kind: Location` those files add, whoever may edit them.
 *
 * @public
 */
export class TrustedLocations extends CatalogLocationList {
  /** Reads `kitstage.provenance.trustedLocations`. */
  static fromConfig(config: Config): TrustedLocations {
    return new TrustedLocations(
      config.getOptionalStringArray('kitstage.provenance.trustedLocations'),
    );
  }

  /**
   * @param refs - location references (`<type>:<target>`).
   * @throws InputError naming `kitstage.provenance.trustedLocations` for a reference that is
   *   not one.
   */
  constructor(refs: readonly string[] = []) {
    super(refs, {
      key: 'kitstage.provenance.trustedLocations',
      match: 'exact',
    });
  }
}

/**
 * Decides the provenance of ModelKit entities. The catalog itself sets the location
 * annotations of every entity read from a registered location (overwriting whatever the file
 * says), so an entity registered by hand cannot claim the registry provider's locations.
 *
 * @public
 */
export class ModelKitProvenanceChecker {
  readonly #registries: RegistryService;
  readonly #trustedLocations: TrustedLocations;

  /**
   * @param options - the registry service (which knows the configured registries) and the
   *   location references of `kitstage.provenance.trustedLocations`.
   */
  constructor(options: {
    registries: RegistryService;
    trustedLocations?: string[];
  }) {
    this.#registries = options.registries;
    this.#trustedLocations = new TrustedLocations(options.trustedLocations);
  }

  /** The provenance of one entity. Never throws. */
  provenanceOf(entity: Entity): ModelKitProvenance {
    const annotations = entity.metadata.annotations ?? {};
    const origin = annotations[ANNOTATION_ORIGIN_LOCATION];
    const location = annotations[ANNOTATION_LOCATION];
    const repositoryText =
      (typeof entity.spec?.repository === 'string'
        ? entity.spec.repository
        : undefined) ?? annotations[ANNOTATION_MODELKIT_REPOSITORY];

    const registryPrefix = `${MODELKIT_REGISTRY_LOCATION_TYPE}:`;
    if (typeof origin === 'string' && origin.startsWith(registryPrefix)) {
      const registry = origin.slice(registryPrefix.length);
      const verdict = this.#checkRegistryEntity(
        registry,
        location,
        repositoryText,
      );
      return verdict
        ? { trusted: false, reason: verdict }
        : {
            trusted: true,
            registry,
            reason: `emitted by the registry entity provider for the configured registry "${registry}"`,
          };
    }
    const listed = this.#trustedLocations.find(entity);
    if (listed) {
      return {
        trusted: true,
        reason: `registered from ${listed}, listed under kitstage.provenance.trustedLocations`,
      };
    }
    return {
      trusted: false,
      reason: `not from a configured registry: it was registered from ${
        entityLocationOf(entity) ?? 'an unknown location'
      }, not emitted by the registry entity provider, and that location is not listed under kitstage.provenance.trustedLocations`,
    };
  }

  /** Undefined when the registry entity is consistent; otherwise why it is not trusted. */
  #checkRegistryEntity(
    registry: string,
    location: unknown,
    repositoryText: unknown,
  ): string | undefined {
    if (typeof repositoryText !== 'string' || !repositoryText) {
      return 'not from a configured registry: it names no repository';
    }
    let located;
    try {
      const { registry: host, repository } = parseOciRepository(repositoryText);
      located = this.#registries.findSource(`${host}/${repository}`);
    } catch {
      located = undefined;
    }
    if (!located) {
      return `not from a configured registry: no registry under kitstage.registries serves ${JSON.stringify(
        repositoryText.slice(0, 200),
      )}`;
    }
    if (located.source.name !== registry) {
      return `not from a configured registry: it claims the registry "${registry.slice(
        0,
        100,
      )}", but ${located.source.host} is served by "${located.source.name}"`;
    }
    if (location !== repositoryLocation(registry, located.repository)) {
      return `not from a configured registry: its location does not match the repository ${located.repository}`;
    }
    return undefined;
  }
}
