import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { actionExamples } from '../../lib/actionExamples';

/**
 * Examples of the `kitstage:git:publish` action.
 *
 * @internal
 */
export const publishRepositoryExamples: TemplateExample[] = actionExamples(
  {
    id: 'publish',
    action: 'kitstage:git:publish',
    name: 'Publish the repository',
  },
  [
    {
      description:
        'Push the workspace as the main branch of a new repository in a group of a self-hosted GitLab (a namespace listed under kitstage.scaffolder.publish.allowedNamespaces, under kitstage.promotion.allowedRemotes; needs kitstage.git.publish)',
      input: {
        repoUrl: 'gitlab.example.com?owner=ml-platform&repo=churn-model',
        defaultBranch: 'main',
        commitMessage: 'Create churn-model from the ModelKit project template',
      },
    },
  ],
);
