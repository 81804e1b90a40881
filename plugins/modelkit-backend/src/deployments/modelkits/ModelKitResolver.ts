import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeployedModelKit,
  DeploymentModelKitPolicy,
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
 * Completes the ModelKit versions found on clusters: resolves tags to digests through the
 * registry service (only for registries configured under `kitstage.registries`), finds the
 * ModelKit entity of each repository with the caller's credentials, and asks the policy seam
 * for the status of each digest. Tag and policy lookups are cached for
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
   * The ModelKit entities the caller may see and that come from a configured registry, by
   * lowercase repository. One catalog query per call, with the caller's credentials. A
   * hand-registered ModelKit naming the same repository never lends its lifecycle (and so
   * its policy) to what runs.
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
    const byRepository = new Map<string, ModelKitEntityInfo>();
    for (const entity of items) {
      if (!this.#options.access.provenanceOf(entity).trusted) continue;
      const info = modelKitInfoOf(entity, nameSummaryOf(entity));
      if (!info) continue;
      const key = info.repository.toLowerCase();
      if (!byRepository.has(key)) byRepository.set(key, info);
    }
    return byRepository;
  }

  /**
   * Resolves, maps and judges collected versions. Versions are returned in the same order.
   */
  async resolve(
    collected: CollectedModelKit[],
    entities: Map<string, ModelKitEntityInfo>,
  ): Promise<DeployedModelKit[]> {
    return mapConcurrently(collected, 8, async version => {
      const { parsed } = version;
      const deployed: DeployedModelKit = {
        reference: version.reference,
        repository: version.repository,
        pinnedByDigest: parsed.digest !== undefined,
        foundIn: version.foundIn,
        pods: version.pods,
      };
      if (parsed.tag) deployed.tag = parsed.tag;
      if (version.trafficPercent !== undefined) {
        deployed.trafficPercent = version.trafficPercent;
      }
      if (version.rolloutRole) deployed.rolloutRole = version.rolloutRole;
      if (parsed.digest) {
        deployed.digest = parsed.digest;
        deployed.digestFrom = 'reference';
      } else if (parsed.tag) {
        const result = await this.resolveTag(version.repository, parsed.tag);
        if ('digest' in result) {
          deployed.digest = result.digest;
          deployed.digestFrom = 'registry';
        } else {
          deployed.resolveError = result.error;
        }
      }
      const entity = entities.get(version.repository.toLowerCase());
      if (entity) {
        const { repository: _r, lifecycle: _l, ...summary } = entity;
        deployed.entity = summary;
      }
      if (deployed.digest) {
        const policy = await this.policyOf(
          version.repository,
          deployed.digest,
          entity,
        );
        if (policy) deployed.policy = policy;
      }
      return deployed;
    });
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
