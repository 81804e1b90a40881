import { useApi } from '@backstage/frontend-plugin-api';
import {
  DeliveryActionRequest,
  DeliveryActionResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { modelkitDeploymentsApiRef } from '../api';

/**
 * The state of an action on a delivery object.
 *
 * @public
 */
export interface DeliveryActionState {
  /** True while the action is being sent. */
  running: boolean;
  /** Why the last action failed. */
  error?: Error;
  /** What the last action sent. */
  value?: DeliveryActionResponse;
  /** Sends one action; resolves with what was sent, or undefined when it failed. */
  run(
    request: DeliveryActionRequest,
  ): Promise<DeliveryActionResponse | undefined>;
}

/**
 * Sends actions on the delivery objects of a Component (Flux reconcile, suspend, resume;
 * Argo CD refresh, sync) through the deployments API.
 *
 * @param component - The Component whose delivery objects are acted on.
 * @public
 */
export function useDeliveryAction(
  component: ModelKitEntityName,
): DeliveryActionState {
  const api = useApi(modelkitDeploymentsApiRef);
  const { namespace, name } = component;
  const [state, run] = useAsyncFn(
    (request: DeliveryActionRequest) =>
      api.runDeliveryAction({ namespace, name }, request),
    [api, namespace, name],
  );
  return {
    running: state.loading,
    error: state.error,
    value: state.loading ? undefined : state.value,
    run: async request => {
      const result = await run(request);
      return result instanceof Error ? undefined : result;
    },
  };
}
