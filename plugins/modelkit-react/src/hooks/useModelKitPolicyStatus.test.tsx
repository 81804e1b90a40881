import { TestApiProvider } from '@backstage/frontend-test-utils';
import {
  ModelKitEntityName,
  ModelKitPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { modelkitApiRef } from '../api';
import {
  attestationApiData,
  digests,
  FixtureModelKitApi,
  noEvidenceStatus,
  repository,
} from '../testUtils';
import { useModelKitPolicyStatus } from './useModelKitPolicyStatus';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>(r => {
    resolve = r;
  });
  return { promise, resolve };
}

const sentiment = { namespace: 'default', name: 'support-sentiment' };
const fraud = { namespace: 'risk', name: 'fraud-detector' };

function renderStatus(
  api: FixtureModelKitApi,
  initialProps: { entity: ModelKitEntityName; digests: string[] },
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider apis={[[modelkitApiRef, api]]}>{children}</TestApiProvider>
  );
  return renderHook(
    (props: { entity: ModelKitEntityName; digests: string[] }) =>
      useModelKitPolicyStatus(props.entity, props.digests),
    { wrapper, initialProps },
  );
}

describe('useModelKitPolicyStatus', () => {
  it('asks once for each digest, also when the list grows or repeats', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
    const { result, rerender } = renderStatus(api, {
      entity: sentiment,
      digests: [digests.v120, digests.v110, digests.v120],
    });

    expect(result.current.pending.has(digests.v120)).toBe(true);
    await waitFor(() => expect(result.current.statuses.size).toBe(2));
    expect(result.current.statuses.get(digests.v120)?.status).toBe('failed');
    expect(result.current.lifecycle).toBe('production');
    expect(result.current.pending.size).toBe(0);

    rerender({
      entity: sentiment,
      digests: [digests.v120, digests.v110, digests.v100],
    });
    await waitFor(() => expect(result.current.statuses.size).toBe(3));
    expect(getPolicyStatus.mock.calls.map(call => call[1])).toEqual([
      [digests.v120, digests.v110],
      [digests.v100],
    ]);
  });

  it('drops the answer for a ModelKit the page no longer shows', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const late = deferred<ModelKitPolicyStatusResponse>();
    jest
      .spyOn(api, 'getPolicyStatus')
      .mockImplementationOnce(() => late.promise)
      .mockResolvedValueOnce({
        repository: 'registry.example.com/risk/fraud-detector',
        lifecycle: 'experimental',
        items: [{ ...noEvidenceStatus(digests.v010), applies: false }],
      });
    const { result, rerender } = renderStatus(api, {
      entity: sentiment,
      digests: [digests.v120],
    });

    rerender({ entity: fraud, digests: [digests.v010] });
    await waitFor(() => expect(result.current.lifecycle).toBe('experimental'));
    await act(async () => {
      late.resolve({
        repository,
        lifecycle: 'production',
        items: [noEvidenceStatus(digests.v120)],
      });
    });

    expect(result.current.lifecycle).toBe('experimental');
    expect([...result.current.statuses.keys()]).toEqual([digests.v010]);
  });

  it('reports a failed batch and asks again on retry', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const getPolicyStatus = jest
      .spyOn(api, 'getPolicyStatus')
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    const { result, rerender } = renderStatus(api, {
      entity: sentiment,
      digests: [digests.v120],
    });

    await waitFor(() =>
      expect(result.current.error?.message).toBe('Failed to fetch'),
    );
    expect(result.current.pending.size).toBe(0);
    // A failed digest is not asked for again on every render.
    rerender({ entity: sentiment, digests: [digests.v120] });
    expect(getPolicyStatus).toHaveBeenCalledTimes(1);

    act(() => result.current.retry());
    await waitFor(() =>
      expect(result.current.statuses.get(digests.v120)?.status).toBe('failed'),
    );
    expect(result.current.error).toBeUndefined();
    expect(getPolicyStatus).toHaveBeenCalledTimes(2);
  });

  it('asks for nothing while there are no digests', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const getPolicyStatus = jest.spyOn(api, 'getPolicyStatus');
    const { result } = renderStatus(api, { entity: sentiment, digests: [] });

    await act(async () => {});
    expect(getPolicyStatus).not.toHaveBeenCalled();
    expect(result.current.statuses.size).toBe(0);
  });
});
