import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { makeValidator, parseEntityRef } from '@backstage/catalog-model';
import { Config, ConfigReader, JsonObject } from '@backstage/config';
import { Minimatch } from 'minimatch';

/**
 * Who owns the ModelKits of the repositories a rule matches.
 *
 * @public
 */
export interface ModelKitOwnerRule {
  /** Glob patterns (minimatch) matched against the repository path, without the host. */
  repositories: string[];
  /** Entity reference of the owner; the kind defaults to Group. */
  owner: string;
  /** Lifecycle of the matched ModelKits; falls back to `defaults.lifecycle`. */
  lifecycle?: string;
  /** Entity reference of their system; falls back to `defaults.system`. */
  system?: string;
}

/**
 * The catalog ingestion settings of one `kitstage.registries` entry, with defaults applied.
 *
 * @public
 */
export interface ModelKitRegistryEntityProviderConfig {
  /** The name of the registry entry (and of its OCI source). */
  registry: string;
  /** Repository path globs to ingest; a repository must match one. */
  include: string[];
  /** Repository path globs to leave out, even when included. */
  exclude: string[];
  /** Ownership rules, in order: the first rule matching a repository applies. */
  owners: ModelKitOwnerRule[];
  /** Owner, lifecycle and system of repositories no rule sets them for. */
  defaults: { owner?: string; lifecycle: string; system?: string };
  /** When the provider runs. */
  schedule: SchedulerServiceTaskScheduleDefinition;
  /**
   * Largest share (0 to 1) of the ingested entities that one sync may remove. A sync that
   * would remove more removes nothing and logs a warning.
   */
  maxRemovalShare: number;
}

/**
 * The schedule of a registry entry without one: every 30 minutes, starting 15 seconds after
 * the backend starts, with a 10 minute timeout.
 *
 * @public
 */
export const DEFAULT_MODELKIT_PROVIDER_SCHEDULE = Object.freeze({
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 15 },
});

/** Lifecycle of ingested ModelKits that no rule or default sets one for. */
const DEFAULT_LIFECYCLE = 'production';
/** Share of the ingested entities one sync may remove. */
const DEFAULT_MAX_REMOVAL_SHARE = 0.5;

const validators = makeValidator();

/**
 * Reads the catalog ingestion settings of every `kitstage.registries` entry (of type
 * `registry` or `oci-layout`) whose `ingest` is not false.
 *
 * @throws Error naming the config key when a setting is invalid.
 * @public
 */
export function readModelKitRegistryEntityProviderConfigs(
  config: Config,
): ModelKitRegistryEntityProviderConfig[] {
  const entries = config.getOptionalConfigArray('kitstage.registries') ?? [];
  const configs: ModelKitRegistryEntityProviderConfig[] = [];
  entries.forEach((entry, index) => {
    const path = `kitstage.registries[${index}]`;
    if (entry.getOptionalBoolean('ingest') === false) {
      return;
    }
    configs.push(readModelKitRegistryEntityProviderConfig(entry, path));
  });
  return configs;
}

/**
 * Reads the catalog ingestion settings of one `kitstage.registries` entry.
 *
 * @param path - The key path of the entry, used in error messages.
 * @public
 */
export function readModelKitRegistryEntityProviderConfig(
  entry: Config,
  path = 'registry',
): ModelKitRegistryEntityProviderConfig {
  const registry = entry.getString('name');
  const include = readGlobs(entry, 'include', path) ?? ['**'];
  const exclude = readGlobs(entry, 'exclude', path) ?? [];

  const defaultsConfig = entry.getOptionalConfig('defaults');
  const defaults: ModelKitRegistryEntityProviderConfig['defaults'] = {
    lifecycle:
      readLifecycle(defaultsConfig, `${path}.defaults`) ?? DEFAULT_LIFECYCLE,
  };
  for (const [key, defaultKind] of [
    ['owner', 'Group'],
    ['system', 'System'],
  ] as const) {
    const ref = readRef(defaultsConfig, key, defaultKind, `${path}.defaults`);
    if (ref) {
      defaults[key] = ref;
    }
  }

  const owners = (entry.getOptionalConfigArray('owners') ?? []).map(
    (rule, index) => {
      const rulePath = `${path}.owners[${index}]`;
      const repositories = readRuleRepositories(rule, rulePath);
      const owner = readRef(rule, 'owner', 'Group', rulePath);
      if (!owner) {
        throw new Error(
          `${rulePath}.owner: missing; each owner rule names the owner (an entity reference such as group:ml-platform) of the repositories it matches`,
        );
      }
      const result: ModelKitOwnerRule = { repositories, owner };
      const lifecycle = readLifecycle(rule, rulePath);
      if (lifecycle) {
        result.lifecycle = lifecycle;
      }
      const system = readRef(rule, 'system', 'System', rulePath);
      if (system) {
        result.system = system;
      }
      return result;
    },
  );

  let maxRemovalShare = DEFAULT_MAX_REMOVAL_SHARE;
  if (entry.has('maxRemovalShare')) {
    maxRemovalShare = entry.getNumber('maxRemovalShare');
    if (
      !Number.isFinite(maxRemovalShare) ||
      maxRemovalShare < 0 ||
      maxRemovalShare > 1
    ) {
      throw new Error(
        `${path}.maxRemovalShare: must be a number from 0 to 1 (a share of the ingested entities), got ${maxRemovalShare}`,
      );
    }
  }

  return {
    registry,
    include,
    exclude,
    owners,
    defaults,
    schedule: readSchedule(entry, path),
    maxRemovalShare,
  };
}

