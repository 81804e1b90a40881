import { TestApiProvider } from '@backstage/frontend-test-utils';
import {
  ModelKitEntityName,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { modelkitApiRef } from '../api';
import { FixtureModelKitApi, repository, versionSummaries } from '../testUtils';
import { useModelKitVersions } from './useModelKitVersions';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderVersions(api: FixtureModelKitApi, entity: ModelKitEntityName) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[modelkitApiRef, api]]}>{children}</TestApiProvider>
  );
  return renderHook(
    (props: { entity: ModelKitEntityName }) =>
      useModelKitVersions(props.entity, { pageSize: 3 }),
    { wrapper, initialProps: { entity } },
  );
}

const sentiment = { namespace: 'default', name: 'support-sentiment' };
const fraud = { namespace: 'risk', name: 'fraud-detector' };

describe('useModelKitVersions', () => {
  it('drops the answer for a ModelKit the page no longer shows', async () => {
    const api = new FixtureModelKitApi();
    const late = deferred<ModelKitVersionsResponse>();
    jest
      .spyOn(api, 'listVersions')
      .mockImplementationOnce(() => late.promise)
      .mockResolvedValueOnce({
        repository: 'registry.example.com/risk/fraud-detector',
        items: versionSummaries.slice(3),
      });
    const { result, rerender } = renderVersions(api, sentiment);

    rerender({ entity: fraud });
    await waitFor(() => expect(result.current.loading).toBe(false));
    await act(async () => {
      late.resolve({ repository, items: versionSummaries.slice(0, 3) });
    });

    expect(result.current.repository).toBe(
      'registry.example.com/risk/fraud-detector',
    );
    expect(result.current.versions.map(v => v.tags[0])).toEqual([
      'v0.9.0',
      'v0.1.0-rc1',
    ]);
  });

  it('asks for each further page once, however often it is asked to', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = jest.spyOn(api, 'listVersions');
    const { result } = renderVersions(api, sentiment);
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    act(() => {
      result.current.loadMore();
      result.current.loadMore();
    });
    await waitFor(() => expect(result.current.hasMore).toBe(false));

    expect(listVersions).toHaveBeenCalledTimes(2);
    expect(listVersions).toHaveBeenLastCalledWith(sentiment, {
      cursor: 'page-3',
      limit: 3,
    });
    expect(result.current.versions).toHaveLength(5);
  });

  it('lists a version once when a moved tag repeats it on the next page', async () => {
    const api = new FixtureModelKitApi();
    jest
      .spyOn(api, 'listVersions')
      .mockResolvedValueOnce({
        repository,
        items: versionSummaries.slice(0, 2),
        nextCursor: 'next',
        skipped: [{ tag: 'serve', reason: 'not a ModelKit' }],
      })
      .mockResolvedValueOnce({
        repository,
        items: versionSummaries.slice(1, 3),
        truncated: true,
      });
    const { result } = renderVersions(api, sentiment);
    await waitFor(() => expect(result.current.hasMore).toBe(true));

    act(() => result.current.loadMore());
    await waitFor(() => expect(result.current.hasMore).toBe(false));

    expect(result.current.versions.map(v => v.tags[0])).toEqual([
      'v1.2.0',
      'v1.1.0',
      'v1.0.0',
    ]);
    expect(result.current.skipped).toEqual([
      { tag: 'serve', reason: 'not a ModelKit' },
    ]);
    expect(result.current.truncated).toBe(true);
  });

  it('loads the first page again on retry after an error', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = api.listVersions.bind(api);
    jest
      .spyOn(api, 'listVersions')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'))
      .mockImplementation(listVersions);
    const { result } = renderVersions(api, sentiment);

    await waitFor(() =>
      expect(result.current.error?.message).toBe('Failed to fetch'),
    );
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.versions).toHaveLength(3));
    expect(result.current.error).toBeUndefined();
  });
});
