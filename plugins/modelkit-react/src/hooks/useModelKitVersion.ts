import {
  ModelKitEntityName,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import { useVersionRequest } from './requests';

/**
 * The state of a request for one version of a ModelKit.
 *
 * @public
 */
export interface ModelKitVersionState {
  /** True while the version loads. */
  loading: boolean;
  /** Why the version failed to load. */
  error?: Error;
  /** The version, once loaded. */
  value?: ModelKitVersion;
  /** Loads the version again. */
  retry(): void;
}

/**
 * Loads one version of a ModelKit (its Kitfile, layers and `kit` commands)
 * through the ModelKit API. Nothing is loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitVersion(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitVersionState {
  return useVersionRequest('getVersion', entity, reference);
}
