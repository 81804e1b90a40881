import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { CompactFieldList } from './CompactFieldList';

describe('CompactFieldList', () => {
  it('ties each value to its label and leaves out fields without a value', async () => {
    await renderInTestApp(
      <CompactFieldList
        fields={[
          ['License', 'apache-2.0'],
          ['Base model', ''],
          ['Library', undefined],
          ['Tags', 'nlp, sentiment'],
        ]}
      />,
    );
    const terms = await screen.findAllByRole('term');
    expect(terms.map(term => term.textContent)).toEqual(['License', 'Tags']);
    expect(
      screen.getAllByRole('definition').map(value => value.textContent),
    ).toEqual(['apache-2.0', 'nlp, sentiment']);
    expect(screen.queryByText('Base model')).toBeNull();
  });

  it('renders nothing when no field has a value', async () => {
    await renderInTestApp(
      <div data-testid="holder">
        <CompactFieldList fields={[['Library', undefined]]} />
      </div>,
    );
    expect(await screen.findByTestId('holder')).toBeEmptyDOMElement();
  });
});
