import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import CloudQueueIcon from '@material-ui/icons/CloudQueue';
import { modelkitTranslationRef } from '@kitstage/plugin-modelkit-react/alpha';
import {
  KUBERNETES_ID_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_ANNOTATION,
} from '../lib/deployments';

/**
 * The Deployments tab of Components, at `/deployments`: a card per cluster
 * with the health of the service there, its reasons, the Flux or Argo CD
 * delivery, replicas, the ModelKit version running with its policy badge, and
 * copyable `flux` and `kubectl` commands.
 *
 * @remarks
 *
 * Shown on Components with a `backstage.io/kubernetes-id` or
 * `backstage.io/kubernetes-label-selector` annotation, or that depend on a
 * ModelKit. Apps can change the filter through config.
 *
 * @alpha
 */
export const componentDeploymentsEntityContent = EntityContentBlueprint.make({
  name: 'deployments',
  params: {
    path: '/deployments',
    title: modelkitTranslationRef('deploymentTabs.componentDeployments'),
    group: 'deployment',
    icon: <CloudQueueIcon fontSize="inherit" />,
    // Components whose workloads the backend can find, by the annotations the
    // Kubernetes plugin reads, or that depend on a ModelKit: the tab tells the
    // latter which annotation to add.
    filter: {
      $all: [
        { kind: 'component' },
        {
          $any: [
            {
              [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: {
                $exists: true,
              },
            },
            {
              [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]:
                { $exists: true },
            },
            {
              relations: {
                $contains: {
                  type: 'dependsOn',
                  targetRef: { $hasPrefix: 'modelkit:' },
                },
              },
            },
          ],
        },
      ],
    },
    loader: () =>
      import('../components/ComponentDeploymentsContent').then(m => (
        <m.ComponentDeploymentsContent />
      )),
  },
});

/**
 * The "Where it runs" tab of ModelKit entity pages, at `/deployments`: each
 * version running on a cluster, with the services running it and their
 * health.
 *
 * @alpha
 */
export const modelkitWhereItRunsEntityContent = EntityContentBlueprint.make({
  name: 'where-it-runs',
  params: {
    path: '/deployments',
    title: modelkitTranslationRef('deploymentTabs.whereItRuns'),
    group: 'deployment',
    icon: <CloudQueueIcon fontSize="inherit" />,
    filter: { kind: 'modelkit' },
    loader: () =>
      import('../components/ModelKitWhereItRunsContent').then(m => (
        <m.ModelKitWhereItRunsContent />
      )),
  },
});

/**
 * The deployment tabs of entity pages.
 *
 * @internal
 */
export const deploymentContents = [
  componentDeploymentsEntityContent,
  modelkitWhereItRunsEntityContent,
];