function readSchedule(
  entry: Config,
  path: string,
): SchedulerServiceTaskScheduleDefinition {
  const given = entry.getOptional<JsonObject>('schedule');
  if (given !== undefined && (typeof given !== 'object' || given === null)) {
    throw new Error(`${path}.schedule: must be an object`);
  }
  // Keys left out take the default, so `schedule: { frequency: { hours: 1 } }` is enough.
  const merged = new ConfigReader(
    { ...DEFAULT_MODELKIT_PROVIDER_SCHEDULE, ...given } as JsonObject,
    `${path}.schedule`,
  );
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(merged);
  } catch (error) {
    throw new Error(`${path}.schedule: ${(error as Error).message}`);
  }
}

function readGlobs(
  config: Config,
  key: string,
  path: string,
): string[] | undefined {
  const value = config.getOptional(key);
  if (value === undefined) {
    return undefined;
  }
  const globs =
    typeof value === 'string' ? [value] : config.getStringArray(key);
  globs.forEach((glob, index) => checkGlob(glob, `${path}.${key}[${index}]`));
  return globs;
}

function readRuleRepositories(rule: Config, path: string): string[] {
  const globs = readGlobs(rule, 'repository', path);
  if (!globs || globs.length === 0) {
    throw new Error(
      `${path}.repository: missing; give the repository path glob (or a list of globs) the rule applies to, such as team-a/**`,
    );
  }
  return globs;
}

function checkGlob(glob: string, path: string) {
  if (glob.trim() === '') {
    throw new Error(`${path}: must not be empty`);
  }
  if (glob.startsWith('/')) {
    throw new Error(
      `${path}: "${glob}" starts with '/'; patterns match repository paths such as team/model, without a leading slash or the registry host`,
    );
  }
  const matcher = new Minimatch(glob, { dot: true });
  if (matcher.set.length === 0) {
    throw new Error(`${path}: "${glob}" is not a valid glob pattern`);
  }
}

function readLifecycle(
  config: Config | undefined,
  path: string,
): string | undefined {
  const lifecycle = config?.getOptionalString('lifecycle');
  if (lifecycle !== undefined && lifecycle.trim() === '') {
    throw new Error(`${path}.lifecycle: must not be empty`);
  }
  return lifecycle;
}

function readRef(
  config: Config | undefined,
  key: string,
  defaultKind: string,
  path: string,
): string | undefined {
  const value = config?.getOptionalString(key);
  if (value === undefined) {
    return undefined;
  }
  let valid = false;
  try {
    const ref = parseEntityRef(value, {
      defaultKind,
      defaultNamespace: 'default',
    });
    valid =
      validators.isValidKind(ref.kind) &&
      validators.isValidNamespace(ref.namespace.toLocaleLowerCase('en-US')) &&
      validators.isValidEntityName(ref.name);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new Error(
      `${path}.${key}: "${value}" is not an entity reference [<kind>:][<namespace>/]<name> (the kind defaults to ${defaultKind})`,
    );
  }
  return value;
}

/**
 * Whether the provider ingests a repository: it matches an `include` glob and no `exclude`
 * glob.
 *
 * @internal
 */
export function createRepositoryFilter(
  config: Pick<ModelKitRegistryEntityProviderConfig, 'include' | 'exclude'>,
): (repository: string) => boolean {
  const include = config.include.map(g => new Minimatch(g, { dot: true }));
  const exclude = config.exclude.map(g => new Minimatch(g, { dot: true }));
  return repository =>
    include.some(m => m.match(repository)) &&
    !exclude.some(m => m.match(repository));
}

/**
 * The owner, lifecycle and system of a repository's ModelKit entity.
 *
 * @internal
 */
export interface RepositoryOwnership {
  owner: string;
  lifecycle: string;
  system?: string;
}

/**
 * Finds the ownership of a repository: the first owner rule matching it, with the defaults
 * for what the rule leaves out. Undefined when no rule matches and there is no default owner.
 *
 * @internal
 */
export function createOwnershipResolver(
  config: Pick<ModelKitRegistryEntityProviderConfig, 'owners' | 'defaults'>,
): (repository: string) => RepositoryOwnership | undefined {
  const rules = config.owners.map(rule => ({
    rule,
    matchers: rule.repositories.map(g => new Minimatch(g, { dot: true })),
  }));
  return repository => {
    const match = rules.find(({ matchers }) =>
      matchers.some(m => m.match(repository)),
    )?.rule;
    const owner = match?.owner ?? config.defaults.owner;
    if (!owner) {
      return undefined;
    }
    const system = match?.system ?? config.defaults.system;
    return {
      owner,
      lifecycle: match?.lifecycle ?? config.defaults.lifecycle,
      ...(system ? { system } : {}),
    };
  };
}
