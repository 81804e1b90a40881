import { createExtensionTester } from '@backstage/frontend-test-utils';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';

describe('ModelKit entity cards', () => {
  it.each([
    ['entity-card:modelkit/about', 'info'],
    ['entity-card:modelkit/relations', 'content'],
  ] as const)('%s shows on ModelKits only', (id, type) => {
    const extension = modelkitPlugin.getExtension(id);
    const tester = createExtensionTester(extension);

    expect(tester.query(extension).node.spec.id).toBe(id);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe(type);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter).toBeDefined();
    expect(filter!(fineTunedModelKit)).toBe(true);
    expect(filter!({ ...fineTunedModelKit, kind: 'modelkit' })).toBe(true);
    expect(filter!(serviceComponent)).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.filterExpression)).toBe(
      undefined,
    );
  });

  it('lets apps narrow the About card through config', () => {
    const extension = modelkitPlugin.getExtension('entity-card:modelkit/about');
    const tester = createExtensionTester(extension, {
      config: { filter: { 'spec.lifecycle': 'production' }, type: 'content' },
    });

    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(filter(fineTunedModelKit)).toBe(true);
    expect(
      filter({
        ...fineTunedModelKit,
        spec: { ...fineTunedModelKit.spec, lifecycle: 'experimental' },
      }),
    ).toBe(false);
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('content');
  });
});
