import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeployedModelKit,
  DeploymentModelKitPolicy,
  modelkitReadPermission,
} from '@kitstage/plugin-modelkit-common';
import type {
  ModelKitAccessService,
  ModelKitPolicyStatusService,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import { ExpiringCache, mapConcurrently } from '../concurrency';
import { DeploymentsConfig } from '../config';
import { ModelKitEntityInfo, modelKitInfoOf, nameSummaryOf } from '../entities';
import type { CollectedModelKit } from './collectModelKits';

type DigestResult = { digest: string } | { error: string };

/**
 * What resolving one collected version adds to it (see {@link ModelKitResolver.resolution}).
 *
 * @internal
 */
export type ModelKitResolution = Pick<
  DeployedModelKit,
  'digest' | 'digestFrom' | 'resolveError' | 'policy'
>;

/**
 * What the resolver reads from.
 *
 * @internal
 */
export interface ModelKitResolverOptions {
  registry: RegistryService;
  catalog: CatalogService;
  access: ModelKitAccessService;
  policy: ModelKitPolicyStatusService;
  config: DeploymentsConfig;
  logger: LoggerService;
}

/**
 * Completes the ModelKit versions found on clusters: finds the ModelKit entity of each
 * repository with the caller's credentials, resolves tags to digests through the registry
 * service only for a repository such an entity names (so a workload naming another repository
 * tells the caller nothing about it), and asks the policy seam for the status of each digest. Tag and policy lookups are cached for
 * `kitstage.deployments.cacheTtl`; entity lookups never are, since they depend on the caller.
 *
 * @internal
 */
export class ModelKitResolver {
  readonly #options: ModelKitResolverOptions;
  readonly #digests: ExpiringCache<DigestResult>;
  readonly #policies: ExpiringCache<DeploymentModelKitPolicy | undefined>;

  constructor(options: ModelKitResolverOptions) {
    this.#options = options;
    this.#digests = new ExpiringCache({ ttlMs: options.config.cacheTtlMs });
    this.#policies = new ExpiringCache({ ttlMs: options.config.cacheTtlMs });
  }

  /**
   * The ModelKit entities the caller may see and whose registry data they may read
   * (`kitstage.modelkit.read`), and that come from a configured registry, by lowercase
   * repository. One catalog query and one batch of permission decisions per call, with the
   * caller's credentials. A hand-registered ModelKit naming the same repository never lends
   * its lifecycle (and so its policy) to what runs.
   */
  async lookupEntities(
    credentials: BackstageCredentials,
  ): Promise<Map<string, ModelKitEntityInfo>> {
    const { items } = await this.#options.catalog.getEntities(
      {
        filter: { kind: 'ModelKit' },
        fields: [
          'apiVersion',
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.annotations',
          'spec.repository',
          'spec.lifecycle',
        ],
      },
      { credentials },
    );
    const trusted: ModelKitEntityInfo[] = [];
    for (const entity of items) {
      if (!this.#options.access.provenanceOf(entity).trusted) continue;
      const info = modelKitInfoOf(entity, nameSummaryOf(entity));
      if (info) trusted.push(info);
    }
    // A ModelKit's registry data (the digest a tag points at, its versions, its policy status)
    // is for callers who hold kitstage.modelkit.read on it, as on its own routes.
    const allowed = await this.#options.access.decide(
      credentials,
      trusted.map(info => ({
        permission: modelkitReadPermission,
        resourceRef: info.ref,
      })),
    );
    const byRepository = new Map<string, ModelKitEntityInfo>();
    trusted.forEach((info, i) => {
      if (!allowed[i]) return;
      const key = info.repository.toLowerCase();
      if (!byRepository.has(key)) byRepository.set(key, info);
    });
    return byRepository;
  }

  /**
   * Resolves, maps and judges collected versions. Versions are returned in the same order.
   */
  async resolve(
    collected: CollectedModelKit[],
    entities: Map<string, ModelKitEntityInfo>,
  ): Promise<DeployedModelKit[]> {
    return mapConcurrently(collected, 8, async version =>
      this.deployed(
        version,
        entities,
        await this.resolution(version, entities),
      ),
    );
  }

  /**
   * What resolving a collected version adds to it: its digest (from the reference, or from
   * the registry for a tag of a repository that a ModelKit entity the caller may read names)
   * or why it could not be resolved, and the policy result of the digest. It depends only on
   * the version's normalised reference (`key`) and the ModelKit entity of its repository.
   */
  async resolution(
    version: CollectedModelKit,
    entities: Map<string, ModelKitEntityInfo>,
  ): Promise<ModelKitResolution> {
    const { parsed } = version;
    const resolution: ModelKitResolution = {};
    if (parsed.digest) {
      resolution.digest = parsed.digest;
      resolution.digestFrom = 'reference';
    } else if (parsed.tag && !entities.has(version.repository.toLowerCase())) {
      // The repository and tag come from a cluster object anyone who may write a workload
      // sets: resolving them with the backend's registry credentials would tell the caller
      // the versions (or the existence) of a repository the catalog hides from them.
      resolution.resolveError = `No ModelKit you may read, from a configured registry, is stored in ${version.repository}, so the tag ${parsed.tag} is not resolved to a digest`;
    } else if (parsed.tag) {
      const result = await this.resolveTag(version.repository, parsed.tag);
      if ('digest' in result) {
        resolution.digest = result.digest;
        resolution.digestFrom = 'registry';
      } else {
        resolution.resolveError = result.error;
      }
    }
    const entity = entities.get(version.repository.toLowerCase());
    // The policy status is registry data of the ModelKit too: only for one the caller may read.
    if (resolution.digest && entity) {
      const policy = await this.policyOf(
        version.repository,
        resolution.digest,
        entity,
      );
      if (policy) resolution.policy = policy;
    }
    return resolution;
  }

  /** A collected version with its resolution and the summary of its ModelKit entity. */
  deployed(
    version: CollectedModelKit,
    entities: Map<string, ModelKitEntityInfo>,
    resolution: ModelKitResolution,
  ): DeployedModelKit {
    const deployed: DeployedModelKit = {
      reference: version.reference,
      repository: version.repository,
      pinnedByDigest: version.parsed.digest !== undefined,
      foundIn: version.foundIn,
      pods: version.pods,
    };
    if (version.parsed.tag) deployed.tag = version.parsed.tag;
    if (version.trafficPercent !== undefined) {
      deployed.trafficPercent = version.trafficPercent;
    }
    if (version.rolloutRole) deployed.rolloutRole = version.rolloutRole;
    if (resolution.digest) {
      deployed.digest = resolution.digest;
      deployed.digestFrom = resolution.digestFrom;
    }
    if (resolution.resolveError) {
      deployed.resolveError = resolution.resolveError;
    }
    const entity = entities.get(version.repository.toLowerCase());
    if (entity) {
      const { repository: _r, lifecycle: _l, ...summary } = entity;
      deployed.entity = summary;
    }
    if (resolution.policy) deployed.policy = resolution.policy;
    return deployed;
  }

  /** The digest a tag points at now, or why it cannot be known. Never throws. */
  resolveTag(repositoryRef: string, tag: string): Promise<DigestResult> {
    return this.#digests.get(`${repositoryRef}:${tag}`, async () => {
      let found;
      try {
        found = this.#options.registry.findSource(repositoryRef);
      } catch (error) {
        return { error: (error as Error).message };
      }
      if (!found) {
        const host = repositoryRef.slice(0, repositoryRef.indexOf('/'));
        return {
          error: `No registry under kitstage.registries serves ${host}, so the tag ${tag} cannot be resolved to a digest`,
        };
      }
      try {
        const descriptor = await found.source.resolveTag(
          found.repository,
          tag,
          {
            signal: AbortSignal.timeout(this.#options.config.registryTimeoutMs),
          },
        );
        return { digest: descriptor.digest };
      } catch (error) {
        return { error: (error as Error).message };
      }
    });
  }

  policyOf(
    repository: string,
    digest: string,
    entity: ModelKitEntityInfo | undefined,
  ): Promise<DeploymentModelKitPolicy | undefined> {
    const key = JSON.stringify([
      repository,
      digest,
      entity?.ref,
      entity?.lifecycle,
    ]);
    return this.#policies.get(key, async () => {
      try {
        return await this.#options.policy.getPolicyStatus({
          repository,
          digest,
          ...(entity
            ? {
                entity: {
                  ref: entity.ref,
                  ...(entity.lifecycle ? { lifecycle: entity.lifecycle } : {}),
                },
              }
            : {}),
          signal: AbortSignal.timeout(this.#options.config.registryTimeoutMs),
        });
      } catch (error) {
        this.#options.logger.warn(
          `The policy status of ${repository}@${digest} could not be read: ${
            (error as Error).message
          }`,
        );
        return {
          status: 'missing' as const,
          message: `The policy status could not be read: ${
            (error as Error).message
          }`,
        };
      }
    });
  }
}
