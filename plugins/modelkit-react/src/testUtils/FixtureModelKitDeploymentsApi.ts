import type {
  ComponentDeploymentCard,
  DeliveryActionRequest,
  DeliveryActionResponse,
  ComponentDeploymentsResponse,
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
  FleetServiceRow,
  ModelKitDeploymentsApi,
  ModelKitDeploymentsResponse,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import {
  componentCards,
  componentDeployments,
  modelKitDeployments,
} from './componentDeployments';
import { fleetResponse, fleetServices } from './fleet';

/**
 * A deployments API serving the cluster cards and the generated fleet of
 * these fixtures.
 *
 * @public
 */
export class FixtureModelKitDeploymentsApi implements ModelKitDeploymentsApi {
  readonly #cards: ComponentDeploymentCard[];
  readonly #fleet: FleetServiceRow[];
  readonly #unreachableCluster?: string;

  /**
   * Serves `cards` (all of {@link componentCards} by default) and a fleet of
   * `fleetSize` services (12 by default), with one cluster unreachable or one
   * service's selector invalid when asked.
   */
  constructor(
    options: {
      cards?: ComponentDeploymentCard[];
      fleetSize?: number;
      unreachableCluster?: string;
      invalidSelector?: number;
    } = {},
  ) {
    this.#cards = options.cards ?? componentCards;
    this.#unreachableCluster = options.unreachableCluster;
    this.#fleet = fleetServices(options.fleetSize ?? 12, {
      unreachableCluster: options.unreachableCluster,
      invalidSelector: options.invalidSelector,
    });
  }

  /** The deployments of the serving Component over the cluster cards. */
  async getComponentDeployments(
    _entity: ModelKitEntityName,
  ): Promise<ComponentDeploymentsResponse> {
    return componentDeployments(this.#cards);
  }

  /** Where each version of the `support-sentiment` ModelKit runs. */
  async getModelKitDeployments(
    _entity: ModelKitEntityName,
  ): Promise<ModelKitDeploymentsResponse> {
    return modelKitDeployments();
  }

  /** One page of the generated fleet, filtered as the query asks. */
  async getFleetDeployments(
    query?: FleetDeploymentsQuery,
  ): Promise<FleetDeploymentsResponse> {
    return fleetResponse(this.#fleet, query, {
      unreachableCluster: this.#unreachableCluster,
    });
  }

  /** Every delivery action asked for, in order. */
  readonly deliveryActions: DeliveryActionRequest[] = [];

  /** Records the action and answers as the backend does, without a cluster. */
  async runDeliveryAction(
    _component: ModelKitEntityName,
    request: DeliveryActionRequest,
  ): Promise<DeliveryActionResponse> {
    this.deliveryActions.push(request);
    const { cluster, action, ...object } = request;
    return {
      action,
      cluster,
      object,
      patch: {},
      requestedAt: new Date().toISOString(),
    };
  }
}
