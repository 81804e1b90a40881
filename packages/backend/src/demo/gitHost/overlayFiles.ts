import { DemoDeployRepository } from './demoDeployHistory';

/**
 * The files of a demo deploy repository at one commit: a Kustomize base and one overlay per
 * environment under `deploy/overlays/<environment>/`, whose `modelkit.yaml` patch names the
 * ModelKit pinned by digest, where `kitstage:modelkit:promote` finds and edits it (a
 * `MODELKIT_REF` environment variable, or a KServe `storageUri: kit://…`).
 *
 * @param references - the pinned reference (`<repository>@sha256:…`) of each environment.
 * @returns the file contents by repository path.
 */
export function demoRepositoryFiles(
  repository: DemoDeployRepository,
  references: Record<string, string>,
): Record<string, string> {
  const kserve = repository.style === 'kserve-storage-uri';
  const files: Record<string, string> = {
    'README.md': `# ${repository.name} deployment\n\nKustomize overlays of ${repository.name}, one per environment. Promotions change\n\`deploy/overlays/<environment>/modelkit.yaml\` through the Kitstage promotion template.\n`,
    'deploy/base/kustomization.yaml': 'resources:\n  - service.yaml\n',
    'deploy/base/service.yaml': kserve
      ? kserveBase(repository.name)
      : deploymentBase(repository.name),
  };
  for (const [environment, reference] of Object.entries(references)) {
    const dir = `deploy/overlays/${environment}`;
    files[`${dir}/kustomization.yaml`] = [
      'resources:',
      '  - ../../base',
      'patches:',
      '  - path: modelkit.yaml',
      '',
    ].join('\n');
    files[`${dir}/modelkit.yaml`] = kserve
      ? kservePatch(repository.name, reference)
      : deploymentPatch(repository.name, reference);
  }
  return files;
}

function deploymentBase(name: string): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    backstage.io/kubernetes-id: ${name}`,
    'spec:',
    '  replicas: 2',
    '  selector:',
    '    matchLabels:',
    `      app: ${name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: ${name}`,
    `        backstage.io/kubernetes-id: ${name}`,
    '    spec:',
    '      containers:',
    '        - name: server',
    `          image: registry.example.com/kitstage-demo/apps/${name}:1.4.0`,
    '',
  ].join('\n');
}

function deploymentPatch(name: string, reference: string): string {
  return [
    '# The ModelKit the service serves in this environment, pinned by digest.',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: server',
    '          env:',
    '            - name: MODELKIT_REF',
    `              value: ${reference}`,
    '',
  ].join('\n');
}

function kserveBase(name: string): string {
  return [
    'apiVersion: serving.kserve.io/v1beta1',
    'kind: InferenceService',
    'metadata:',
    `  name: ${name}`,
    '  labels:',
    `    backstage.io/kubernetes-id: ${name}`,
    'spec:',
    '  predictor:',
    '    model:',
    '      modelFormat:',
    '        name: huggingface',
    '',
  ].join('\n');
}

function kservePatch(name: string, reference: string): string {
  return [
    '# The ModelKit the InferenceService serves in this environment, pinned by digest.',
    'apiVersion: serving.kserve.io/v1beta1',
    'kind: InferenceService',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  predictor:',
    '    model:',
    `      storageUri: kit://${reference}`,
    '',
  ].join('\n');
}
