import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { isError } from '@backstage/errors';
import type {
  LineagePlacementInput,
  LineageWarning,
  ModelKitEntityName,
} from '@kitstage/plugin-modelkit-common';
import type { DeploymentsService } from '../deployments/DeploymentsService';
import { compact, messageOf } from '../service/values';

type PlacementSubject = 'ModelKit' | 'Component';

/** A cluster of a deployment view, with the error that kept it from being read. */
interface ReadCluster {
  name: string;
  title?: string;
  error?: { message: string };
}

/**
 * Where the ModelKits of a lineage graph run, from the deployment views, read as the caller.
 *
 * @remarks
 * Placements are optional: when the deployments cannot be read (no deployment views, a
 * caller without their permissions, a cluster that is down) the lineage goes on without
 * them, and a `deployments-unavailable` warning says why.
 *
 * @internal
 */
export class LineagePlacements {
  readonly #deployments?: DeploymentsService;
  readonly #logger: LoggerService;

  constructor(options: {
    deployments?: DeploymentsService;
    logger: LoggerService;
  }) {
    this.#deployments = options.deployments;
    this.#logger = options.logger;
  }

  /** Where each version of a ModelKit runs, by cluster and Component. */
  ofModelKit(
    name: ModelKitEntityName,
    credentials: BackstageCredentials,
    warnings: LineageWarning[],
  ): Promise<LineagePlacementInput[]> {
    return this.#read('ModelKit', warnings, async deployments => {
      const response = await deployments.getModelKitDeployments(
        name,
        credentials,
      );
      clusterWarnings(response.clusters, warnings);
      return response.versions.flatMap(version =>
        version.deployments.map(deployment => ({
          ...(deployment.component
            ? {
                component: deployment.component.ref,
                ...(deployment.component.title
                  ? { componentTitle: deployment.component.title }
                  : {}),
              }
            : {}),
          cluster: deployment.cluster,
          ...(deployment.status ? { status: deployment.status } : {}),
          modelKits: [
            compact({
              repository: response.entity.repository,
              tag: version.tags[0],
              digest: version.digest,
            }),
          ],
        })),
      );
    });
  }

  /** Where a Component runs, with the ModelKits it runs on each cluster. */
  ofComponent(
    name: ModelKitEntityName,
    credentials: BackstageCredentials,
    warnings: LineageWarning[],
  ): Promise<LineagePlacementInput[]> {
    return this.#read('Component', warnings, async deployments => {
      let response;
      try {
        response = await deployments.getComponentDeployments(name, credentials);
      } catch (error) {
        // A Component without Kubernetes annotations simply has no clusters.
        if (isError(error) && error.name === 'InputError') return [];
        throw error;
      }
      clusterWarnings(
        response.clusters.map(card => ({ ...card.cluster, error: card.error })),
        warnings,
      );
      return response.clusters
        .filter(card => card.workloads.length > 0 || card.modelKits.length > 0)
        .map(card => ({
          component: response.entity.ref,
          cluster: card.cluster,
          status: card.status,
          modelKits: card.modelKits.map(running =>
            compact({
              repository: running.repository,
              tag: running.tag,
              digest: running.digest,
            }),
          ),
        }));
    });
  }

  /** Reads placements, or none with a warning when the deployments cannot be read. */
  async #read(
    what: PlacementSubject,
    warnings: LineageWarning[],
    read: (deployments: DeploymentsService) => Promise<LineagePlacementInput[]>,
  ): Promise<LineagePlacementInput[]> {
    if (!this.#deployments) return [];
    try {
      return await read(this.#deployments);
    } catch (error) {
      // A caller without the permissions of the deployment views is answered, not logged.
      if (!(isError(error) && error.name === 'NotAllowedError')) {
        this.#logger.warn(`Lineage without deployments: ${messageOf(error)}`);
      }
      warnings.push({
        code: 'deployments-unavailable',
        message: `Where the ${what} runs could not be read: ${messageOf(
          error,
        )}`,
      });
      return [];
    }
  }
}

/** Warns of each cluster that could not be read, so what runs there is not shown. */
function clusterWarnings(clusters: ReadCluster[], warnings: LineageWarning[]) {
  for (const cluster of clusters) {
    if (cluster.error) {
      warnings.push({
        code: 'deployments-unavailable',
        message: `Cluster ${
          cluster.title ?? cluster.name
        } could not be read, so what runs there is not shown: ${
          cluster.error.message
        }`,
        nodeIds: [`cluster:${cluster.name}`],
      });
    }
  }
}
