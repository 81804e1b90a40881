import { deployment, service } from './deployment';
import { fluxObjects } from './fluxObjects';
import { inferenceService } from './inferenceService';
import { modelKitPatch, overlayKustomization } from './overlays';
import { isGated, ManifestFile, ManifestsSpec } from './spec';

function generatedComment(spec: ManifestsSpec): string {
  const what = spec.image
    ? 'the ModelKit and the\nruntime image below name'
    : 'the ModelKit below\nnames';
  return `Written by the Kitstage modelkit-project template. Edit freely; ${what} no content: each environment names its own in\ndeploy/overlays/<environment>/.`;
}

function runtimeImageComment(spec: ManifestsSpec, environment: string): string {
  return isGated(spec, environment)
    ? `The runtime image ${environment} runs, pinned by digest. It starts on a digest that names\nno image: before ${environment} can serve, a reviewed pull request sets the digest of an\nimage CI built and signed (tagged sha-<commit>). Promotions do not change it.`
    : `The runtime image ${environment} runs: CI pins the digest it built after each push.`;
}

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
    ...workload.map(file => ({ ...file, comment: generatedComment(spec) })),
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
    const gated = isGated(spec, environment);
    files.push(
      {
        path: `deploy/overlays/${environment}/kustomization.yaml`,
        documents: [overlayKustomization(spec, environment)],
        comment: spec.image
          ? runtimeImageComment(spec, environment)
          : undefined,
      },
      {
        path: `deploy/overlays/${environment}/modelkit.yaml`,
        documents: [modelKitPatch(spec, environment)],
        comment: gated
          ? `The ModelKit running in ${environment}. It starts on a digest that names no ModelKit, so\n${environment} runs nothing until the first promotion pins a verified one by pull request.`
          : `The ModelKit running in ${environment}. CI pins it by digest after each push;\npromotions change it by pull request.`,
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
