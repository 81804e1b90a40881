import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { modelkitPromotionApiRef } from '@kitstage/plugin-modelkit-react';
import { FixtureModelKitPromotionApi } from '../../__fixtures__/promotion';
import { ModelKitEnvironmentPickerField } from './ModelKitEnvironmentPickerField';

configure({ asyncUtilTimeout: 5_000 });

function renderField(api = new FixtureModelKitPromotionApi()) {
  const onChange = jest.fn();
  const props = {
    formContext: { formData: {} },
    onChange,
    required: true,
    rawErrors: [],
    schema: { title: 'Environment', type: 'string' },
    uiSchema: {},
    idSchema: { $id: 'root_environment' },
  } as unknown as FieldExtensionComponentProps<string>;
  renderInTestApp(<ModelKitEnvironmentPickerField {...props} />, {
    apis: [[modelkitPromotionApiRef, api]],
  });
  return { onChange };
}

describe('ModelKitEnvironmentPickerField', () => {
  it('lists the configured environments with their gates and returns the name', async () => {
    const { onChange } = renderField();
    await screen.findByText(
      'Its gates decide whether the version may go there.',
    );
    fireEvent.mouseDown(screen.getByRole('button', { name: /Environment/ }));
    const options = within(await screen.findByRole('listbox')).getAllByRole(
      'option',
    );
    expect(options.map(o => o.textContent)).toEqual([
      'Staging (no gates)',
      'Production (policy production; never experimental)',
    ]);
    fireEvent.click(options[1]);
    expect(onChange).toHaveBeenCalledWith('production');
  });

  it('shows why the environments could not be listed', async () => {
    const api = new FixtureModelKitPromotionApi();
    jest
      .spyOn(api, 'getEnvironments')
      .mockRejectedValue(new Error('Request failed with 503'));
    renderField(api);
    expect(
      await screen.findByText(
        'Could not list the environments: Request failed with 503',
      ),
    ).toBeInTheDocument();
  });
});
