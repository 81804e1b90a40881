import { TestApiProvider } from '@backstage/frontend-test-utils';
import {
  FleetDeploymentsQuery,
  FleetDeploymentsResponse,
} from '@kitstage/plugin-modelkit-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { modelkitDeploymentsApiRef } from '../api';
import {
  FixtureModelKitDeploymentsApi,
  fleetResponse,
  fleetServices,
} from '../testUtils';
import { useFleetDeployments } from './useFleetDeployments';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

function renderFleet(
  api: FixtureModelKitDeploymentsApi,
  query: FleetDeploymentsQuery,
  seen: boolean[] = [],
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[modelkitDeploymentsApiRef, api]]}>
      {children}
    </TestApiProvider>
  );
  return renderHook(
    (props: { query: FleetDeploymentsQuery }) => {
      const state = useFleetDeployments(props.query);
      seen.push(state.loading);
      return state;
    },
    { wrapper, initialProps: { query } },
  );
}

describe('useFleetDeployments', () => {
  it('loads again only when the filters change by value', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
    const { result, rerender } = renderFleet(api, { status: ['degraded'] });

    await waitFor(() => expect(result.current.value).toBeDefined());
    rerender({ query: { status: ['degraded'] } });
    rerender({ query: { status: ['degraded'], owner: undefined } });
    expect(getFleetDeployments).toHaveBeenCalledTimes(1);

    rerender({ query: { status: ['healthy'] } });
    await waitFor(() => expect(getFleetDeployments).toHaveBeenCalledTimes(2));
    expect(getFleetDeployments).toHaveBeenLastCalledWith({
      status: ['healthy'],
    });
  });

  it('keeps the previous matrix while new filters load, and drops a late answer for old filters', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    const rows = fleetServices(6);
    const late = deferred<FleetDeploymentsResponse>();
    const next = deferred<FleetDeploymentsResponse>();
    jest
      .spyOn(api, 'getFleetDeployments')
      .mockResolvedValueOnce(fleetResponse(rows))
      .mockImplementationOnce(() => late.promise)
      .mockImplementationOnce(() => next.promise);
    const { result, rerender } = renderFleet(api, {});

    await waitFor(() => expect(result.current.value?.total).toBe(6));
    rerender({ query: { owner: ['nlp-team'] } });
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.value?.total).toBe(6);

    rerender({ query: { owner: ['risk-team'] } });
    await act(async () => {
      next.resolve(fleetResponse(rows, { owner: ['risk-team'] }));
    });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.value?.services.map(s => s.entity.name)).toEqual([
      'svc-001',
      'svc-004',
    ]);

    await act(async () => {
      late.resolve(fleetResponse(rows, { owner: ['nlp-team'] }));
    });
    expect(result.current.value?.services.map(s => s.entity.name)).toEqual([
      'svc-001',
      'svc-004',
    ]);
  });

  it('reports a failure and loads again on retry', async () => {
    const api = new FixtureModelKitDeploymentsApi();
    jest
      .spyOn(api, 'getFleetDeployments')
      .mockRejectedValueOnce(new Error('Failed to fetch'));
    const { result } = renderFleet(api, {});

    await waitFor(() =>
      expect(result.current.error?.message).toBe('Failed to fetch'),
    );
    act(() => result.current.retry());
    await waitFor(() => expect(result.current.value?.total).toBe(12));
    expect(result.current.error).toBeUndefined();
  });

  describe('while the page shows', () => {
    const setVisibility = (state: 'visible' | 'hidden') => {
      Object.defineProperty(document, 'visibilityState', {
        configurable: true,
        get: () => state,
      });
      document.dispatchEvent(new Event('visibilitychange'));
    };

    beforeEach(() => jest.useFakeTimers());
    afterEach(() => {
      jest.useRealTimers();
      setVisibility('visible');
    });

    it('asks again every 2 s without showing progress, and shows the newer matrix', async () => {
      const api = new FixtureModelKitDeploymentsApi();
      const getFleetDeployments = jest
        .spyOn(api, 'getFleetDeployments')
        .mockResolvedValueOnce(fleetResponse(fleetServices(6)))
        .mockResolvedValueOnce(fleetResponse(fleetServices(8)));
      const seen: boolean[] = [];
      const { result } = renderFleet(api, { status: ['degraded'] }, seen);
      await waitFor(() => expect(result.current.value?.total).toBe(6));
      const loadingBefore = seen.filter(Boolean).length;

      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      await waitFor(() => expect(result.current.value?.total).toBe(8));
      expect(getFleetDeployments).toHaveBeenCalledTimes(2);
      expect(getFleetDeployments).toHaveBeenLastCalledWith({
        status: ['degraded'],
      });
      // The refresh never showed progress.
      expect(seen.filter(Boolean).length).toBe(loadingBefore);
    });

    it('keeps asking for the page it shows, and loads another page when asked', async () => {
      const api = new FixtureModelKitDeploymentsApi({ fleetSize: 30 });
      const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
      const { result, rerender } = renderFleet(api, {
        owner: ['nlp-team'],
        limit: 4,
        offset: 4,
      });
      await waitFor(() => expect(result.current.value).toBeDefined());
      const names = () =>
        result.current.value?.services.map(s => s.entity.name);
      // nlp-team owns every third service: svc-000, svc-003, …, svc-027.
      expect(names()).toEqual(['svc-012', 'svc-015', 'svc-018', 'svc-021']);
      expect(result.current.value?.page).toEqual({
        offset: 4,
        limit: 4,
        matched: 10,
      });

      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      expect(getFleetDeployments).toHaveBeenCalledTimes(2);
      expect(getFleetDeployments).toHaveBeenLastCalledWith({
        owner: ['nlp-team'],
        limit: 4,
        offset: 4,
      });

      rerender({ query: { owner: ['nlp-team'], limit: 4, offset: 8 } });
      await waitFor(() => expect(names()).toEqual(['svc-024', 'svc-027']));
      expect(getFleetDeployments).toHaveBeenLastCalledWith({
        owner: ['nlp-team'],
        limit: 4,
        offset: 8,
      });
      expect(result.current.value?.total).toBe(10);
    });

    it('keeps the shown matrix when a refresh fails', async () => {
      const api = new FixtureModelKitDeploymentsApi();
      jest
        .spyOn(api, 'getFleetDeployments')
        .mockResolvedValueOnce(fleetResponse(fleetServices(6)))
        .mockRejectedValueOnce(new Error('Failed to fetch'))
        .mockResolvedValueOnce(fleetResponse(fleetServices(7)));
      const { result } = renderFleet(api, {});
      await waitFor(() => expect(result.current.value?.total).toBe(6));
      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      expect(result.current.value?.total).toBe(6);
      expect(result.current.error).toBeUndefined();
      await act(async () => {
        jest.advanceTimersByTime(2000);
      });
      await waitFor(() => expect(result.current.value?.total).toBe(7));
    });

    it('does not ask while the page is hidden, and asks as soon as it shows again', async () => {
      const api = new FixtureModelKitDeploymentsApi();
      const getFleetDeployments = jest.spyOn(api, 'getFleetDeployments');
      const { result } = renderFleet(api, {});
      await waitFor(() => expect(result.current.value).toBeDefined());
      setVisibility('hidden');
      await act(async () => {
        jest.advanceTimersByTime(10_000);
      });
      expect(getFleetDeployments).toHaveBeenCalledTimes(1);
      await act(async () => setVisibility('visible'));
      expect(getFleetDeployments).toHaveBeenCalledTimes(2);
    });
  });
});
