import {
  ModelKitEntityName,
  ModelKitModelCardResponse,
} from '@kitstage/plugin-modelkit-common';
import { useVersionRequest } from './requests';

/**
 * The state of a request for the model card of one ModelKit version.
 *
 * @public
 */
export interface ModelKitModelCardState {
  /** True while the model card loads. */
  loading: boolean;
  /** Why it could not be loaded. */
  error?: Error;
  /** The model card Markdown (untrusted) and the Kitfile descriptions. */
  value?: ModelKitModelCardResponse;
  /** Loads it again. */
  retry(): void;
}

/**
 * Loads the model card of one ModelKit version, read by the backend from its
 * docs layer. Nothing is loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitModelCard(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitModelCardState {
  return useVersionRequest('getModelCard', entity, reference);
}
