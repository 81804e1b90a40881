import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:git:push-branch` action.
 *
 * @internal
 */
export const pushBranchExamples: TemplateExample[] = actionExamples(
  { id: 'push', action: 'kitstage:git:push-branch', name: 'Push the branch' },
  [
    {
      description:
        "Push the overlay a promotion changed as a new branch of the Component's deploy repository (needs kitstage.modelkit.promote on the Component; the pinned version must pass the environment's gates again)",
      input: {
        component: 'component:default/support-sentiment',
        path: 'repo',
        branch: '${{ steps.promote.output.branchName }}',
        commitMessage: '${{ steps.promote.output.commitMessage }}',
        files: ['deploy/overlays/production/modelkit.yaml'],
      },
    },
  ],
);
