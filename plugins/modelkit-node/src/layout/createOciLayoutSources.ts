import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { readOciLayoutConfigs } from './config';
import { OciLayoutSource } from './OciLayoutSource';

/**
 * Creates one {@link OciLayoutSource} per `kitstage.registries` entry of type `oci-layout`, to
 * pass as `additionalSources` to a registry service. Reading is lazy: a missing or broken
 * layout fails the calls that use it, not the backend start.
 *
 * @throws Error naming the config key when an entry is invalid.
 * @public
 */
export function createOciLayoutSources(options: {
  config: Config;
  logger?: LoggerService;
  /** Base directory for relative paths; defaults to the working directory. */
  baseDir?: string;
}): OciLayoutSource[] {
  return readOciLayoutConfigs(options.config, {
    baseDir: options.baseDir,
  }).map(layout =>
    OciLayoutSource.fromConfig(layout, {
      logger: options.logger?.child({ registry: layout.name }),
    }),
  );
}
