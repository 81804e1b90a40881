import {
  DeploymentCommand,
  DeploymentDelivery,
  DeploymentSelector,
  DeploymentWorkload,
  quoteShellArgument,
} from '@kitstage/plugin-modelkit-common';

function command(
  title: string,
  argv: [DeploymentCommand['tool'], ...string[]],
): DeploymentCommand {
  return {
    title,
    tool: argv[0],
    argv,
    command: argv.map(quoteShellArgument).join(' '),
  };
}

function namespaceArgs(namespace: string | undefined): string[] {
  return namespace ? ['--namespace', namespace] : [];
}

/**
 * Read-only `flux` and `kubectl` commands to look further at a service on a cluster, built
 * from the parsed names of its objects; every argument is quoted for a POSIX shell, so no
 * value from a cluster or the catalog can change the command. They run against the current
 * kubectl context.
 *
 * @internal
 */
export function buildDeploymentCommands(options: {
  selector: DeploymentSelector;
  deliveries: DeploymentDelivery[];
  workloads: DeploymentWorkload[];
}): DeploymentCommand[] {
  const commands: DeploymentCommand[] = [];
  for (const delivery of options.deliveries) {
    const { kind, name, namespace } = delivery.object;
    const ns = namespaceArgs(namespace);
    if (delivery.controller === 'flux' && kind === 'Kustomization') {
      commands.push(
        command('Kustomization status', [
          'flux',
          'get',
          'kustomizations',
          name,
          ...ns,
        ]),
        command('Kustomization events', [
          'flux',
          'events',
          '--for',
          `Kustomization/${name}`,
          ...ns,
        ]),
        command('Objects applied by the Kustomization', [
          'flux',
          'tree',
          'kustomization',
          name,
          ...ns,
        ]),
      );
    } else if (delivery.controller === 'flux' && kind === 'HelmRelease') {
      commands.push(
        command('HelmRelease status', [
          'flux',
          'get',
          'helmreleases',
          name,
          ...ns,
        ]),
        command('HelmRelease events', [
          'flux',
          'events',
          '--for',
          `HelmRelease/${name}`,
          ...ns,
        ]),
      );
    } else if (delivery.controller === 'argocd') {
      commands.push(
        command('Argo CD Application', [
          'kubectl',
          'get',
          'applications.argoproj.io',
          name,
          ...ns,
          '--output',
          'yaml',
        ]),
      );
    }
    const source = delivery.source;
    if (source?.kind === 'GitRepository' || source?.kind === 'OCIRepository') {
      commands.push(
        command(`${source.kind} status`, [
          'flux',
          'get',
          'sources',
          source.kind === 'GitRepository' ? 'git' : 'oci',
          source.name,
          ...namespaceArgs(source.namespace),
        ]),
      );
    }
  }
  for (const workload of options.workloads) {
    const { kind, name, namespace } = workload.object;
    const ns = namespaceArgs(namespace);
    if (kind === 'Deployment') {
      commands.push(
        command('Deployment details and events', [
          'kubectl',
          'describe',
          'deployment',
          name,
          ...ns,
        ]),
      );
    } else if (kind === 'InferenceService') {
      commands.push(
        command('InferenceService status', [
          'kubectl',
          'get',
          'inferenceservices.serving.kserve.io',
          name,
          ...ns,
          '--output',
          'yaml',
        ]),
      );
    }
  }
  const label = options.selector.labelSelector
    ? options.selector.labelSelector
    : options.selector.kubernetesId &&
      `backstage.io/kubernetes-id=${options.selector.kubernetesId}`;
  if (label) {
    commands.push(
      command('Pods', [
        'kubectl',
        'get',
        'pods',
        '--selector',
        label,
        ...(options.selector.namespace
          ? namespaceArgs(options.selector.namespace)
          : ['--all-namespaces']),
        '--output',
        'wide',
      ]),
    );
  }
  return commands;
}
