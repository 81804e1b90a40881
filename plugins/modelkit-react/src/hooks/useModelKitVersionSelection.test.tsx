import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '../api';
import { digests, FixtureModelKitApi } from '../testUtils';
import { useModelKitVersionSelection } from './useModelKitVersionSelection';

const entity = {
  apiVersion: 'kitops.ml/v1alpha1',
  kind: 'ModelKit',
  metadata: { name: 'support-sentiment', namespace: 'default' },
  spec: {},
};

function SelectionView() {
  const selection = useModelKitVersionSelection();
  return (
    <dl>
      <dt>requested</dt>
      <dd data-testid="requested">{selection.requested ?? '-'}</dd>
      <dt>invalid</dt>
      <dd data-testid="invalid">{selection.invalidReference ?? '-'}</dd>
      <dt>selected</dt>
      <dd data-testid="selected">{selection.selected ?? '-'}</dd>
      <dt>reference</dt>
      <dd data-testid="reference">{selection.reference ?? '-'}</dd>
      <dt>pickable</dt>
      <dd data-testid="pickable">{String(selection.pickable)}</dd>
      <button onClick={() => selection.pickerProps.onChange(digests.v110)}>
        Pick v1.1.0
      </button>
    </dl>
  );
}

function renderSelection(path = '/') {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <SelectionView />
    </EntityProvider>,
    {
      apis: [[modelkitApiRef, new FixtureModelKitApi()]],
      initialRouteEntries: [path],
    },
  );
}

describe('useModelKitVersionSelection', () => {
  it('selects the newest version listed until one is picked', async () => {
    await renderSelection();
    await waitFor(() =>
      expect(screen.getByTestId('pickable')).toHaveTextContent('true'),
    );
    expect(screen.getByTestId('requested')).toHaveTextContent('-');
    expect(screen.getByTestId('selected')).toHaveTextContent(digests.v120);
    expect(screen.getByTestId('reference')).toHaveTextContent(digests.v120);

    await userEvent.click(screen.getByRole('button', { name: 'Pick v1.1.0' }));
    await waitFor(() =>
      expect(screen.getByTestId('requested')).toHaveTextContent(digests.v110),
    );
    expect(screen.getByTestId('reference')).toHaveTextContent(digests.v110);
  });

  it('loads nothing for a version in the address that is not a tag or a digest', async () => {
    await renderSelection(`/?version=${encodeURIComponent('../etc')}`);
    expect(await screen.findByTestId('invalid')).toHaveTextContent('../etc');
    expect(screen.getByTestId('selected')).toHaveTextContent('../etc');
    expect(screen.getByTestId('reference')).toHaveTextContent('-');
  });
});
