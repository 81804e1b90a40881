import { renderTestApp } from '@backstage/frontend-test-utils';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { screen } from '@testing-library/react';
import { fineTunedModelKit, serviceComponent } from '../__fixtures__/modelkits';
import modelkitPlugin from './plugin';

// The cards are loaded lazily; the first load compiles their modules, which
// takes longer than the default wait of one second on a busy machine.
const LAZY_LOAD_TIMEOUT = 10_000;

describe('modelkit frontend plugin', () => {
  it('provides the ModelKit entity cards under stable ids', () => {
    expect(modelkitPlugin.pluginId).toBe('modelkit');
    expect(
      modelkitPlugin.getExtension('entity-card:modelkit/about'),
    ).toBeDefined();
    expect(
      modelkitPlugin.getExtension('entity-card:modelkit/relations'),
    ).toBeDefined();
  });

  it('fills the overview of a ModelKit entity page', async () => {
    renderTestApp({
      features: [modelkitPlugin],
      extensions: [createTestEntityPage({ entity: fineTunedModelKit })],
    });

    expect(
      await screen.findByRole(
        'heading',
        { name: 'About' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Relations' },
        { timeout: LAZY_LOAD_TIMEOUT },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'registry.example.com:5000/kitstage-demo/support-sentiment',
      ),
    ).toBeInTheDocument();
    // The base model appears in the About card and under "Built from". The
    // test entity page mounts the entity route at its root, so the targets of
    // these links are checked in the card tests instead.
    expect(
      screen.getAllByRole('link', { name: 'sentiment-base' }),
    ).toHaveLength(2);
  });

  it('adds nothing to the page of another kind', async () => {
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
