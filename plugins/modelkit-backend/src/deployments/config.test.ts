import { ConfigReader } from '@backstage/config';
import { DEFAULT_DEPLOYMENTS_CONFIG, readDeploymentsConfig } from './config';

describe('readDeploymentsConfig', () => {
  it('defaults every key', () => {
    expect(readDeploymentsConfig(new ConfigReader({}))).toEqual(
      DEFAULT_DEPLOYMENTS_CONFIG,
    );
  });

  it('reads durations as objects or strings and counts', () => {
    expect(
      readDeploymentsConfig(
        new ConfigReader({
          kitstage: {
            deployments: {
              clusterTimeout: { seconds: 3 },
              cacheTtl: '1m',
              registryTimeout: { milliseconds: 1500 },
              clusterConcurrency: 2,
              requestConcurrency: 1,
              listPageSize: 100,
              maxListPages: 5,
              watch: false,
              watchIdleTimeout: '5m',
              watchStallTimeout: { seconds: 30 },
            },
          },
        }),
      ),
    ).toEqual({
      watch: false,
      watchIdleTimeoutMs: 300_000,
      watchStallTimeoutMs: 30_000,
      clusterTimeoutMs: 3000,
      cacheTtlMs: 60_000,
      registryTimeoutMs: 1500,
      clusterConcurrency: 2,
      requestConcurrency: 1,
      listPageSize: 100,
      maxListPages: 5,
    });
  });

  it.each([
    [
      { clusterTimeout: { seconds: 0 } },
      'kitstage.deployments.clusterTimeout must be longer than zero',
    ],
    [
      { cacheTtl: 'soon' },
      'kitstage.deployments.cacheTtl is not a valid duration',
    ],
    [
      { cacheTtl: { months: 1 } },
      'kitstage.deployments.cacheTtl is not a valid duration: the unit "months" is not supported here',
    ],
    [
      { watch: 'yes' },
      'kitstage.deployments.watch must be true or false, got "yes"',
    ],
    [
      { watchStallTimeout: { seconds: 0 } },
      'kitstage.deployments.watchStallTimeout must be longer than zero',
    ],
    [
      { listPageSize: 5 },
      'kitstage.deployments.listPageSize must be a whole number from 10 to 10000, got 5',
    ],
    [
      { requestConcurrency: 1.5 },
      'kitstage.deployments.requestConcurrency must be a whole number from 1 to 32, got 1.5',
    ],
  ])('rejects %j naming the key', (deployments, message) => {
    expect(() =>
      readDeploymentsConfig(new ConfigReader({ kitstage: { deployments } })),
    ).toThrow(message);
  });
});
