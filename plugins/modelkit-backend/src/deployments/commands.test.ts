import { buildDeploymentCommands } from './commands';

describe('buildDeploymentCommands', () => {
  it('builds read-only flux and kubectl commands from parsed names', () => {
    const commands = buildDeploymentCommands({
      selector: { kubernetesId: 'api', namespace: 'nlp' },
      deliveries: [
        {
          controller: 'flux',
          object: {
            kind: 'HelmRelease',
            namespace: 'flux-system',
            name: 'api',
          },
          suspended: false,
          source: {
            kind: 'OCIRepository',
            namespace: 'flux-system',
            name: 'api-chart',
            suspended: false,
          },
        },
        {
          controller: 'argocd',
          object: { kind: 'Application', namespace: 'argocd', name: 'api' },
          suspended: false,
        },
      ],
      workloads: [
        {
          object: { kind: 'InferenceService', namespace: 'nlp', name: 'api' },
          pods: { total: 0, ready: 0, crashLooping: 0, restarts: 0 },
          images: [],
        },
      ],
    });
    expect(commands.map(c => [c.title, c.tool, c.command])).toEqual([
      [
        'HelmRelease status',
        'flux',
        'flux get helmreleases api --namespace flux-system',
      ],
      [
        'HelmRelease events',
        'flux',
        'flux events --for HelmRelease/api --namespace flux-system',
      ],
      [
        'OCIRepository status',
        'flux',
        'flux get sources oci api-chart --namespace flux-system',
      ],
      [
        'Argo CD Application',
        'kubectl',
        'kubectl get applications.argoproj.io api --namespace argocd --output yaml',
      ],
      [
        'InferenceService status',
        'kubectl',
        'kubectl get inferenceservices.serving.kserve.io api --namespace nlp --output yaml',
      ],
      [
        'Pods',
        'kubectl',
        'kubectl get pods --selector backstage.io/kubernetes-id=api --namespace nlp --output wide',
      ],
    ]);
  });

  it('quotes every argument, so names cannot change the command', () => {
    const [status] = buildDeploymentCommands({
      selector: { labelSelector: 'app=a,tier in (web,worker)' },
      deliveries: [
        {
          controller: 'flux',
          object: {
            kind: 'Kustomization',
            namespace: 'ns',
            name: "x'; rm -rf / #",
          },
          suspended: false,
        },
      ],
      workloads: [],
    });
    expect(status.argv).toEqual([
      'flux',
      'get',
      'kustomizations',
      "x'; rm -rf / #",
      '--namespace',
      'ns',
    ]);
    expect(status.command).toBe(
      `flux get kustomizations 'x'\\''; rm -rf / #' --namespace ns`,
    );
    const pods = buildDeploymentCommands({
      selector: { labelSelector: 'app=a,tier in (web,worker)' },
      deliveries: [],
      workloads: [],
    });
    expect(pods[0].command).toBe(
      "kubectl get pods --selector 'app=a,tier in (web,worker)' --all-namespaces --output wide",
    );
  });
});
