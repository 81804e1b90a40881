import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  MODEL_CARD_DEFAULTS,
  normalizeImageHost,
} from '@kitstage/plugin-modelkit-node';
import { readPositiveInteger } from '../service/configValues';

/**
 * The limits of the model card route (`kitstage.modelCard`).
 *
 * @internal
 */
export interface ModelCardConfig {
  /** The most bytes of Markdown a model card holds. */
  maxBytes: number;
  /** The largest docs layer (compressed) that is downloaded. */
  maxLayerBytes: number;
  /** The most bytes a docs layer may unpack to. */
  maxUnpackedBytes: number;
  /** Hosts besides the ModelKit's own registry that model card images may load from. */
  imageHosts: string[];
}

/**
 * Reads {@link ModelCardConfig} from the root config.
 *
 * @internal
 */
export function readModelCardConfig(rootConfig: Config): ModelCardConfig {
  return {
    maxBytes: readPositiveInteger(
      rootConfig,
      'kitstage.modelCard.maxBytes',
      MODEL_CARD_DEFAULTS.maxBytes,
    ),
    maxLayerBytes: readPositiveInteger(
      rootConfig,
      'kitstage.modelCard.maxLayerBytes',
      16 * 1024 * 1024,
    ),
    maxUnpackedBytes: readPositiveInteger(
      rootConfig,
      'kitstage.modelCard.maxUnpackedBytes',
      MODEL_CARD_DEFAULTS.maxUnpackedBytes,
    ),
    imageHosts: imageHosts(rootConfig),
  };
}

function imageHosts(config: Config): string[] {
  const key = 'kitstage.modelCard.imageHosts';
  const hosts = config.getOptionalStringArray(key) ?? [];
  hosts.forEach((host, i) => {
    if (normalizeImageHost(host) === undefined) {
      throw new InputError(
        `${key}[${i}] must be a host name, optionally with a port (such as images.example.com), got ${JSON.stringify(
          host,
        )}`,
      );
    }
  });
  return hosts;
}
