import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import {
  initialModelKitReference,
  ManifestsSpec,
  UNPINNED_DIGEST,
} from './spec';
import {
  httpProbe,
  labels,
  resources,
  restrictedSecurityContext,
  selectorLabels,
} from './workloadParts';

const SERVER_PORT = 8000;

/**
 * Where the `kit unpack` init container puts the ModelKit, in a volume the server reads.
 *
 * @internal
 */
export const MODELKIT_MOUNT_PATH = '/modelkit';

/**
 * The parts of the ModelKit the init container unpacks for each Deployment style: the model for
 * `fastapi` (whose runtime image holds the server), the model and the code for
 * `init-container` (whose runtime image runs the ModelKit's own code).
 *
 * @internal
 */
export const UNPACK_FILTERS = {
  fastapi: 'model',
  'init-container': 'model,code',
} as const;

/**
 * The Deployment of the `fastapi` and `init-container` styles. A `kit unpack` init container
 * fetches the ModelKit that the pod's `MODELKIT_REF` names into a volume at every pod start,
 * so the pod serves exactly the ModelKit its overlay names; the server container runs the
 * runtime image, which holds no model. In the base both are pinned to
 * {@link UNPINNED_DIGEST}: each overlay names its own.
 *
 * @internal
 */
export function deployment(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const style = spec.servingStyle as keyof typeof UNPACK_FILTERS;
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: spec.name,
      labels: labels(spec),
      annotations: { [ANNOTATION_MODELKIT]: reference },
    },
    spec: {
      replicas: spec.replicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selectorLabels(spec) },
      template: {
        metadata: {
          labels: labels(spec),
          annotations: { [ANNOTATION_MODELKIT]: reference },
        },
        spec: {
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 10001,
            runAsGroup: 10001,
            fsGroup: 10001,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          initContainers: [
            {
              name: 'modelkit',
              image: spec.kitInitImage,
              env: [
                { name: 'MODELKIT_REF', value: reference },
                { name: 'UNPACK_PATH', value: MODELKIT_MOUNT_PATH },
                { name: 'UNPACK_FILTER', value: UNPACK_FILTERS[style] },
              ],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
              securityContext: restrictedSecurityContext,
              volumeMounts: [
                { name: 'modelkit', mountPath: MODELKIT_MOUNT_PATH },
                { name: 'kit-home', mountPath: '/home/user' },
              ],
            },
          ],
          containers: [
            {
              name: 'server',
              image: `${spec.image!.repository}@${UNPINNED_DIGEST}`,
              ports: [{ name: 'http', containerPort: SERVER_PORT }],
              env: [
                { name: 'MODELKIT_REF', value: reference },
                // A base ModelKit's files land at the paths of its own Kitfile, so the
                // server searches MODEL_DIR first and then the whole ModelKit.
                { name: 'MODELKIT_DIR', value: MODELKIT_MOUNT_PATH },
                { name: 'MODEL_DIR', value: `${MODELKIT_MOUNT_PATH}/model` },
                { name: 'MODEL_FRAMEWORK', value: spec.framework },
              ],
              resources: resources(spec),
              startupProbe: httpProbe('/health/live', 'http', {
                failureThreshold: 60,
              }),
              readinessProbe: httpProbe('/health/ready', 'http'),
              livenessProbe: httpProbe('/health/live', 'http'),
              securityContext: restrictedSecurityContext,
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                {
                  name: 'modelkit',
                  mountPath: MODELKIT_MOUNT_PATH,
                  readOnly: true,
                },
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            { name: 'modelkit', emptyDir: {} },
            { name: 'kit-home', emptyDir: {} },
          ],
        },
      },
    },
  };
}

/**
 * The ClusterIP Service in front of the Deployment, on port 80.
 *
 * @internal
 */
export function service(spec: ManifestsSpec) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.name, labels: labels(spec) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(spec),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}
