import {
  ModelKitAttestationsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import { useVersionRequest } from './requests';

/**
 * The state of a request for the attestations of one ModelKit version.
 *
 * @public
 */
export interface ModelKitAttestationsState {
  /** True while the attestations are found and checked. */
  loading: boolean;
  /** Why they could not be loaded. */
  error?: Error;
  /** The attestations with their verification states, and the version's policy outcome. */
  value?: ModelKitAttestationsResponse;
  /** Loads them again. */
  retry(): void;
}

/**
 * Loads every attestation and signature of one ModelKit version, verified by
 * the backend, with the policy outcome of the ModelKit's lifecycle. Nothing is
 * loaded while `reference` is undefined.
 *
 * @param entity - The ModelKit entity.
 * @param reference - A tag or a manifest digest.
 * @public
 */
export function useModelKitAttestations(
  entity: ModelKitEntityName,
  reference: string | undefined,
): ModelKitAttestationsState {
  return useVersionRequest('getAttestations', entity, reference);
}
