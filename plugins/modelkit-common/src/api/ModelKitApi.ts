import type { ModelKitEntityName } from '../client/types';
import type { ModelKitDiff } from './diffTypes';
import type {
  ComponentLineageResponse,
  ModelKitLineageResponse,
} from './lineageTypes';
import type { ModelKitModelCardResponse } from './modelCardTypes';
import type {
  ModelKitAttestationsResponse,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from './policyTypes';
import type { ModelKitVersion, ModelKitVersionsResponse } from './versionTypes';

/**
 * The Kitstage backend API as the frontend uses it.
 *
 * @public
 */
export interface ModelKitApi {
  /**
   * One page of the versions of a ModelKit, newest first. `cursor` is the `nextCursor` of the
   * previous page (the first page without it); `limit` is the page size, the backend's default
   * when absent.
   */
  listVersions(
    entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse>;
  /** Everything about one version of a ModelKit, named by a tag or a manifest digest. */
  getVersion(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion>;
  /**
   * What differs between two versions of a ModelKit (each a tag or digest), as `kit diff`
   * reports it: Kitfile fields, manifest annotations and parts.
   */
  diff(
    entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff>;
  /**
   * Every attestation and signature of one version (a tag or digest) with its verification
   * state, and the policy of the ModelKit's lifecycle evaluated on them.
   */
  getAttestations(
    entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse>;
  /**
   * The policy status of several versions by manifest digest, in the order given (duplicates
   * once). Requests go in batches of {@link MAX_POLICY_STATUS_DIGESTS}.
   */
  getPolicyStatus(
    entity: ModelKitEntityName,
    digests: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse>;
  /** The newest version and its policy status, for the entity header. */
  getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse>;
  /**
   * The lineage graph of a ModelKit as of one version (a tag or digest; the newest version when
   * none is given), from its data and base models to the Components and clusters that run it.
   */
  getLineage(
    entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse>;
  /** The lineage graph of a Component: the ModelKits it serves, their lineage and its clusters. */
  getComponentLineage(
    entity: ModelKitEntityName,
    options?: { maxDepth?: number },
  ): Promise<ComponentLineageResponse>;
  /**
   * The model card of one version (a tag or digest): Markdown from its docs layer, or the
   * Kitfile descriptions.
   */
  getModelCard(
    entity: ModelKitEntityName,
    version: string,
  ): Promise<ModelKitModelCardResponse>;
}
