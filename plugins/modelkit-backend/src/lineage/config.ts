import { Config } from '@backstage/config';
import { LINEAGE_DEFAULTS } from '@kitstage/plugin-modelkit-common';
import { readPositiveInteger } from '../service/configValues';

/**
 * The limits of the lineage routes (`kitstage.lineage`).
 *
 * @internal
 */
export interface LineageConfig {
  /** The most nodes in a lineage graph. */
  maxNodes: number;
}

/**
 * Reads {@link LineageConfig} from the root config.
 *
 * @internal
 */
export function readLineageConfig(rootConfig: Config): LineageConfig {
  return {
    maxNodes: readPositiveInteger(
      rootConfig,
      'kitstage.lineage.maxNodes',
      LINEAGE_DEFAULTS.maxNodes,
    ),
  };
}
