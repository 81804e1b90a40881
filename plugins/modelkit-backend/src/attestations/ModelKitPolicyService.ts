import {
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import type { JsonValue } from '@backstage/types';
import {
  AttestationPolicyResult,
  AttestationReport,
  countAttestationStates,
  ModelKitVersionPolicyStatus,
} from '@kitstage/plugin-modelkit-common';
import type { AttestationService } from '@kitstage/plugin-modelkit-node';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { AttestationsCacheConfig } from './config';

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
 * `kitstage.attestations.cache.secret` or, when that is not set, by a key drawn per process.
 * An entry whose MAC does not verify (edited, copied from another digest, or written by an
 * instance with another key), or that has expired (kept by a store past its TTL, or written
 * back after it), is discarded with a warning and the version is verified again.
 *
 * @internal
 */
export class ModelKitPolicyService {
  readonly #attestations: AttestationService;
  readonly #cache: CacheService;
  readonly #logger: LoggerService;
  readonly #config: AttestationsCacheConfig;
  readonly #fingerprint: string;
  readonly #macKey: Buffer;
  readonly #limit: ConcurrencyLimit;
  readonly #inFlight = new Map<string, Promise<AttestationReport>>();

  static create(options: {
    attestations: AttestationService;
    cache: CacheService;
    logger: LoggerService;
    config: AttestationsCacheConfig;
    /** Changes whenever anything that changes verification outcomes changes. */
    fingerprint: string;
  }): ModelKitPolicyService {
    return new ModelKitPolicyService(options);
  }

  private constructor(options: {
    attestations: AttestationService;
    cache: CacheService;
    logger: LoggerService;
    config: AttestationsCacheConfig;
    fingerprint: string;
  }) {
    this.#attestations = options.attestations;
    this.#cache = options.cache;
    this.#logger = options.logger;
    this.#config = options.config;
    this.#fingerprint = options.fingerprint;
    this.#macKey = options.config.secret
      ? Buffer.from(options.config.secret, 'utf8')
      : randomBytes(32);
    this.#limit = new ConcurrencyLimit(options.config.concurrency);
  }

  /**
   * The attestations of a version with their verification states, from the cache when fresh.
   *
   * @throws NotFoundError when no configured source serves the repository; InputError when the
   *   repository or digest is malformed; the signal's reason when it aborts.
   */
  async getReport(request: ModelKitPolicyRequest): Promise<AttestationReport> {
    const key = this.#key(request.repository, request.digest);
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
      emptyReport({ repository: '', digest: '', lifecycle }),
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
      const message = (error as Error).message;
      const policy = this.#attestations.evaluatePolicy(
        emptyReport(request),
        request.lifecycle,
      );
      return {
        digest: request.digest,
        status: policy.applies ? 'missing' : policy.status,
        applies: policy.applies,
        message: policy.applies
          ? `The attestations of ${request.digest} could not be checked: ${message}`
          : policy.message,
        ...(policy.applies && policy.failedRule
          ? { failedRule: policy.failedRule }
          : {}),
        counts: countAttestationStates([]),
        complete: false,
        error: message,
      };
    }
    return toPolicyStatus(
      report,
      this.#attestations.evaluatePolicy(report, request.lifecycle),
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
      const opened = this.#open(cached, request);
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
      .set(key, this.#seal(report, Date.now() + ttl, request), { ttl })
      .catch(error => {
        this.#logger.warn(
          `Could not cache the attestations of ${request.repository}@${request.digest}: ${error}`,
        );
      });
    return report;
  }

  /** What a cache key names: the trust settings, the repository and the digest. */
  #keyParts(repository: string, digest: string): string {
    const slash = repository.indexOf('/');
    const normalized =
      slash > 0
        ? `${repository.slice(0, slash).toLowerCase()}${repository.slice(
            slash,
          )}`
        : repository;
    return JSON.stringify([this.#fingerprint, normalized, digest]);
  }

  #key(repository: string, digest: string): string {
    // Hashed: memcache refuses keys over 250 bytes, and repository names may be longer.
    return `attestation-report:v3:${createHash('sha256')
      .update(this.#keyParts(repository, digest))
      .digest('hex')}`;
  }

  #mac(
    canonicalReport: string,
    expiresAt: number,
    request: ModelKitPolicyRequest,
  ): Buffer {
    return createHmac('sha256', this.#macKey)
      .update(
        JSON.stringify([
          'attestation-report:v3',
          this.#keyParts(request.repository, request.digest),
          expiresAt,
          canonicalReport,
        ]),
      )
      .digest();
  }

  /** The cache entry of a report: the report, when it expires (epoch ms) and their MAC. */
  #seal(
    report: AttestationReport,
    expiresAt: number,
    request: ModelKitPolicyRequest,
  ): JsonValue {
    return {
      report: report as unknown as JsonValue,
      expiresAt,
      mac: this.#mac(canonicalJson(report), expiresAt, request).toString(
        'base64',
      ),
    };
  }

  /**
   * The report of a cache entry when its MAC verifies for this request's key and it has not
   * expired; otherwise why not.
   */
  #open(
    entry: unknown,
    request: ModelKitPolicyRequest,
  ): AttestationReport | 'invalid' | 'expired' {
    const { report, expiresAt, mac } = (entry ?? {}) as {
      report?: unknown;
      expiresAt?: unknown;
      mac?: unknown;
    };
    if (
      typeof mac !== 'string' ||
      typeof expiresAt !== 'number' ||
      !Number.isSafeInteger(expiresAt) ||
      !isReportOf(report, request.digest)
    ) {
      return 'invalid';
    }
    const expected = this.#mac(canonicalJson(report), expiresAt, request);
    const given = Buffer.from(mac, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'invalid';
    }
    return Date.now() < expiresAt ? report : 'expired';
  }
}

