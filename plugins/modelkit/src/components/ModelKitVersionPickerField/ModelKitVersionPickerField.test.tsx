import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { configure, fireEvent, screen, within } from '@testing-library/react';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
  policyStatuses,
  servingComponent,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { serviceComponent } from '../../__fixtures__/modelkits';
import { validateModelKitVersion } from './componentModelKits';
import { ModelKitVersionPickerField } from './ModelKitVersionPickerField';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

const twoModelKitsComponent: Entity = {
  ...servingComponent,
  metadata: { ...servingComponent.metadata, name: 'two-models' },
  relations: [
    { type: 'dependsOn', targetRef: 'modelkit:default/support-sentiment' },
    { type: 'dependsOn', targetRef: 'modelkit:default/review-sentiment' },
    { type: 'dependsOn', targetRef: 'resource:default/db' },
  ],
};

function renderField(options: {
  formData?: Record<string, unknown>;
  value?: string;
  rawErrors?: string[];
  api?: FixtureModelKitApi;
}) {
  const onChange = jest.fn();
  const api =
    options.api ?? new FixtureModelKitApi({ policyStatuses, pageSize: 10 });
  const listVersions = jest.spyOn(api, 'listVersions');
  const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
  const props = {
    formContext: { formData: options.formData ?? {} },
    formData: options.value,
    onChange,
    required: true,
    rawErrors: options.rawErrors ?? [],
    schema: { title: 'ModelKit version', type: 'string' },
    uiSchema: {},
    idSchema: { $id: 'root_version' },
  } as unknown as FieldExtensionComponentProps<string>;
  renderInTestApp(<ModelKitVersionPickerField {...props} />, {
    apis: [
      [modelkitApiRef, api],
      [
        catalogApiRef,
        catalogApiMock({
          entities: [servingComponent, serviceComponent, twoModelKitsComponent],
        }),
      ],
    ],
  });
  return { onChange, listVersions, getPolicyStatus };
}

const POLICY_LABEL: Record<string, string> = {
  passed: 'Policy passed',
  failed: 'Policy failed',
  missing: 'Evidence missing',
};

describe('ModelKitVersionPickerField', () => {
  it("lists the versions of the chosen Component's ModelKit with their policy badges and returns the digest", async () => {
    const { onChange, listVersions, getPolicyStatus } = renderField({
      formData: { component: 'component:default/support-sentiment-api' },
    });
    const select = await screen.findByRole('button', {
      name: /ModelKit version/,
    });
    expect(
      await screen.findByText(
        /Versions of modelkit:default\/support-sentiment/,
      ),
    ).toBeInTheDocument();
    fireEvent.mouseDown(select);
    const listbox = await screen.findByRole('listbox');
    const options = within(listbox).getAllByRole('option');
    expect(options.map(o => o.getAttribute('data-digest'))).toEqual([
      digests.v120,
      digests.v110,
      digests.v100,
      digests.v090,
      digests.v010,
    ]);
    expect(options[1]).toHaveTextContent('v1.1.0');
    for (const [index, digest] of [
      digests.v120,
      digests.v110,
      digests.v100,
    ].entries()) {
      const status = policyStatuses.find(p => p.digest === digest)!.status;
      expect(
        await within(options[index]).findByText(POLICY_LABEL[status]),
      ).toBeInTheDocument();
    }
    // One batched policy request for every version listed.
    expect(getPolicyStatus).toHaveBeenCalledTimes(1);
    expect(getPolicyStatus.mock.calls[0][1]).toHaveLength(5);
    expect(listVersions.mock.calls[0][0]).toEqual({
      namespace: 'default',
      name: 'support-sentiment',
    });

    fireEvent.click(options[1]);
    expect(onChange).toHaveBeenCalledWith(digests.v110);
  });

  it('shows the chosen version by its tags and digest', async () => {
    renderField({
      formData: { component: 'component:default/support-sentiment-api' },
      value: digests.v100,
    });
    expect(
      await screen.findByText(`v1.0.0, stable (${digests.v100})`),
    ).toBeInTheDocument();
  });

  it('asks to pick a Component first', async () => {
    const { listVersions } = renderField({});
    expect(
      await screen.findByText('Pick a Component first.'),
    ).toBeInTheDocument();
    expect(listVersions).not.toHaveBeenCalled();
  });

  it('says when the Component depends on no ModelKit', async () => {
    renderField({ formData: { component: 'component:default/sentiment-api' } });
    expect(
      await screen.findByText(
        'component:default/sentiment-api depends on no ModelKit (spec.dependsOn).',
      ),
    ).toBeInTheDocument();
  });

  it('asks which ModelKit when the Component depends on several', async () => {
    renderField({ formData: { component: 'component:default/two-models' } });
    expect(
      await screen.findByText(
        'component:default/two-models depends on 2 ModelKits (modelkit:default/review-sentiment, modelkit:default/support-sentiment): pick one under ModelKit.',
      ),
    ).toBeInTheDocument();
  });

  it('uses the ModelKit of the form when one is picked', async () => {
    const { listVersions } = renderField({
      formData: {
        component: 'component:default/two-models',
        modelKit: 'modelkit:default/review-sentiment',
      },
    });
    await screen.findByText(/Versions of modelkit:default\/review-sentiment/);
    expect(listVersions.mock.calls[0][0]).toEqual({
      namespace: 'default',
      name: 'review-sentiment',
    });
  });

  it('says when the Component is not in the catalog', async () => {
    renderField({ formData: { component: 'component:default/gone' } });
    expect(
      await screen.findByText('component:default/gone is not in the catalog.'),
    ).toBeInTheDocument();
  });

  it('shows the validation errors of the form', async () => {
    renderField({
      formData: { component: 'component:default/support-sentiment-api' },
      rawErrors: ['must be a digest'],
    });
    expect(await screen.findByText('must be a digest')).toBeInTheDocument();
  });
});

describe('validateModelKitVersion', () => {
  function errorsOf(value: unknown): string[] {
    const errors: string[] = [];
    validateModelKitVersion(value, { addError: m => errors.push(m) });
    return errors;
  }

  it('accepts a digest and leaves an empty value to the required check', () => {
    expect(errorsOf(digests.v110)).toEqual([]);
    expect(errorsOf(undefined)).toEqual([]);
    expect(errorsOf('')).toEqual([]);
  });

  it('refuses a tag, a short digest or other input with a message naming it', () => {
    expect(errorsOf('v1.1.0')).toEqual([
      '"v1.1.0" is not a ModelKit version digest: pick a version from the list (sha256:<64 hex digits>).',
    ]);
    expect(errorsOf('sha256:abc')).toHaveLength(1);
    expect(errorsOf(`${digests.v110.toUpperCase()}`)).toHaveLength(1);
    expect(errorsOf(42)).toEqual([
      '"42" is not a ModelKit version digest: pick a version from the list (sha256:<64 hex digits>).',
    ]);
  });
});
