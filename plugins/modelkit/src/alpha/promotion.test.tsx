import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import { servingComponent } from '@kitstage/plugin-modelkit-react/testUtils';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';
import { modelkitVersionPickerFormField } from './promotion';

const LAZY_LOAD_TIMEOUT = 10_000;

describe('promotion extensions', () => {
  it('registers the scaffolder fields and the Promotions tab under stable ids', () => {
    for (const id of [
      'scaffolder-form-field:modelkit/modelkit-version-picker',
      'scaffolder-form-field:modelkit/modelkit-environment-picker',
      'entity-content:modelkit/promotions',
      'api:modelkit/promotion',
    ]) {
      expect(modelkitPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('loads the ModelKitVersionPicker field', async () => {
    const loader = createExtensionTester(modelkitVersionPickerFormField).get(
      FormFieldBlueprint.dataRefs.formFieldLoader,
    );
    const field = (await loader()) as unknown as {
      name?: string;
      component?: unknown;
    };
    expect(JSON.stringify(field)).toContain('ModelKitVersionPicker');
  });

  it('adds the Promotions tab to Components that serve a ModelKit only', () => {
    const tester = createExtensionTester(
      modelkitPlugin.getExtension('entity-content:modelkit/promotions'),
      { apis: [mockApis.translation()] },
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/promotions');
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Promotions',
    );
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(servingComponent)).toBe(true);
    expect(filter(serviceComponent)).toBe(false);
    expect(filter(fineTunedModelKit)).toBe(false);
  });

  it('leaves Components without a ModelKit alone', async () => {
    renderTestApp({
      features: [modelkitPlugin],
      extensions: [createTestEntityPage({ entity: serviceComponent })],
    });
    expect(
      await screen.findByTestId(
        'empty-entity-page',
        {},
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
  });
});
