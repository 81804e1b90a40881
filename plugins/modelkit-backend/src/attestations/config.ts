import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';

/**
 * How the modelkit plugin caches and schedules attestation verification
 * (`kitstage.attestations.cache` and `kitstage.attestations.concurrency`).
 *
 * @internal
 */
export interface AttestationsCacheConfig {
  /** How long the attestations of a digest are reused once checked. */
  ttlMs: number;
  /**
   * How long they are reused when the policy status they gave is `missing`, or the search was
   * incomplete: evidence may be attached any moment (a scan that just finished).
   */
  missingTtlMs: number;
  /** How many versions the plugin verifies at the same time, across all requests. */
  concurrency: number;
  /**
   * The key that authenticates cached reports (`kitstage.attestations.cache.secret`). When
   * absent, each process draws its own, and reads back only the reports it cached itself.
   */
  secret?: string;
}

/**
 * The defaults of {@link AttestationsCacheConfig}: ten minutes, 30 seconds for `missing`, and
 * four versions at a time.
 *
 * @internal
 */
export const DEFAULT_ATTESTATIONS_CACHE_CONFIG: Readonly<AttestationsCacheConfig> =
  Object.freeze({ ttlMs: 600_000, missingTtlMs: 30_000, concurrency: 4 });

const KEY = 'kitstage.attestations';
const MIN_SECRET_LENGTH = 32;

/**
 * Reads the cache and concurrency settings under `kitstage.attestations`, naming the key of any
 * invalid value.
 *
 * @internal
 */
export function readAttestationsCacheConfig(
  root: Config,
): AttestationsCacheConfig {
  const config = root.getOptionalConfig(KEY);
  const cache = config?.getOptionalConfig('cache');
  const duration = (name: 'ttl' | 'missingTtl', fallback: number) => {
    if (!cache?.has(name)) {
      return fallback;
    }
    let ms: number;
    try {
      ms = durationToMilliseconds(readDurationFromConfig(cache, { key: name }));
    } catch (error) {
      throw new Error(
        `${KEY}.cache.${name} is not a valid duration: ${
          (error as Error).message
        }`,
      );
    }
    if (!Number.isFinite(ms) || ms < 1000) {
      throw new Error(`${KEY}.cache.${name} must be at least one second`);
    }
    return ms;
  };
  const ttlMs = duration('ttl', DEFAULT_ATTESTATIONS_CACHE_CONFIG.ttlMs);
  const missingTtlMs = duration(
    'missingTtl',
    Math.min(DEFAULT_ATTESTATIONS_CACHE_CONFIG.missingTtlMs, ttlMs),
  );
  if (missingTtlMs > ttlMs) {
    throw new Error(
      `${KEY}.cache.missingTtl must not be longer than ${KEY}.cache.ttl`,
    );
  }
  const concurrency =
    config?.getOptionalNumber('concurrency') ??
    DEFAULT_ATTESTATIONS_CACHE_CONFIG.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new Error(
      `${KEY}.concurrency must be a whole number from 1 to 64, got ${concurrency}`,
    );
  }
  const secret = cache?.getOptionalString('secret');
  if (secret !== undefined && secret.length < MIN_SECRET_LENGTH) {
    throw new InputError(
      `${KEY}.cache.secret must be at least ${MIN_SECRET_LENGTH} characters long`,
    );
  }
  return {
    ttlMs,
    missingTtlMs,
    concurrency,
    ...(secret !== undefined && { secret }),
  };
}
