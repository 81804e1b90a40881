import { Entity } from '@backstage/catalog-model';

/** A valid ModelKit entity that each invalid case below changes in one place. */
export function validModelKitEntity(): Entity {
  return {
    apiVersion: 'kitstage.dev/v1alpha1',
    kind: 'ModelKit',
    metadata: { name: 'support-sentiment', namespace: 'default' },
    spec: {
      type: 'model',
      owner: 'group:nlp-team',
      lifecycle: 'production',
      repository: 'registry.example.com/kitstage-demo/support-sentiment',
      framework: 'transformers',
      license: 'Apache-2.0',
      baseModel: 'modelkit:sentiment-base',
      datasets: ['modelkit:support-tickets', 'modelkit:product-reviews'],
      system: 'customer-insights',
    },
  };
}

type Spec = Record<string, unknown>;

const digest = `sha256:${'a'.repeat(64)}`;

function withSpec(change: (spec: Spec) => void): Entity {
  const entity = validModelKitEntity();
  change(entity.spec as Spec);
  return entity;
}

/** One invalid ModelKit per field and problem, with the exact error message expected. */
export const invalidModelKitEntities: Array<{
  problem: string;
  entity: Entity;
  message: string;
}> = [
  {
    problem: 'spec is missing',
    entity: { ...validModelKitEntity(), spec: undefined },
    message: 'spec: Required',
  },
  {
    problem: 'spec.owner is missing',
    entity: withSpec(spec => delete spec.owner),
    message: 'spec.owner: Required',
  },
  {
    problem: 'spec.owner is not a string',
    entity: withSpec(spec => (spec.owner = 42)),
    message: 'spec.owner: Invalid input: expected string, received number',
  },
  {
    problem: 'spec.owner is not an entity reference',
    entity: withSpec(spec => (spec.owner = 'group:')),
    message:
      'spec.owner: must be an entity reference [<kind>:][<namespace>/]<name> such as "group:nlp-team", got "group:"',
  },
  {
    problem: 'spec.owner has an invalid name',
    entity: withSpec(spec => (spec.owner = 'nlp team')),
    message:
      'spec.owner: must be an entity reference [<kind>:][<namespace>/]<name> such as "group:nlp-team", got "nlp team"',
  },
  {
    problem: 'spec.lifecycle is missing',
    entity: withSpec(spec => delete spec.lifecycle),
    message: 'spec.lifecycle: Required',
  },
  {
    problem: 'spec.lifecycle is empty',
    entity: withSpec(spec => (spec.lifecycle = '')),
    message: 'spec.lifecycle: must not be empty',
  },
  {
    problem: 'spec.repository is missing',
    entity: withSpec(spec => delete spec.repository),
    message: 'spec.repository: Required',
  },
  {
    problem: 'spec.repository has a tag',
    entity: withSpec(spec => (spec.repository = 'x:1')),
    message:
      'spec.repository: must be an OCI repository without tag or digest, got "x:1" (a repository names no tag or digest, but this one names tag "1")',
  },
  {
    problem: 'spec.repository has a registry and a tag',
    entity: withSpec(
      spec => (spec.repository = 'registry.example.com/team/model:1.0.0'),
    ),
    message:
      'spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/team/model:1.0.0" (a repository names no tag or digest, but this one names tag "1.0.0")',
  },
  {
    problem: 'spec.repository has a digest',
    entity: withSpec(
      spec => (spec.repository = `registry.example.com/team/model@${digest}`),
    ),
    message: `spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/team/model@${digest}" (a repository names no tag or digest, but this one names digest "${digest}")`,
  },
  {
    problem: 'spec.repository has upper-case path components',
    entity: withSpec(
      spec => (spec.repository = 'registry.example.com/Team/Model'),
    ),
    message:
      'spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/Team/Model" (repository "Team/Model" must be lowercase)',
  },
  {
    problem: 'spec.repository is a URL',
    entity: withSpec(
      spec => (spec.repository = 'https://registry.example.com/team/model'),
    ),
    message:
      'spec.repository: must be an OCI repository without tag or digest, got "https://registry.example.com/team/model" (a reference has no URL scheme; remove "https://")',
  },
  {
    problem: 'spec.repository has a registry that is no host',
    entity: withSpec(
      spec => (spec.repository = 'registry_1.example.com/model'),
    ),
    message:
      'spec.repository: must be an OCI repository without tag or digest, got "registry_1.example.com/model" (registry "registry_1.example.com" is not a valid host name, IPv4 address or [IPv6] address with an optional :port)',
  },
  {
    problem: 'spec.repository has a path longer than 255 characters',
    entity: withSpec(
      spec => (spec.repository = `registry.example.com/${'m'.repeat(256)}`),
    ),
    message: `spec.repository: must be an OCI repository without tag or digest, got "registry.example.com/${'m'.repeat(
      256,
    )}" (repository is 256 characters long; the limit is 255)`,
  },
  {
    problem: 'spec.type is not a lowercase word',
    entity: withSpec(spec => (spec.type = 'Large Model')),
    message:
      'spec.type: must be a lowercase word such as "model" or "dataset", got "Large Model"',
  },
  {
    problem: 'spec.framework is empty',
    entity: withSpec(spec => (spec.framework = '')),
    message: 'spec.framework: must not be empty',
  },
  {
    problem: 'spec.license is not a string',
    entity: withSpec(spec => (spec.license = ['MIT'])),
    message: 'spec.license: Invalid input: expected string, received array',
  },
  {
    problem: 'spec.baseModel is not an entity reference',
    entity: withSpec(spec => (spec.baseModel = 'modelkit:default/')),
    message:
      'spec.baseModel: must be an entity reference [<kind>:][<namespace>/]<name> such as "modelkit:sentiment-base", got "modelkit:default/"',
  },
  {
    problem: 'spec.datasets is not a list',
    entity: withSpec(spec => (spec.datasets = 'modelkit:support-tickets')),
    message: 'spec.datasets: Invalid input: expected array, received string',
  },
  {
    problem: 'spec.datasets has an item that is not an entity reference',
    entity: withSpec(
      spec => (spec.datasets = ['modelkit:support-tickets', 'a:b:c']),
    ),
    message:
      'spec.datasets[1]: must be an entity reference [<kind>:][<namespace>/]<name> such as "modelkit:support-tickets", got "a:b:c"',
  },
  {
    problem: 'spec.system is not an entity reference',
    entity: withSpec(spec => (spec.system = 'system:Customer Insights')),
    message:
      'spec.system: must be an entity reference [<kind>:][<namespace>/]<name> such as "customer-insights", got "system:Customer Insights"',
  },
];
