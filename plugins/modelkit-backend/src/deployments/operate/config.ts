import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { ComponentLocations } from './componentLocations';

/**
 * The settings of the actions on delivery objects, from `kitstage.deployments.actions`.
 *
 * @internal
 */
export interface DeliveryActionsConfig {
  /** Whether delivery objects may be operated at all; read-only when false (the default). */
  enabled: boolean;
  /** Whether an Argo CD sync prunes resources no longer in Git (default false). */
  prune: boolean;
  /**
   * When set, only Components registered from these catalog locations take actions
   * (`componentLocations`); when absent, any Component may.
   */
  componentLocations?: ComponentLocations;
}

const KEY = 'kitstage.deployments.actions';

/**
 * Reads `kitstage.deployments.actions`, naming the key of any invalid value.
 *
 * @internal
 */
export function readDeliveryActionsConfig(root: Config): DeliveryActionsConfig {
  const flag = (name: 'enabled' | 'prune') => {
    const value = root.getOptional(`${KEY}.${name}`);
    if (value !== undefined && typeof value !== 'boolean') {
      throw new InputError(
        `${KEY}.${name} must be true or false, got ${JSON.stringify(value)}`,
      );
    }
    return value ?? false;
  };
  const locations = root.getOptional(`${KEY}.componentLocations`);
  if (
    locations !== undefined &&
    (!Array.isArray(locations) ||
      locations.length === 0 ||
      !locations.every(l => typeof l === 'string' && l.length > 0))
  ) {
    throw new InputError(
      `${KEY}.componentLocations must be a non-empty list of catalog locations (https://…, url:…, file:…)`,
    );
  }
  return {
    enabled: flag('enabled'),
    prune: flag('prune'),
    ...(locations
      ? { componentLocations: new ComponentLocations(locations as string[]) }
      : {}),
  };
}
