import { Config } from '@backstage/config';
import { RegistryConfig } from './configTypes';
import { readAuthConfig } from './readAuthConfig';
import { readCacheConfig, readLimitsConfig } from './readLimitsConfig';

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * The kinds of `kitstage.registries` entries. `registry` entries are read by the registry
 * client; `oci-layout` entries describe an OCI image layout directory and are left to the
 * image-layout source.
 *
 * @public
 */
export const REGISTRY_ENTRY_TYPES = ['registry', 'oci-layout'] as const;

/**
 * Reads the registry client settings of every `kitstage.registries` entry whose `type` is
 * `registry` (the default). Entries of type `oci-layout` are skipped, and keys that other
 * modules add to the entries (repository filters, owners, schedules) are ignored. Names
 * must be unique across all entries.
 *
 * @throws Error naming the config key when an entry is invalid.
 * @public
 */
export function readRegistryConfigs(config: Config): RegistryConfig[] {
  const entries = config.getOptionalConfigArray('kitstage.registries') ?? [];
  const seen = new Set<string>();
  const registries: RegistryConfig[] = [];
  entries.forEach((entry, index) => {
    const path = `kitstage.registries[${index}]`;
    const type = entry.getOptionalString('type') ?? 'registry';
    if (!(REGISTRY_ENTRY_TYPES as readonly string[]).includes(type)) {
      throw new Error(
        `${path}.type: "${type}" is not one of ${REGISTRY_ENTRY_TYPES.join(
          ', ',
        )}`,
      );
    }
    const name = entry.getString('name');
    if (seen.has(name)) {
      throw new Error(
        `${path}.name: the name "${name}" is used by more than one entry`,
      );
    }
    seen.add(name);
    if (type === 'registry') {
      registries.push(readRegistryConfig(entry, path));
    }
  });
  return registries;
}

/**
 * Reads the registry client settings of one `kitstage.registries` entry.
 *
 * @param path - The key path of the entry, used in error messages.
 * @public
 */
export function readRegistryConfig(
  config: Config,
  path = 'registry',
): RegistryConfig {
  const name = config.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${path}.name: "${name}" is not a valid registry name; use letters, digits, '.', '_' and '-' (at most 63 characters)`,
    );
  }
  const { url, host } = readUrl(config.getString('url'), `${path}.url`);
  return {
    name,
    url,
    host,
    auth: readAuthConfig(config.getOptionalConfig('auth'), `${path}.auth`),
    tls: { ca: config.getOptionalString('tls.ca') },
    limits: readLimitsConfig(
      config.getOptionalConfig('limits'),
      `${path}.limits`,
    ),
    cache: readCacheConfig(config.getOptionalConfig('cache'), `${path}.cache`),
  };
}

function readUrl(value: string, path: string): { url: string; host: string } {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new Error(`${path}: "${value}" is not a valid URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new Error(
      `${path}: the URL must use https or http, not ${parsed.protocol}`,
    );
  }
  // The value is not echoed from here on: it may contain credentials.
  if (parsed.username || parsed.password) {
    throw new Error(
      `${path}: the URL must not contain credentials; set them under auth instead`,
    );
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search) {
    throw new Error(
      `${path}: the URL must be the registry root (the Distribution API lives under /v2/), without a path or query`,
    );
  }
  return { url: parsed.origin, host: parsed.host };
}
