import { isAbsolute, resolve } from 'node:path';
import { Config } from '@backstage/config';
import { isOciRepositoryName } from '../registry/digest';

/**
 * Size caps for reading an OCI image layout, in bytes.
 *
 * @public
 */
export interface OciLayoutLimits {
  /** Largest `index.json` (or KitOps per-repository index or tag file) accepted. */
  maxIndexBytes: number;
  /** Largest manifest or index blob accepted. */
  maxManifestBytes: number;
  /** Largest blob read into memory by `getBlob` unless the caller passes `maxBytes`. */
  maxBlobBytes: number;
}

/**
 * Default size caps for OCI image layouts.
 *
 * @public
 */
export const DEFAULT_OCI_LAYOUT_LIMITS: Readonly<OciLayoutLimits> =
  Object.freeze({
    maxIndexBytes: 16 * 1024 * 1024,
    maxManifestBytes: 4 * 1024 * 1024,
    maxBlobBytes: 1024 * 1024,
  });

/**
 * The settings of one `kitstage.registries` entry of type `oci-layout`, with defaults applied.
 *
 * @public
 */
export interface OciLayoutConfig {
  /** Unique name of the source. */
  name: string;
  /** Absolute path of the layout directory. */
  path: string;
  /**
   * The registry host (and port) the layout stands for, e.g. `registry.example.com`. Its
   * repositories are addressed as `<host>/<repository>`, like those of a registry.
   */
  host: string;
  /** The repository that reference names made of a bare tag (`v1`) belong to. */
  repository?: string;
  /** Size caps. */
  limits: OciLayoutLimits;
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HOST_PATTERN =
  /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)(:\d{1,5})?$/;

/**
 * The host that KitOps uses for ModelKits whose reference names no registry.
 *
 * @public
 */
export const DEFAULT_OCI_LAYOUT_HOST = 'localhost';

/**
 * Reads every `kitstage.registries` entry whose `type` is `oci-layout`. Other entries are left
 * to the registry client. Relative paths are resolved against `baseDir` (by default the working
 * directory of the process, as for the catalog's `file` locations).
 *
 * @throws Error naming the config key when an entry is invalid.
 * @public
 */
export function readOciLayoutConfigs(
  config: Config,
  options?: { baseDir?: string },
): OciLayoutConfig[] {
  const entries = config.getOptionalConfigArray('kitstage.registries') ?? [];
  const layouts: OciLayoutConfig[] = [];
  entries.forEach((entry, index) => {
    if (entry.getOptionalString('type') === 'oci-layout') {
      layouts.push(
        readOciLayoutConfig(entry, `kitstage.registries[${index}]`, options),
      );
    }
  });
  return layouts;
}

/**
 * Reads one `oci-layout` entry of `kitstage.registries`.
 *
 * @param path - The key path of the entry, used in error messages.
 * @public
 */
export function readOciLayoutConfig(
  config: Config,
  path = 'layout',
  options?: { baseDir?: string },
): OciLayoutConfig {
  const name = config.getString('name');
  if (!NAME_PATTERN.test(name)) {
    throw new Error(
      `${path}.name: "${name}" is not a valid source name; use letters, digits, '.', '_' and '-' (at most 63 characters)`,
    );
  }
  if (config.has('url')) {
    throw new Error(
      `${path}.url: an oci-layout entry reads a directory; set path (and host for the registry it stands for) instead of url`,
    );
  }
  const dir = config.getString('path');
  if (dir.trim() === '' || dir.includes('\0')) {
    throw new Error(`${path}.path: must be a directory path`);
  }
  const host = config.getOptionalString('host') ?? DEFAULT_OCI_LAYOUT_HOST;
  if (!HOST_PATTERN.test(host)) {
    throw new Error(
      `${path}.host: "${host}" is not a registry host name with an optional port, such as registry.example.com or localhost:5000`,
    );
  }
  const repository = config.getOptionalString('repository');
  if (repository !== undefined && !isOciRepositoryName(repository)) {
    throw new Error(
      `${path}.repository: "${repository}" is not a repository path (lowercase components separated by '/', without host, tag or digest)`,
    );
  }
  const limits = { ...DEFAULT_OCI_LAYOUT_LIMITS };
  const limitsConfig = config.getOptionalConfig('limits');
  for (const key of Object.keys(limits) as Array<keyof OciLayoutLimits>) {
    const value = limitsConfig?.getOptionalNumber(key);
    if (value === undefined) {
      continue;
    }
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${path}.limits.${key}: must be a positive integer`);
    }
    limits[key] = value;
  }
  const baseDir = options?.baseDir ?? process.cwd();
  return {
    name,
    path: isAbsolute(dir) ? resolve(dir) : resolve(baseDir, dir),
    host: host.toLowerCase(),
    ...(repository ? { repository } : {}),
    limits,
  };
}