/**
 * The policy status of a version from its report and policy result.
 *
 * @internal
 */
export function toPolicyStatus(
  report: AttestationReport,
  policy: AttestationPolicyResult,
): ModelKitVersionPolicyStatus {
  return {
    digest: report.subject.digest,
    status: policy.status,
    applies: policy.applies,
    message: policy.message,
    ...(policy.failedRule ? { failedRule: policy.failedRule } : {}),
    counts: report.counts,
    complete: report.complete,
    checkedAt: report.checkedAt,
  };
}

/**
 * A fingerprint of everything that changes verification outcomes: the whole
 * `kitstage.attestations` section (keys, keyless trust, limits).
 *
 * @internal
 */
export function attestationConfigFingerprint(section: unknown): string {
  // The cache's MAC key authenticates entries; it is no trust setting and stays out of keys.
  let settings = section ?? null;
  const cache = (settings as { cache?: unknown } | null)?.cache;
  if (cache && typeof cache === 'object' && 'secret' in cache) {
    const { secret: _secret, ...rest } = cache as Record<string, unknown>;
    settings = { ...(settings as object), cache: rest };
  }
  return createHash('sha256')
    .update(JSON.stringify(settings))
    .digest('hex')
    .slice(0, 16);
}

/** JSON with object keys sorted, so a report MACs the same after any store's round trip. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map(k => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function isReportOf(
  value: unknown,
  digest: string,
): value is AttestationReport {
  const report = value as Partial<AttestationReport> | undefined;
  return (
    typeof report === 'object' &&
    report !== null &&
    report.subject?.digest === digest &&
    Array.isArray(report.attestations) &&
    typeof report.counts === 'object'
  );
}

function emptyReport(request: ModelKitPolicyRequest): AttestationReport {
  return {
    subject: {
      source: '',
      repository: request.repository,
      digest: request.digest,
    },
    attestations: [],
    counts: countAttestationStates([]),
    limits: { maxAttestations: 0, maxBytes: 0, bytesRead: 0, omitted: 0 },
    discovery: { errors: [] },
    otherReferrers: [],
    complete: false,
    checkedAt: new Date().toISOString(),
  };
}

function untilAborted<T>(
  promise: Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  if (!signal) {
    return promise;
  }
  if (signal.aborted) {
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      value => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      error => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
