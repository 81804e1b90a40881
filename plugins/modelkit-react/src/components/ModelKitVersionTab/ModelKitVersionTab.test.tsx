import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { ModelKitVersionsState } from '../../hooks/useModelKitVersions';
import {
  ModelKitVersionTab,
  ModelKitVersionTabLabels,
} from './ModelKitVersionTab';

function versionsState(
  state: Partial<ModelKitVersionsState> = {},
): ModelKitVersionsState {
  return {
    loading: false,
    versions: [],
    skipped: [],
    truncated: false,
    hasMore: false,
    loadingMore: false,
    loadMore: () => {},
    retry: () => {},
    ...state,
  };
}

const labels: ModelKitVersionTabLabels = {
  invalidReference: reference => `"${reference}" is not a version`,
  loadError: 'Could not load the data',
  loadMoreError: 'Could not load older versions',
  noVersion: {
    versionsLoadError: 'Could not list the versions',
    emptyTitle: 'No versions yet',
    emptyDescription: 'Push one first.',
  },
};

describe('ModelKitVersionTab', () => {
  it('renders the pickers and the data once it has loaded', async () => {
    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState()}
        state={{ loading: false, value: 'the data' }}
        pickers={<span>the pickers</span>}
        labels={labels}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(await screen.findByText('the pickers')).toBeInTheDocument();
    expect(screen.getByText('Shows the data')).toBeInTheDocument();
  });

  it('warns about an invalid reference instead of showing the data', async () => {
    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState()}
        invalidReference="../etc"
        state={{ loading: false, value: 'the data' }}
        labels={labels}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(
      await screen.findByText('Error: "../etc" is not a version'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Shows the data')).toBeNull();
  });

  it('names the error of the data and of older versions', async () => {
    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState({ loadMoreError: new Error('page 2 failed') })}
        state={{ loading: false, error: new Error('registry down') }}
        labels={labels}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(
      await screen.findByText('Error: Could not load the data: registry down'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error: Could not load older versions: page 2 failed'),
    ).toBeInTheDocument();
  });

  it('does not show a failure to load older versions without a title for it', async () => {
    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState({ loadMoreError: new Error('page 2 failed') })}
        state={{ loading: false, value: 'the data' }}
        labels={{ ...labels, loadMoreError: undefined }}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(await screen.findByText('Shows the data')).toBeInTheDocument();
    expect(screen.queryByText(/page 2 failed/)).toBeNull();
  });

  it('says why there is no version to load', async () => {
    const { unmount } = await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState({ error: new Error('forbidden') })}
        state={{ loading: false }}
        labels={labels}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(
      await screen.findByText('Error: Could not list the versions: forbidden'),
    ).toBeInTheDocument();
    unmount();

    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState()}
        state={{ loading: false }}
        labels={labels}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(await screen.findByText('No versions yet')).toBeInTheDocument();
    expect(screen.getByText('Push one first.')).toBeInTheDocument();
  });

  it('shows progress until data that needs no version has loaded', async () => {
    await renderInTestApp(
      <ModelKitVersionTab<string>
        versions={versionsState({ error: new Error('forbidden') })}
        state={{ loading: false }}
        labels={{ ...labels, noVersion: undefined }}
      >
        {value => <p>Shows {value}</p>}
      </ModelKitVersionTab>,
    );
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(screen.queryByText(/forbidden/)).toBeNull();
  });
});
