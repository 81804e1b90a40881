import { ANNOTATION_OPERATED_BY } from '@kitstage/plugin-modelkit-common';
import { ManifestsSpec, workloadKind } from './spec';

const FLUX_NAMESPACE = 'flux-system';

/**
 * The Flux objects that deploy an environment: its namespace, the `GitRepository` of the project and the `Kustomization` of the overlay, health-checked on the workload. Both name the project's Component in `kitstage.dev/operated-by`, so its owners may reconcile, suspend and resume them from the portal.
 *
 * @internal
 */
export function fluxObjects(spec: ManifestsSpec, environment: string) {
  const annotations = {
    [ANNOTATION_OPERATED_BY]: `component:default/${spec.name}`,
  };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: spec.namespace,
        annotations: { 'kustomize.toolkit.fluxcd.io/prune': 'disabled' },
      },
    },
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: spec.name, namespace: FLUX_NAMESPACE, annotations },
      spec: {
        interval: '1m',
        url: spec.flux.gitUrl,
        ref: { branch: spec.flux.branch },
        ignore: '/*\n!/deploy/\n',
      },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: {
        name: `${spec.name}-${environment}`,
        namespace: FLUX_NAMESPACE,
        annotations,
      },
      spec: {
        interval: spec.flux.interval,
        retryInterval: '1m',
        timeout: spec.flux.timeout,
        path: `./deploy/overlays/${environment}`,
        prune: true,
        wait: false,
        sourceRef: { kind: 'GitRepository', name: spec.name },
        targetNamespace: spec.namespace,
        healthChecks: [
          { ...workloadKind(spec), name: spec.name, namespace: spec.namespace },
        ],
      },
    },
  ];
}
