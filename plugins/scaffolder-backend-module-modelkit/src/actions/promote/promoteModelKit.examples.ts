import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:modelkit:promote` action, listed with it in the portal; the
 * examples test runs each one against a real registry.
 *
 * @internal
 */
export const examples: TemplateExample[] = actionExamples(
  { id: 'promote', action: 'kitstage:modelkit:promote', name: 'Promote' },
  [
    {
      description:
        'Pin the production overlay of a Component (fetched by fetch:plain into repo/) to version v2, copying the change to changes/ for publish:github:pull-request',
      input: {
        component: 'component:default/support-sentiment',
        environment: 'production',
        version: 'v2',
        path: 'repo',
        changesPath: 'changes',
      },
    },
    {
      description:
        "Clone the Component's deploy repository (its kitstage.dev/deploy-repository annotation, under kitstage.promotion.allowedRemotes), pin the staging overlay to a digest, and override a refused gate with a reason (needs kitstage.modelkit.promote.override)",
      input: {
        component: 'component:default/support-sentiment',
        environment: 'staging',
        version: `sha256:${'5'.repeat(64)}`,
        overrideReason: 'Hotfix for incident 4711; the scan runs again tonight',
        path: 'repo',
        checkout: true,
      },
    },
  ],
);
