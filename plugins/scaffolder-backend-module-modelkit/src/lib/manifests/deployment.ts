import { ANNOTATION_MODELKIT } from '@kitstage/plugin-modelkit-common';
import { initialModelKitReference, ManifestsSpec } from './spec';
import {
  httpProbe,
  labels,
  resources,
  restrictedSecurityContext,
  selectorLabels,
} from './workloadParts';

const SERVER_PORT = 8000;

/**
 * The Deployment of the `fastapi` and `init-container` styles: the server image, and for `init-container` a `kit unpack` init container that fills a volume with the model.
 *
 * @internal
 */
export function deployment(spec: ManifestsSpec) {
  const reference = initialModelKitReference(spec);
  const initContainer = spec.servingStyle === 'init-container';
  // Where `kit unpack` puts the ModelKit: baked into the image, or in the volume the init
  // container fills. A base ModelKit's files land at the paths of its own Kitfile, so the
  // server searches MODEL_DIR first and then the whole ModelKit.
  const modelKitDir = initContainer ? '/modelkit' : '/app/modelkit';
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
          ...(initContainer
            ? {
                initContainers: [
                  {
                    name: 'modelkit',
                    image: spec.kitInitImage,
                    env: [
                      { name: 'MODELKIT_REF', value: reference },
                      { name: 'UNPACK_PATH', value: '/modelkit' },
                      { name: 'UNPACK_FILTER', value: 'model' },
                    ],
                    resources: {
                      requests: { cpu: '100m', memory: '128Mi' },
                      limits: { cpu: '1', memory: '1Gi' },
                    },
                    securityContext: restrictedSecurityContext,
                    volumeMounts: [
                      { name: 'modelkit', mountPath: '/modelkit' },
                      { name: 'kit-home', mountPath: '/home/user' },
                    ],
                  },
                ],
              }
            : {}),
          containers: [
            {
              name: 'server',
              image: `${spec.image!.repository}:${spec.image!.tag}`,
              ports: [{ name: 'http', containerPort: SERVER_PORT }],
              env: [
                { name: 'MODELKIT_REF', value: reference },
                { name: 'MODELKIT_DIR', value: modelKitDir },
                { name: 'MODEL_DIR', value: `${modelKitDir}/model` },
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
                ...(initContainer
                  ? [
                      {
                        name: 'modelkit',
                        mountPath: '/modelkit',
                        readOnly: true,
                      },
                    ]
                  : []),
              ],
            },
          ],
          volumes: [
            { name: 'tmp', emptyDir: {} },
            ...(initContainer
              ? [
                  { name: 'modelkit', emptyDir: {} },
                  { name: 'kit-home', emptyDir: {} },
                ]
              : []),
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
