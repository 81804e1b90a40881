import { createTranslationRef } from '@backstage/frontend-plugin-api';

/**
 * Messages of the ModelKit plugin, for apps that translate or reword them.
 *
 * @alpha
 */
export const modelkitTranslationRef = createTranslationRef({
  id: 'modelkit',
  messages: {
    aboutCard: {
      title: 'About',
      viewSource: 'View source',
      editMetadata: 'Edit metadata',
      description: 'Description',
      noDescription: 'No description',
      owner: 'Owner',
      lifecycle: 'Lifecycle',
      type: 'Type',
      framework: 'Framework',
      license: 'License',
      system: 'System',
      baseModel: 'Base model',
      datasets: 'Datasets',
      repository: 'Repository',
      copyRepository: 'Copy repository',
      pullCommand: 'Pull the latest version',
      copyPullCommand: 'Copy pull command',
      copied: 'Copied to clipboard',
      tags: 'Tags',
    },
    relationsCard: {
      title: 'Relations',
      empty: 'This ModelKit has no relations yet.',
      groups: {
        dependsOn: 'Built from',
        dependencyOf: 'Used by',
        ownedBy: 'Owned by',
        partOf: 'Part of',
      },
    },
  },
});
