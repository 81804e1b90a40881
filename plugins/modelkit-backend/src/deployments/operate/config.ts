import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';

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
  return { enabled: flag('enabled'), prune: flag('prune') };
}
