import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  MODELKIT_REGISTRY_LOCATION_TYPE,
  parseOciRepository,
  repositoryLocation,
} from '@kitstage/plugin-modelkit-common';
import path from 'node:path';
import { RegistryService } from '../registry';

/**
 * Where a ModelKit entity came from, and whether Kitstage trusts what it says.
 *
 * @public
 */
export interface ModelKitProvenance {
  /**
   * True when the entity was emitted by the registry entity provider for a registry configured
   * under `kitstage.registries` (for the repository it names), or comes from a location listed
   * under `kitstage.provenance.trustedLocations`. Only then do its repository, lifecycle and
   * policy choice unlock registry reads, lifecycle gates and policy outcomes.
   */
  trusted: boolean;
  /** The name of the configured registry entry that emitted the entity, when it did. */
  registry?: string;
  /** Why the entity is trusted or not, for people (shown next to the warning). */
  reason: string;
}

/**
 * The catalog locations listed under `kitstage.provenance.trustedLocations`, parsed once: the
 * one comparison of an entity's locations with them, for ModelKit provenance
 * ({@link ModelKitProvenanceChecker}) and for Components' deploy repositories
 * (`GitRemotePolicy.forComponent`).
 *
 * @remarks
 *
 * Location references are compared parsed: `url` targets as WHATWG URLs (scheme and host in
 * lower case, default port dropped, `.` and `..` segments resolved, percent-encoding
 * normalised); `file` targets as the catalog resolves the targets of `catalog.locations`
 * (`path.resolve`): a relative path in configuration is resolved against the backend's working
 * directory, so `file:../../catalog/entities.yaml` matches the absolute
 * `file:/…/catalog/entities.yaml` the catalog writes into the location annotations of the
 * entities it read from `target: ../../catalog/entities.yaml`.
 *
 * @public
 */
export class TrustedLocations {
  readonly #locations: Array<{ type: string; target: string }>;

  /** Reads `kitstage.provenance.trustedLocations`. */
  static fromConfig(config: Config): TrustedLocations {
    return new TrustedLocations(
      config.getOptionalStringArray('kitstage.provenance.trustedLocations'),
    );
  }

  /**
   * @param refs - location references (`<type>:<target>`).
   * @throws Error naming `kitstage.provenance.trustedLocations` for a reference that is not one.
   */
  constructor(refs: string[] = []) {
    this.#locations = refs.map(ref =>
      normaliseLocationRef(ref, 'kitstage.provenance.trustedLocations'),
    );
  }

  /** Whether a location reference is listed, compared parsed. Never throws. */
  has(ref: unknown): boolean {
    if (typeof ref !== 'string') return false;
    let parsed: { type: string; target: string };
    try {
      parsed = normaliseLocationRef(ref, 'the entity');
    } catch {
      return false;
    }
    return this.#locations.some(
      t => t.type === parsed.type && t.target === parsed.target,
    );
  }

  /**
   * The first of an entity's `backstage.io/managed-by-origin-location` and
   * `backstage.io/managed-by-location` that is listed, as the entity spells it; undefined when
   * neither is. Never throws.
   */
  find(entity: Entity): string | undefined {
    const annotations = entity.metadata.annotations ?? {};
    return [
      annotations[ANNOTATION_ORIGIN_LOCATION],
      annotations[ANNOTATION_LOCATION],
    ].find(candidate => this.has(candidate));
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
        typeof origin === 'string' ? origin : 'an unknown location'
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

/**
 * A location reference parsed and normalised for comparison: `url` targets as WHATWG URLs
 * (scheme and host in lower case, default port dropped, `.` and `..` segments resolved,
 * percent-encoding normalised), `file` targets resolved as the catalog resolves the targets of
 * `catalog.locations`: `path.resolve`, against the working directory when relative.
 */
function normaliseLocationRef(
  ref: string,
  where: string,
): { type: string; target: string } {
  let parsed;
  try {
    parsed = parseLocationRef(ref);
  } catch (error) {
    throw new Error(
      `${where}: ${JSON.stringify(
        ref.slice(0, 200),
      )} is not a location reference (<type>:<target>): ${
        (error as Error).message
      }`,
    );
  }
  if (parsed.type === 'url') {
    return { type: 'url', target: new URL(parsed.target).href };
  }
  if (parsed.type === 'file') {
    return { type: 'file', target: path.resolve(parsed.target) };
  }
  return { type: parsed.type, target: parsed.target };
}
