import { ANNOTATION_KUBERNETES_ID } from '../constants';
import { ManifestsSpec } from './spec';

/**
 * The labels of every object of the workload; `backstage.io/kubernetes-id` lets Backstage find them.
 *
 * @internal
 */
export function labels(spec: ManifestsSpec) {
  return {
    'app.kubernetes.io/name': spec.name,
    'app.kubernetes.io/component': 'model-server',
    [ANNOTATION_KUBERNETES_ID]: spec.name,
  };
}

/**
 * The labels the Service and the Deployment select the pods by.
 *
 * @internal
 */
export function selectorLabels(spec: ManifestsSpec) {
  return { 'app.kubernetes.io/name': spec.name };
}

/**
 * The resource requests and limits of the server container, with the GPUs in both.
 *
 * @internal
 */
export function resources(spec: ManifestsSpec) {
  const gpu =
    spec.resources.gpu > 0
      ? { 'nvidia.com/gpu': String(spec.resources.gpu) }
      : {};
  return {
    requests: { ...spec.resources.requests, ...gpu },
    limits: { ...spec.resources.limits, ...gpu },
  };
}

/**
 * The container security context of the Kubernetes `restricted` Pod Security Standard.
 *
 * @internal
 */
export const restrictedSecurityContext = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  runAsNonRoot: true,
  capabilities: { drop: ['ALL'] },
};

/**
 * An HTTP probe of a container port, checked every 10 seconds; `overrides` changes its timings.
 *
 * @internal
 */
export function httpProbe(path: string, port: number | string, overrides = {}) {
  return {
    httpGet: { path, port },
    periodSeconds: 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
    ...overrides,
  };
}
