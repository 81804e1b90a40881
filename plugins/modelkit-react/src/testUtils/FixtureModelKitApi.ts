import {
  countAttestationStates,
  type ComponentLineageResponse,
  type ModelKitApi,
  type ModelKitLineageResponse,
  type ModelKitModelCardResponse,
  type ModelKitAttestationsResponse,
  type ModelKitLatestPolicyStatusResponse,
  type ModelKitDiff,
  type ModelKitEntityName,
  type ModelKitPolicyStatusResponse,
  type ModelKitVersion,
  type ModelKitVersionPolicyStatus,
  type ModelKitVersionSummary,
  type ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import {
  repository,
  skippedTags,
  versionSummaries,
  versionV110,
  versionV120,
} from './modelKitVersions';
import { diffV110ToV120, identicalDiff } from './modelKitDiffs';

/**
 * What a {@link FixtureModelKitApi} serves.
 *
 * @public
 */
export interface FixtureModelKitData {
  /** Every version, newest first, as the versions route lists them across pages. */
  versions: ModelKitVersionSummary[];
  /** The tags the first page reports as skipped. */
  skipped?: ModelKitVersionsResponse['skipped'];
  /** The full versions that `getVersion` serves. */
  details: ModelKitVersion[];
  /** The differences that `diff` serves. */
  diffs: ModelKitDiff[];
  /** How many versions a page holds when the caller sets no limit. */
  pageSize: number;
  /** The entity's lifecycle, as the policy routes report it. */
  lifecycle?: string;
  /** Attestations by manifest digest. */
  attestations?: ModelKitAttestationsResponse[];
  /** Policy statuses by manifest digest; other digests have no evidence. */
  policyStatuses?: ModelKitVersionPolicyStatus[];
  /** Lineage by version; the first is the newest version's. */
  lineage?: ModelKitLineageResponse[];
  /** The lineage every Component gets. */
  componentLineage?: ComponentLineageResponse;
  /** Model cards by manifest digest. */
  modelCards?: ModelKitModelCardResponse[];
}

const DEFAULT_DATA: FixtureModelKitData = {
  versions: versionSummaries,
  skipped: skippedTags,
  details: [versionV120, versionV110],
  diffs: [diffV110ToV120, identicalDiff],
  pageSize: 3,
};

/**
 * The status the fixture backend reports for a digest it has no attestations for.
 *
 * @public
 */
export function noEvidenceStatus(digest: string): ModelKitVersionPolicyStatus {
  return {
    digest,
    status: 'missing',
    applies: true,
    message: 'Rule scan-clean has no evidence: No verified scan evaluation',
    failedRule: 'scan-clean',
    counts: countAttestationStates([]),
    complete: true,
  };
}

/**
 * An in-memory ModelKit API over the fixture data, with cursor pagination like
 * the backend's. Tests spy on its methods or replace them; data left out of
 * the constructor's argument is the `support-sentiment` default.
 *
 * @public
 */
export class FixtureModelKitApi implements ModelKitApi {
  private readonly data: FixtureModelKitData;

  /** Serves `data`, with the `support-sentiment` default for what it leaves out. */
  constructor(data: Partial<FixtureModelKitData> = {}) {
    this.data = { ...DEFAULT_DATA, ...data };
  }

  /** One page of the fixture versions; the cursor is `page-<offset>`. */
  async listVersions(
    _entity: ModelKitEntityName,
    options?: { cursor?: string; limit?: number },
  ): Promise<ModelKitVersionsResponse> {
    const start = options?.cursor ? Number(options.cursor.slice(5)) : 0;
    const end = start + (options?.limit ?? this.data.pageSize);
    return {
      repository,
      items: this.data.versions.slice(start, end),
      ...(end < this.data.versions.length && { nextCursor: `page-${end}` }),
      ...(start === 0 && this.data.skipped && { skipped: this.data.skipped }),
    };
  }

  /** The fixture version a tag or digest names; rejects for others. */
  async getVersion(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitVersion> {
    const found = this.data.details.find(
      v => v.digest === reference || v.tags.includes(reference),
    );
    if (!found) {
      throw new Error(`No version ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  /** The fixture difference between two versions; rejects for others. */
  async diff(
    _entity: ModelKitEntityName,
    from: string,
    to: string,
  ): Promise<ModelKitDiff> {
    const fromDigest = this.#resolve(from);
    const toDigest = this.#resolve(to);
    const found = this.data.diffs.find(
      d => d.from.digest === fromDigest && d.to.digest === toDigest,
    );
    if (!found) {
      throw new Error(`No diff from ${from} to ${to} in the fixtures`);
    }
    return {
      ...found,
      from: { ...found.from, reference: from },
      to: { ...found.to, reference: to },
    };
  }

  /** The fixture attestations of a version; rejects for others. */
  async getAttestations(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitAttestationsResponse> {
    const digest = this.#resolve(reference) ?? reference;
    const found = this.data.attestations?.find(a => a.digest === digest);
    if (!found) {
      throw new Error(`No attestations of ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  /** The fixture policy status of each digest, or no evidence for unknown ones. */
  async getPolicyStatus(
    _entity: ModelKitEntityName,
    wanted: readonly string[],
  ): Promise<ModelKitPolicyStatusResponse> {
    return {
      repository,
      lifecycle: this.data.lifecycle ?? 'production',
      items: [...new Set(wanted)].map(
        digest =>
          this.data.policyStatuses?.find(p => p.digest === digest) ??
          noEvidenceStatus(digest),
      ),
    };
  }

  /** The newest fixture version and its policy status. */
  async getLatestPolicyStatus(
    entity: ModelKitEntityName,
  ): Promise<ModelKitLatestPolicyStatusResponse> {
    const version = this.data.versions[0];
    const lifecycle = this.data.lifecycle ?? 'production';
    if (!version) {
      return { repository, lifecycle };
    }
    const { items } = await this.getPolicyStatus(entity, [version.digest]);
    return { repository, lifecycle, version, policy: items[0] };
  }

  /** The fixture lineage of a version, the newest by default; rejects when there is none. */
  async getLineage(
    _entity: ModelKitEntityName,
    options?: { version?: string; maxDepth?: number },
  ): Promise<ModelKitLineageResponse> {
    const all = this.data.lineage ?? [];
    const wanted = options?.version;
    const digest = wanted ? this.#resolve(wanted) ?? wanted : undefined;
    const found = digest ? all.find(l => l.version?.digest === digest) : all[0];
    if (!found) {
      throw new Error(
        `No lineage of ${wanted ?? 'the newest version'} in the fixtures`,
      );
    }
    return found;
  }

  /** The fixture lineage every Component gets; rejects when there is none. */
  async getComponentLineage(
    _entity: ModelKitEntityName,
  ): Promise<ComponentLineageResponse> {
    if (!this.data.componentLineage) {
      throw new Error('No Component lineage in the fixtures');
    }
    return this.data.componentLineage;
  }

  /** The fixture model card of a version; rejects for others. */
  async getModelCard(
    _entity: ModelKitEntityName,
    reference: string,
  ): Promise<ModelKitModelCardResponse> {
    const digest = this.#resolve(reference) ?? reference;
    const found = this.data.modelCards?.find(c => c.digest === digest);
    if (!found) {
      throw new Error(`No model card of ${reference} in the fixtures`);
    }
    return { ...found, reference };
  }

  #resolve(reference: string): string | undefined {
    return this.data.versions.find(
      v => v.digest === reference || v.tags.includes(reference),
    )?.digest;
  }
}
