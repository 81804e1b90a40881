import {
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { JsonValue } from '@backstage/types';
import type { AttestationReport } from '@kitstage/plugin-modelkit-common';

/**
 * The version a cache entry is for: its repository and digest.
 *
 * @internal
 */
export interface SealedVersion {
  /** `host/path` of the OCI repository. */
  repository: string;
  /** The manifest digest of the version. */
  digest: string;
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

/**
 * Keys and seals the cache entries of attestation reports, so that a shared cache is not
 * trusted: whoever can write it cannot make a version pass its policy.
 *
 * @remarks
 *
 * A key names the trust settings fingerprint, the repository (its host in lower case) and the
 * digest, hashed (memcache refuses keys over 250 bytes). An entry carries the time it expires
 * and an HMAC-SHA256 over the key's parts, that time and the canonical JSON of the report,
 * keyed by the configured secret or, without one, by a key drawn per process.
 *
 * @internal
 */
export class ReportSeal {
  readonly #fingerprint: string;
  readonly #macKey: Buffer;

  constructor(options: { secret?: string; fingerprint: string }) {
    this.#fingerprint = options.fingerprint;
    this.#macKey = options.secret
      ? Buffer.from(options.secret, 'utf8')
      : randomBytes(32);
  }

  /** The cache key of a version's report. */
  key(version: SealedVersion): string {
    // Hashed: memcache refuses keys over 250 bytes, and repository names may be longer.
    return `attestation-report:v3:${createHash('sha256')
      .update(this.#keyParts(version))
      .digest('hex')}`;
  }

  /** The cache entry of a report: the report, when it expires (epoch ms) and their MAC. */
  seal(
    report: AttestationReport,
    expiresAt: number,
    version: SealedVersion,
  ): JsonValue {
    return {
      report: report as unknown as JsonValue,
      expiresAt,
      mac: this.#mac(canonicalJson(report), expiresAt, version).toString(
        'base64',
      ),
    };
  }

  /**
   * The report of a cache entry when its MAC verifies for this version's key and it has not
   * expired; otherwise why not.
   */
  open(
    entry: unknown,
    version: SealedVersion,
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
      !isReportOf(report, version.digest)
    ) {
      return 'invalid';
    }
    const expected = this.#mac(canonicalJson(report), expiresAt, version);
    const given = Buffer.from(mac, 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return 'invalid';
    }
    return Date.now() < expiresAt ? report : 'expired';
  }

  /** What a cache key names: the trust settings, the repository and the digest. */
  #keyParts({ repository, digest }: SealedVersion): string {
    const slash = repository.indexOf('/');
    const normalized =
      slash > 0
        ? `${repository.slice(0, slash).toLowerCase()}${repository.slice(
            slash,
          )}`
        : repository;
    return JSON.stringify([this.#fingerprint, normalized, digest]);
  }

  #mac(
    canonicalReport: string,
    expiresAt: number,
    version: SealedVersion,
  ): Buffer {
    return createHmac('sha256', this.#macKey)
      .update(
        JSON.stringify([
          'attestation-report:v3',
          this.#keyParts(version),
          expiresAt,
          canonicalReport,
        ]),
      )
      .digest();
  }
}
