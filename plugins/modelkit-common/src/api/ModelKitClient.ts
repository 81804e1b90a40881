import { ModelKitBackendClient } from '../client/ModelKitBackendClient';
import { encodeEntityName } from '../client/request';
import type { ModelKitEntityName } from '../client/types';
import type { ModelKitApi } from './ModelKitApi';
import type { ModelKitDiff } from './diffTypes';
import type {
  ComponentLineageResponse,
  ModelKitLineageResponse,
} from './lineageTypes';
import type { ModelKitModelCardResponse } from './modelCardTypes';
import {
  MAX_POLICY_STATUS_DIGESTS,
  ModelKitAttestationsResponse,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from './policyTypes';
import type { ModelKitVersion, ModelKitVersionsResponse } from './versionTypes';

/**
 * Typed HTTP client for the `modelkit` backend plugin.
 *
 * @public
 */
export class ModelKitClient
  extends ModelKitBackendClient
  implements ModelKitApi
{
  /** {@inheritdoc ModelKitApi.listVersions} */
  async listVersions(
    entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse> {
    const query = new URLSearchParams();
    if (options?.cursor) query.set('cursor', options.cursor);
    if (options?.limit) query.set('limit', String(options.limit));
    return this.get(`${entityPath(entity)}/versions`, query);
  }

  /** {@inheritdoc ModelKitApi.getVersion} */
  async getVersion(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion> {
    return this.get(
      `${entityPath(entity)}/versions/${encodeURIComponent(reference)}`,
    );
  }

  /** {@inheritdoc ModelKitApi.diff} */
  async diff(
    entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff> {
    return this.get(
      `${entityPath(entity)}/diff`,
      new URLSearchParams({ from, to }),
    );
  }

  /** {@inheritdoc ModelKitApi.getAttestations} */
  async getAttestations(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse> {
    return this.get(
      `${entityPath(entity)}/versions/${encodeURIComponent(
        reference,
      )}/attestations`,
    );
  }

  /** {@inheritdoc ModelKitApi.getPolicyStatus} */
  async getPolicyStatus(
    entity: ModelKitEntityName,
    digests: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse> {
    const unique = [...new Set(digests)];
    const batches: string[][] = [];
    for (let i = 0; i < unique.length; i += MAX_POLICY_STATUS_DIGESTS) {
      batches.push(unique.slice(i, i + MAX_POLICY_STATUS_DIGESTS));
    }
    if (batches.length === 0) {
      // Still asked, so that an entity the caller may not read is reported as usual.
      batches.push([]);
    }
    const pages = await Promise.all(
      batches.map(batch =>
        this.get<ModelKitPolicyStatusResponse>(
          `${entityPath(entity)}/policy`,
          new URLSearchParams({ digests: batch.join(',') }),
        ),
      ),
    );
    return { ...pages[0], items: pages.flatMap(page => page.items) };
  }

  /** {@inheritdoc ModelKitApi.getLatestPolicyStatus} */
  async getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse> {
    return this.get(`${entityPath(entity)}/policy/latest`);
  }

  /** {@inheritdoc ModelKitApi.getLineage} */
  async getLineage(
    entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse> {
    const query = new URLSearchParams();
    if (options?.version) query.set('version', options.version);
    if (options?.maxDepth !== undefined) {
      query.set('maxDepth', String(options.maxDepth));
    }
    return this.get(`${entityPath(entity)}/lineage`, query);
  }

  /** {@inheritdoc ModelKitApi.getComponentLineage} */
  async getComponentLineage(
    entity: ModelKitEntityName,
    options?: { maxDepth?: number },
  ): Promise<ComponentLineageResponse> {
    const query = new URLSearchParams();
    if (options?.maxDepth !== undefined) {
      query.set('maxDepth', String(options.maxDepth));
    }
    return this.get(`/components/${encodeEntityName(entity)}/lineage`, query);
  }

  /** {@inheritdoc ModelKitApi.getModelCard} */
  async getModelCard(
    entity: ModelKitEntityName,
    version: string,
  ): Promise<ModelKitModelCardResponse> {
    return this.get(
      `${entityPath(entity)}/versions/${encodeURIComponent(
        version,
      )}/model-card`,
    );
  }
}

/** The path of a ModelKit entity's routes. */
function entityPath(entity: ModelKitEntityName): string {
  return `/modelkits/${encodeEntityName(entity)}`;
}
