import { deployment, service } from './deployment';
import { fluxObjects } from './fluxObjects';
import { inferenceService } from './inferenceService';
import { modelKitPatch, overlayKustomization } from './overlays';
import { ManifestFile, ManifestsSpec } from './spec';

const GENERATED =
  'Written by the Kitstage modelkit-project template. Edit freely; CI updates the ModelKit\nreference in deploy/overlays/<environment>/modelkit.yaml.';

/**
 * Builds every Kubernetes, Kustomize and Flux file of a project.
 *
 * @internal
 */
export function buildManifests(spec: ManifestsSpec): ManifestFile[] {
  const workload =
    spec.servingStyle === 'kserve'
      ? [
          {
            path: 'deploy/base/inferenceservice.yaml',
            documents: [inferenceService(spec)],
          },
        ]
      : [
          {
            path: 'deploy/base/deployment.yaml',
            documents: [deployment(spec)],
          },
          { path: 'deploy/base/service.yaml', documents: [service(spec)] },
        ];

  const files: ManifestFile[] = [
    ...workload.map(file => ({ ...file, comment: GENERATED })),
    {
      path: 'deploy/base/kustomization.yaml',
      documents: [
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          namespace: spec.namespace,
          resources: workload.map(file =>
            file.path.replace('deploy/base/', ''),
          ),
        },
      ],
    },
  ];

  for (const environment of spec.environments) {
    files.push(
      {
        path: `deploy/overlays/${environment}/kustomization.yaml`,
        documents: [overlayKustomization(spec, environment)],
      },
      {
        path: `deploy/overlays/${environment}/modelkit.yaml`,
        documents: [modelKitPatch(spec)],
        comment: `The ModelKit running in ${environment}. CI pins it by digest after each push;\npromotions change it by pull request.`,
      },
      {
        path: `${spec.flux.clusterPath}/${environment}/${spec.name}.yaml`,
        documents: fluxObjects(spec, environment),
        comment: `Flux objects that deploy ${spec.name} to ${environment}. Apply them in the ${environment}\ncluster, or commit them where that cluster's Flux reads its configuration.`,
      },
    );
  }
  return files;
}
