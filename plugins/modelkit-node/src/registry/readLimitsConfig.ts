import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds, HumanDuration } from '@backstage/types';
import {
  DEFAULT_REGISTRY_CACHE,
  DEFAULT_REGISTRY_LIMITS,
  RegistryCacheConfig,
  RegistryLimits,
} from './configTypes';

/**
 * Reads the `limits` block of a registry entry, each value defaulting to
 * {@link DEFAULT_REGISTRY_LIMITS}.
 *
 * @param path - The key path of the block, used in error messages.
 * @throws Error naming the key when a value is out of range.
 * @internal
 */
export function readLimitsConfig(
  config: Config | undefined,
  path: string,
): RegistryLimits {
  const d = DEFAULT_REGISTRY_LIMITS;
  if (!config) {
    return { ...d };
  }
  const int = (key: keyof RegistryLimits & string, min: number) =>
    readInteger(config, key, `${path}.${key}`, d[key], min);
  return {
    maxManifestBytes: int('maxManifestBytes', 1024),
    maxBlobBytes: int('maxBlobBytes', 1),
    pageSize: int('pageSize', 1),
    maxPages: int('maxPages', 1),
    maxTagsPerRepository: int('maxTagsPerRepository', 1),
    maxRepositories: int('maxRepositories', 1),
    maxReferrers: int('maxReferrers', 1),
    concurrency: int('concurrency', 1),
    maxRetries: int('maxRetries', 0),
    maxRedirects: int('maxRedirects', 0),
    connectTimeoutMs: readDuration(
      config,
      'connectTimeout',
      path,
      d.connectTimeoutMs,
    ),
    requestTimeoutMs: readDuration(
      config,
      'requestTimeout',
      path,
      d.requestTimeoutMs,
    ),
    retryBaseDelayMs: readDuration(
      config,
      'retryBaseDelay',
      path,
      d.retryBaseDelayMs,
    ),
    maxRetryDelayMs: readDuration(
      config,
      'maxRetryDelay',
      path,
      d.maxRetryDelayMs,
    ),
  };
}

/**
 * Reads the `cache` block of a registry entry, each value defaulting to
 * {@link DEFAULT_REGISTRY_CACHE}.
 *
 * @param path - The key path of the block, used in error messages.
 * @throws Error naming the key when a value is out of range.
 * @internal
 */
export function readCacheConfig(
  config: Config | undefined,
  path: string,
): RegistryCacheConfig {
  const d = DEFAULT_REGISTRY_CACHE;
  if (!config) {
    return { ...d };
  }
  return {
    digestTtlMs: readDuration(config, 'digestTtl', path, d.digestTtlMs),
    tagTtlMs: readDuration(config, 'tagTtl', path, d.tagTtlMs),
    maxCachedBlobBytes: readInteger(
      config,
      'maxCachedBlobBytes',
      `${path}.maxCachedBlobBytes`,
      d.maxCachedBlobBytes,
      0,
    ),
    maxMemoryEntries: readInteger(
      config,
      'maxMemoryEntries',
      `${path}.maxMemoryEntries`,
      d.maxMemoryEntries,
      1,
    ),
    maxMemoryBytes: readInteger(
      config,
      'maxMemoryBytes',
      `${path}.maxMemoryBytes`,
      d.maxMemoryBytes,
      1024,
    ),
    maxTokens: readInteger(
      config,
      'maxTokens',
      `${path}.maxTokens`,
      d.maxTokens,
      1,
    ),
  };
}

function readInteger(
  config: Config,
  key: string,
  path: string,
  fallback: number,
  min: number,
): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isSafeInteger(value) || value < min) {
    throw new Error(`${path}: must be an integer of at least ${min}`);
  }
  return value;
}

function readDuration(
  config: Config,
  key: string,
  path: string,
  fallbackMs: number,
): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  let duration: HumanDuration;
  try {
    duration = readDurationFromConfig(config, { key });
  } catch (error) {
    throw new Error(
      `${path}.${key}: not a duration (${(error as Error).message})`,
    );
  }
  const ms = durationToMilliseconds(duration);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(`${path}.${key}: must be a positive duration`);
  }
  return ms;
}
