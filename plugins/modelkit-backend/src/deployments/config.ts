import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';

/**
 * The settings of the deployment health routes, from `kitstage.deployments`.
 *
 * @internal
 */
export interface DeploymentsConfig {
  /** How long one cluster may take to answer every list, in milliseconds. */
  clusterTimeoutMs: number;
  /** How long a cluster snapshot (and the cluster list) is reused, in milliseconds. */
  cacheTtlMs: number;
  /** How many clusters are read at the same time. */
  clusterConcurrency: number;
  /** How many list requests run at the same time per cluster. */
  requestConcurrency: number;
  /** `limit` of each list request; larger lists are read in pages. */
  listPageSize: number;
  /** The most pages read per list; more is reported as that resource's error. */
  maxListPages: number;
  /** How long resolving a tag to a digest, or a policy lookup, may take, in milliseconds. */
  registryTimeoutMs: number;
  /**
   * Whether clusters are kept current by list-then-watch (true) or listed again once a
   * snapshot is older than `cacheTtlMs` (false).
   */
  watch: boolean;
  /** How long the watches of a cluster run without a request before they stop, in milliseconds. */
  watchIdleTimeoutMs: number;
  /**
   * How long a watch may stay silent (no event, no bookmark) or take to open before it counts
   * as broken and its cluster as stale, in milliseconds.
   */
  watchStallTimeoutMs: number;
}

/** @internal */
export const DEFAULT_DEPLOYMENTS_CONFIG: Readonly<DeploymentsConfig> =
  Object.freeze({
    clusterTimeoutMs: 10_000,
    cacheTtlMs: 15_000,
    clusterConcurrency: 8,
    requestConcurrency: 4,
    listPageSize: 500,
    maxListPages: 100,
    registryTimeoutMs: 5_000,
    watch: true,
    watchIdleTimeoutMs: 600_000,
    watchStallTimeoutMs: 120_000,
  });

const KEY = 'kitstage.deployments';

/**
 * Reads `kitstage.deployments`, naming the key of any invalid value.
 *
 * @internal
 */
export function readDeploymentsConfig(root: Config): DeploymentsConfig {
  const config = root.getOptionalConfig(KEY);
  if (!config) {
    return { ...DEFAULT_DEPLOYMENTS_CONFIG };
  }
  const duration = (
    key: keyof DeploymentsConfig & `${string}Ms`,
    name: string,
  ) => {
    if (!config.has(name)) {
      return DEFAULT_DEPLOYMENTS_CONFIG[key];
    }
    let ms: number;
    try {
      ms = toMilliseconds(readDurationFromConfig(config, { key: name }));
    } catch (error) {
      throw new InputError(
        `${KEY}.${name} is not a valid duration: ${(error as Error).message}`,
      );
    }
    if (!Number.isFinite(ms) || ms <= 0) {
      throw new InputError(`${KEY}.${name} must be longer than zero`);
    }
    return ms;
  };
  const count = (
    key:
      | 'clusterConcurrency'
      | 'requestConcurrency'
      | 'listPageSize'
      | 'maxListPages',
    min: number,
    max: number,
  ) => {
    const value = config.getOptionalNumber(key);
    if (value === undefined) {
      return DEFAULT_DEPLOYMENTS_CONFIG[key];
    }
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new InputError(
        `${KEY}.${key} must be a whole number from ${min} to ${max}, got ${value}`,
      );
    }
    return value;
  };
  const watch = config.getOptional('watch');
  if (watch !== undefined && typeof watch !== 'boolean') {
    throw new InputError(
      `${KEY}.watch must be true or false, got ${JSON.stringify(watch)}`,
    );
  }
  return {
    watch: watch ?? DEFAULT_DEPLOYMENTS_CONFIG.watch,
    watchIdleTimeoutMs: duration('watchIdleTimeoutMs', 'watchIdleTimeout'),
    watchStallTimeoutMs: duration('watchStallTimeoutMs', 'watchStallTimeout'),
    clusterTimeoutMs: duration('clusterTimeoutMs', 'clusterTimeout'),
    cacheTtlMs: duration('cacheTtlMs', 'cacheTtl'),
    registryTimeoutMs: duration('registryTimeoutMs', 'registryTimeout'),
    clusterConcurrency: count('clusterConcurrency', 1, 64),
    requestConcurrency: count('requestConcurrency', 1, 32),
    listPageSize: count('listPageSize', 10, 10_000),
    maxListPages: count('maxListPages', 1, 10_000),
  };
}

const UNIT_MS: Record<string, number> = {
  milliseconds: 1,
  seconds: 1000,
  minutes: 60_000,
  hours: 3_600_000,
  days: 86_400_000,
  weeks: 604_800_000,
};

/** Converts a duration object to milliseconds; months and years make no sense here. */
function toMilliseconds(duration: object): number {
  let total = 0;
  for (const [unit, value] of Object.entries(duration)) {
    const factor = UNIT_MS[unit];
    if (factor === undefined) {
      throw new Error(`the unit "${unit}" is not supported here`);
    }
    total += Number(value) * factor;
  }
  return total;
}
