/**
 * Values as the portal form submits them.
 *
 * @internal
 */
export function formValues(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    name: 'support-sentiment',
    description: 'Classifies the sentiment of support tickets',
    owner: 'group:default/nlp-team',
    system: 'system:default/customer-insights',
    framework: 'transformers',
    license: 'Apache-2.0',
    baseModelSource: 'none',
    registry: 'registry.example.com',
    repository: 'nlp/support-sentiment',
    servingStyle: 'fastapi',
    environments: ['staging', 'production'],
    clusterPath: 'clusters',
    namespace: 'nlp',
    replicas: 2,
    cpuRequest: '500m',
    cpuLimit: '2',
    memoryRequest: '1Gi',
    memoryLimit: '4Gi',
    gpu: 1,
    repoUrl: 'github.com?owner=example&repo=support-sentiment',
    ...overrides,
  };
}
