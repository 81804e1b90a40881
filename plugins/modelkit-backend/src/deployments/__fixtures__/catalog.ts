import { Entity } from '@backstage/catalog-model';

/** The registry the demo fleet's ModelKits live on (not configured in tests). */
export const DEMO_REGISTRY = 'registry.example.com/kitstage-demo';

/** A Group. */
export function group(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name },
    spec: { type: 'team', children: [] },
  };
}

/** A System. */
export function system(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name },
    spec: { owner },
  };
}

/** A service Component whose objects carry `backstage.io/kubernetes-id: <name>`. */
export function component(
  name: string,
  owner: string,
  options: { system?: string; annotations?: Record<string, string> } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: options.annotations ?? {
        'backstage.io/kubernetes-id': name,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner,
      ...(options.system ? { system: options.system } : {}),
    },
  };
}

/** A ModelKit entity. */
export function modelKit(
  name: string,
  repository: string,
  owner: string,
  lifecycle = 'production',
): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name },
    spec: { type: 'model', owner, lifecycle, repository },
  };
}
