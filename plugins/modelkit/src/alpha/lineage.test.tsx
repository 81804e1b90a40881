import { Entity } from '@backstage/catalog-model';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';

const servingComponent: Entity = {
  ...serviceComponent,
  relations: [
    { type: 'dependsOn', targetRef: 'modelkit:default/support-sentiment' },
  ],
};
const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'nlp-team' },
  spec: { type: 'team' },
};

describe('lineage, model card, Models card and catalog filter extensions', () => {
  it.each([
    ['entity-content:modelkit/lineage', '/lineage', 'Lineage'],
    ['entity-content:modelkit/model-card', '/model-card', 'Model card'],
  ] as const)('%s is a ModelKit tab at %s', (id, path, title) => {
    const extension = modelkitPlugin.getExtension(id);
    const tester = createExtensionTester(extension);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(title);
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(fineTunedModelKit)).toBe(true);
    expect(filter(servingComponent)).toBe(false);
    expect(tester.query(extension).node.spec.id).toBe(id);
    expect(path.startsWith('/')).toBe(true);
  });

  it('shows the Model lineage card on Components that serve a ModelKit only', () => {
    const extension = modelkitPlugin.getExtension(
      'entity-card:modelkit/component-lineage',
    );
    const filter = createExtensionTester(extension).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(servingComponent)).toBe(true);
    expect(
      filter({
        ...serviceComponent,
        metadata: {
          ...serviceComponent.metadata,
          annotations: {
            'kitstage.dev/modelkit':
              'registry.example.com/kitstage-demo/support-sentiment:v1.2.0',
          },
        },
      }),
    ).toBe(true);
    expect(filter(serviceComponent)).toBe(false);
    expect(filter(fineTunedModelKit)).toBe(false);
  });

  it('shows the Models card on Groups only', () => {
    const extension = modelkitPlugin.getExtension(
      'entity-card:modelkit/group-models',
    );
    const filter = createExtensionTester(extension).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(group)).toBe(true);
    expect(filter(fineTunedModelKit)).toBe(false);
  });

  it('attaches the ModelKit filters to the catalog page', () => {
    const extension = modelkitPlugin.getExtension('catalog-filter:modelkit');
    expect(
      createExtensionTester(extension).query(extension).node.spec.attachTo,
    ).toEqual({
      id: 'page:catalog',
      input: 'filters',
    });
  });
});
