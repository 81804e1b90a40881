export * from './DeploymentHealth';
export * from './kubernetesObjectTypes';
export * from './gitOpsObjectTypes';
export * from './DeploymentHealthInput';
export * from './rolloutObjectTypes';
export * from './evaluateDeploymentHealth';
export * from './rollUpHealth';
