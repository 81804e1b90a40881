import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import {
  AttestationPolicyResult,
  AttestationReport,
  ModelKitVersionPolicyStatus,
} from '@kitstage/plugin-modelkit-common';
import type { AttestationService } from '@kitstage/plugin-modelkit-node';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { AttestationsCacheConfig } from './config';
import {
  emptyReport,
  toPolicyStatus,
  uncheckedPolicyStatus,
} from './policyStatus';
import { ReportSeal } from './ReportSeal';
import { untilAborted } from './untilAborted';

/**
 * One version to check: where it is and which lifecycle's policy applies.
 *
 * @internal
 */
export interface ModelKitPolicyRequest {
  /** `host/path` of the OCI repository (a ModelKit entity's `spec.repository`). */
  repository: string;
  /** The manifest digest of the version, never a tag. */
  digest: string;
  /** The ModelKit entity's `spec.lifecycle`. */
  lifecycle: string;
  /**
   * Stops waiting. The verification itself goes on and is cached, since other callers may
   * share it.
   */
  signal?: AbortSignal;
}

/**
 * What the policy service reads from and how it caches.
 *
 * @internal
 */
export interface ModelKitPolicyServiceOptions {
  attestations: AttestationService;
  cache: CacheService;
  logger: LoggerService;
  config: AttestationsCacheConfig;
  /** Changes whenever anything that changes verification outcomes changes. */
  fingerprint: string;
}

/**
 * Attestation reports and policy status per ModelKit digest, verified at most a few at a time
 * across the plugin and cached per digest: what the Security view, the versions table, the
 * entity header and the deployment views all read.
 *
 * @remarks
 *
 * Reports are cached in the plugin's `CacheService` under a key made of the repository, the
 * digest and a fingerprint of `kitstage.attestations` (so changing the trusted signers never
 * serves an old verdict). A report whose policy status is `missing`, or whose search was
 * incomplete, is kept for `missingTtl` only: evidence is often attached just after a version is
 * pushed. Concurrent requests for the same digest share one verification.
 *
 * The cache is not trusted: every entry carries the time it expires (when it was cached plus
 * the TTL it was cached for) and an HMAC-SHA256 over its cache key's parts (trust settings
 * fingerprint, repository, digest), that time and the canonical JSON of the report, keyed by
 * `kitstage.attestations.cache.secret` or, when that is not set, by a key drawn per process
 * (see {@link ReportSeal}). An entry whose MAC does not verify (edited, copied from another
 * digest, or written by an instance with another key), or that has expired (kept by a store
 * past its TTL, or written back after it), is discarded with a warning and the version is
 * verified again.
 *
 * @internal
 */
export class ModelKitPolicyService {
  readonly #attestations: AttestationService;
  readonly #cache: CacheService;
  readonly #logger: LoggerService;
  readonly #config: AttestationsCacheConfig;
  readonly #seal: ReportSeal;
  readonly #limit: ConcurrencyLimit;
  readonly #inFlight = new Map<string, Promise<AttestationReport>>();

  static create(options: ModelKitPolicyServiceOptions): ModelKitPolicyService {
    return new ModelKitPolicyService(options);
  }

  private constructor(options: ModelKitPolicyServiceOptions) {
    this.#attestations = options.attestations;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#config = options.config;
    this.#seal = new ReportSeal({
      secret: options.config.secret,
      fingerprint: options.fingerprint,
    });
    this.#limit = new ConcurrencyLimit(options.config.concurrency);
  }

  /**
   * The attestations of a version with their verification states, from the cache when fresh.
   *
   * @throws NotFoundError when no configured source serves the repository; InputError when the
   *   repository or digest is malformed; the signal's reason when it aborts.
   */
  async getReport(request: ModelKitPolicyRequest): Promise<AttestationReport> {
    const key = this.#seal.key(request);
    let pending = this.#inFlight.get(key);
    if (!pending) {
      pending = this.#load(key, request).finally(() => {
        this.#inFlight.delete(key);
      });
      // Nobody may be waiting any more when it settles: its failure is reported to the waiters.
      pending.catch(() => {});
      this.#inFlight.set(key, pending);
    }
    return untilAborted(pending, request.signal);
  }

  /** Evaluates the policy of a lifecycle on a report. Pure. */
  evaluatePolicy(
    report: AttestationReport,
    lifecycle: string,
  ): AttestationPolicyResult {
    return this.#attestations.evaluatePolicy(report, lifecycle);
  }

  /** Whether the policy of a lifecycle has any rule: otherwise nothing needs checking. */
  appliesTo(lifecycle: string): boolean {
    return this.#attestations.evaluatePolicy(
      emptyReport({ repository: '', digest: '' }),
      lifecycle,
    ).applies;
  }

  /**
   * The policy status of one version. Never rejects, except with the signal's reason when it
   * aborts: when the attestations cannot be checked, the status is `missing` (or `passed` for a
   * lifecycle that requires nothing) and `error` says why.
   */
  async getPolicyStatus(
    request: ModelKitPolicyRequest,
  ): Promise<ModelKitVersionPolicyStatus> {
    let report: AttestationReport;
    try {
      report = await this.getReport(request);
    } catch (error) {
      if (request.signal?.aborted) {
        throw error;
      }
      return this.uncheckedPolicyStatus(request, (error as Error).message);
    }
    return toPolicyStatus(
      report,
      this.#attestations.evaluatePolicy(report, request.lifecycle),
    );
  }

  /**
   * The policy status of a version whose attestations are not checked, with why: `missing`
   * where the lifecycle's policy requires anything. Neither verifies nor touches the cache.
   */
  uncheckedPolicyStatus(
    request: Omit<ModelKitPolicyRequest, 'signal'>,
    message: string,
  ): ModelKitVersionPolicyStatus {
    return uncheckedPolicyStatus(
      request.digest,
      this.#attestations.evaluatePolicy(
        emptyReport(request),
        request.lifecycle,
      ),
      message,
    );
  }

  async #load(
    key: string,
    request: ModelKitPolicyRequest,
  ): Promise<AttestationReport> {
    const cached = await this.#cache.get(key).catch(error => {
      this.#logger.warn(
        `Could not read the cached attestations of ${request.repository}@${request.digest}: ${error}`,
      );
      return undefined;
    });
    if (cached !== undefined && cached !== null) {
      const opened = this.#seal.open(cached, request);
      if (typeof opened === 'object') {
        return opened;
      }
      this.#logger.warn(
        `Discarded the cached attestations of ${request.repository}@${
          request.digest
        }: ${
          opened === 'expired'
            ? 'they have expired (kept past their TTL, or written back since)'
            : 'their MAC does not verify (written by an instance with another kitstage.attestations.cache.secret, or tampered with)'
        }; verifying again`,
      );
    }
    const report = await this.#limit.run(() =>
      this.#attestations.verifyVersion({
        repository: request.repository,
        digest: request.digest,
      }),
    );
    const weak =
      !report.complete ||
      this.#attestations.evaluatePolicy(report, request.lifecycle).status ===
        'missing';
    const ttl = weak ? this.#config.missingTtlMs : this.#config.ttlMs;
    await this.#cache
      .set(key, this.#seal.seal(report, Date.now() + ttl, request), { ttl })
      .catch(error => {
        this.#logger.warn(
          `Could not cache the attestations of ${request.repository}@${request.digest}: ${error}`,
        );
      });
    return report;
  }
}
