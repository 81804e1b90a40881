import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { LINEAGE_DEFAULTS } from '@kitstage/plugin-modelkit-common';
import {
  MODEL_CARD_DEFAULTS,
  normalizeImageHost,
} from '@kitstage/plugin-modelkit-node';

/**
 * The limits of the lineage and model card routes (`kitstage.lineage`, `kitstage.modelCard`).
 *
 * @internal
 */
export interface LineageConfig {
  /** The most nodes in a lineage graph. */
  maxNodes: number;
  /** The most bytes of Markdown a model card holds. */
  modelCardMaxBytes: number;
  /** The largest docs layer (compressed) that is downloaded. */
  modelCardMaxLayerBytes: number;
  /** The most bytes a docs layer may unpack to. */
  modelCardMaxUnpackedBytes: number;
  /** Hosts besides the ModelKit's own registry that model card images may load from. */
  modelCardImageHosts: string[];
}

function positive(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `${key} must be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * Reads {@link LineageConfig} from the root config.
 *
 * @internal
 */
export function readLineageConfig(rootConfig: Config): LineageConfig {
  const config = rootConfig;
  return {
    maxNodes: positive(
      config,
      'kitstage.lineage.maxNodes',
      LINEAGE_DEFAULTS.maxNodes,
    ),
    modelCardMaxBytes: positive(
      config,
      'kitstage.modelCard.maxBytes',
      MODEL_CARD_DEFAULTS.maxBytes,
    ),
    modelCardMaxLayerBytes: positive(
      config,
      'kitstage.modelCard.maxLayerBytes',
      16 * 1024 * 1024,
    ),
    modelCardMaxUnpackedBytes: positive(
      config,
      'kitstage.modelCard.maxUnpackedBytes',
      MODEL_CARD_DEFAULTS.maxUnpackedBytes,
    ),
    modelCardImageHosts: imageHosts(config),
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
