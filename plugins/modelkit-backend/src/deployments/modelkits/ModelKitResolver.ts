import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_MODELKIT_REPOSITORY,
  DeployedModelKit,
  DeploymentEntitySummary,
  DeploymentModelKitPolicy,
} from '@kitstage/plugin-modelkit-common';
import type {
  ModelKitAccessService,
  RegistryService,
} from '@kitstage/plugin-modelkit-node';
import { ExpiringCache, mapConcurrently } from '../concurrency';
import { DeploymentsConfig } from '../config';
import type { ModelKitPolicyStatusService } from '../policy/modelKitPolicyStatusServiceRef';
import type { CollectedModelKit } from './collectModelKits';

type DigestResult = { digest: string } | { error: string };

/** A ModelKit entity as the resolver needs it. @internal */
export interface ModelKitEntityInfo extends DeploymentEntitySummary {
  repository: string;
  lifecycle?: string;
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
  readonly #registry: RegistryService;
  readonly #catalog: CatalogService;
  readonly #access: ModelKitAccessService;
  readonly #policy: ModelKitPolicyStatusService;
  readonly #config: DeploymentsConfig;
  readonly #logger: LoggerService;
  readonly #digests: ExpiringCache<DigestResult>;
  readonly #policies: ExpiringCache<DeploymentModelKitPolicy | undefined>;

  constructor(options: {
    registry: RegistryService;
    catalog: CatalogService;
    access: ModelKitAccessService;
    policy: ModelKitPolicyStatusService;
    config: DeploymentsConfig;
    logger: LoggerService;
  }) {
    this.#registry = options.registry;
    this.#catalog = options.catalog;
    this.#access = options.access;
    this.#policy = options.policy;
    this.#config = options.config;
    this.#logger = options.logger;
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
    const { items } = await this.#catalog.getEntities(
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
      if (!this.#access.provenanceOf(entity).trusted) continue;
      const spec = (entity.spec ?? {}) as {
        repository?: unknown;
        lifecycle?: unknown;
      };
      const repository =
        typeof spec.repository === 'string'
          ? spec.repository
          : entity.metadata.annotations?.[ANNOTATION_MODELKIT_REPOSITORY];
      if (!repository) continue;
      const key = repository.toLowerCase();
      if (byRepository.has(key)) continue;
      const namespace = entity.metadata.namespace ?? 'default';
      byRepository.set(key, {
        ref: stringifyEntityRef({
          kind: entity.kind,
          namespace,
          name: entity.metadata.name,
        }),
        kind: entity.kind,
        namespace,
        name: entity.metadata.name,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        repository,
        ...(typeof spec.lifecycle === 'string'
          ? { lifecycle: spec.lifecycle }
          : {}),
      });
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
        found = this.#registry.findSource(repositoryRef);
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
            signal: AbortSignal.timeout(this.#config.registryTimeoutMs),
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
        return await this.#policy.getPolicyStatus({
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
          signal: AbortSignal.timeout(this.#config.registryTimeoutMs),
        });
      } catch (error) {
        this.#logger.warn(
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
