import {
  ModelKitAttestationsResponse,
  ModelKitEntityName,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import { listModelKitVersions } from '@kitstage/plugin-modelkit-node';
import {
  LocatedModelKit,
  ModelKitRequestOptions,
  ModelKitVersionsService,
  repositoryOf,
} from '../service/ModelKitVersionsService';
import { checkVersionDigests } from './checkVersionDigests';
import { ModelKitPolicyService } from './ModelKitPolicyService';

/**
 * Serves the attestations and policy status of ModelKit entities' versions.
 *
 * @remarks
 *
 * Every call is authorized exactly like the versions routes, by the same code
 * ({@link ModelKitVersionsService.locate}): the entity is read from the catalog with the
 * caller's credentials (an entity the caller may not read is not found, and no registry is
 * contacted), then `kitstage.modelkit.read` is checked. The lifecycle whose policy applies is
 * the entity's `spec.lifecycle`. Verification goes through {@link ModelKitPolicyService}, so
 * it is cached per digest and bounded across requests, and only ever of a version of the
 * entity's repository: a digest is first resolved in that repository (`getAttestations`) or
 * looked up there ({@link checkVersionDigests}), so a caller cannot make the plugin verify, or
 * cache, digests of anything else.
 *
 * @internal
 */
export class ModelKitAttestationsService {
  readonly #versions: ModelKitVersionsService;
  readonly #policy: ModelKitPolicyService;

  static create(options: {
    versions: ModelKitVersionsService;
    policy: ModelKitPolicyService;
  }): ModelKitAttestationsService {
    return new ModelKitAttestationsService(options);
  }

  private constructor(options: {
    versions: ModelKitVersionsService;
    policy: ModelKitPolicyService;
  }) {
    this.#versions = options.versions;
    this.#policy = options.policy;
  }

  /**
   * Every attestation of one version (tag or digest) and the lifecycle policy on them. The
   * reference must name a ModelKit of the entity's repository: it is resolved there to the
   * digest the registry serves before anything is verified, so a tag or digest the repository
   * does not serve as a ModelKit is not found, without a verification or a cache entry.
   */
  async getAttestations(
    name: ModelKitEntityName,
    reference: string,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitAttestationsResponse> {
    const { located, version } = await this.#versions.readVersion(
      name,
      reference,
      options,
    );
    const repository = repositoryOf(located);
    const lifecycle = lifecycleOf(located);
    const report = await this.#policy.getReport({
      repository,
      digest: version.digest,
      lifecycle,
      signal: options.signal,
    });
    return {
      repository,
      reference,
      digest: version.digest,
      report,
      policy: this.#policy.evaluatePolicy(report, lifecycle),
    };
  }

  /**
   * The policy status of versions by digest, in the order given, each digest once.
   *
   * @remarks
   *
   * Only versions of this ModelKit are verified (see {@link checkVersionDigests}): a digest its
   * repository does not serve as a ModelKit answers, in its item, that it is not a version of
   * this ModelKit (status `missing` where the policy requires anything, with `error` saying
   * why), without a verification and without a cache entry.
   */
  async getPolicyStatus(
    name: ModelKitEntityName,
    digests: readonly string[],
    options: ModelKitRequestOptions,
  ): Promise<ModelKitPolicyStatusResponse> {
    const located = await this.#versions.locate(name, options);
    const repository = repositoryOf(located);
    const lifecycle = lifecycleOf(located);
    const unique = [...new Set(digests)];
    const problems = await checkVersionDigests(located, unique, options.signal);
    const items = await Promise.all(
      unique.map(digest => {
        const problem = problems.get(digest);
        return problem === undefined
          ? this.#policy.getPolicyStatus({
              repository,
              digest,
              lifecycle,
              signal: options.signal,
            })
          : this.#policy.uncheckedPolicyStatus(
              { repository, digest, lifecycle },
              problem,
            );
      }),
    );
    return { repository, lifecycle, items };
  }

  /** The newest version, as the versions listing orders them, and its policy status. */
  async getLatestPolicyStatus(
    name: ModelKitEntityName,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitLatestPolicyStatusResponse> {
    const located = await this.#versions.locate(name, options);
    const repository = repositoryOf(located);
    const lifecycle = lifecycleOf(located);
    const { items } = await listModelKitVersions(
      located.source,
      located.repository,
      { limit: 1, signal: options.signal },
    );
    const version = items[0];
    if (!version) {
      return { repository, lifecycle };
    }
    return {
      repository,
      lifecycle,
      version,
      policy: await this.#policy.getPolicyStatus({
        repository,
        digest: version.digest,
        lifecycle,
        signal: options.signal,
      }),
    };
  }
}

function lifecycleOf(located: LocatedModelKit): string {
  // The catalog validated spec.lifecycle; a missing one falls back to the default policy.
  const lifecycle = located.entity.spec?.lifecycle;
  return typeof lifecycle === 'string' ? lifecycle : '';
}
