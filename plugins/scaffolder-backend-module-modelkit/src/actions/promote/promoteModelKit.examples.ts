import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

/**
 * Examples of the `kitstage:modelkit:promote` action, listed with it in the portal; the
 * examples test runs each one against a real registry.
 *
 * @internal
 */
export const examples: TemplateExample[] = [
  {
    description:
      'Fetch the repository of a Component and pin its production overlay to version v3, then open a GitHub pull request',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'kitstage:modelkit:promote',
          name: 'Promote',
          input: {
            component: 'component:default/support-sentiment',
            environment: 'production',
            version: 'v3',
          },
        },
      ],
    }),
  },
  {
    description:
      'Clone a plain Git remote, pin the staging overlay to a digest, and override a refused gate with a reason (needs kitstage.modelkit.promote.override)',
    example: yaml.stringify({
      steps: [
        {
          id: 'promote',
          action: 'kitstage:modelkit:promote',
          name: 'Promote',
          input: {
            component: 'component:default/support-sentiment',
            environment: 'staging',
            version: `sha256:${'5'.repeat(64)}`,
            overrideReason:
              'Hotfix for incident 4711; the scan runs again tonight',
            path: 'repo',
            checkout: {
              remoteUrl: 'https://git.example.com/nlp/support-sentiment.git',
              branch: 'main',
            },
          },
        },
      ],
    }),
  },
];
