import {
  fineTunedModelKit,
  minimalModelKit,
} from '../../__fixtures__/modelkits';
import { ModelKitFrameworkFilter, ModelKitPolicyStatusFilter } from './filters';

describe('ModelKitFrameworkFilter', () => {
  it('asks the catalog for the chosen frameworks and matches them on the page', () => {
    const filter = new ModelKitFrameworkFilter(['transformers', 'onnx']);
    expect(filter.getCatalogQuery()).toEqual({
      'spec.framework': { $in: ['transformers', 'onnx'] },
    });
    expect(filter.filterEntity(fineTunedModelKit)).toBe(true);
    expect(filter.filterEntity(minimalModelKit)).toBe(false);
    expect(
      new ModelKitFrameworkFilter(['Transformers']).filterEntity(
        fineTunedModelKit,
      ),
    ).toBe(true);
    expect(new ModelKitFrameworkFilter([]).getCatalogQuery()).toBeUndefined();
  });
});

describe('ModelKitPolicyStatusFilter', () => {
  it('asks the catalog for the ModelKits whose status matched', () => {
    const filter = new ModelKitPolicyStatusFilter(
      ['failed'],
      new Set(['modelkit:default/support-sentiment']),
    );
    expect(filter.getCatalogQuery()).toEqual({
      $any: [
        {
          kind: 'modelkit',
          'metadata.namespace': 'default',
          'metadata.name': 'support-sentiment',
        },
      ],
    });
    expect(filter.filterEntity(fineTunedModelKit)).toBe(true);
    expect(filter.filterEntity(minimalModelKit)).toBe(false);
    expect(filter.toQueryValue()).toEqual(['failed']);
  });

  it('matches nothing when no ModelKit has the status', () => {
    const filter = new ModelKitPolicyStatusFilter(['passed'], new Set());
    expect(filter.getCatalogQuery()).toEqual({
      'metadata.uid': '00000000-0000-0000-0000-000000000000',
    });
    expect(filter.filterEntity(fineTunedModelKit)).toBe(false);
  });
});
