import { DeploymentHealthStatus } from './DeploymentHealth';
import {
  compareHealthStatus,
  HealthCell,
  rollUpHealth,
  rollUpHealthByCluster,
  rollUpHealthByService,
  worstHealthStatus,
} from './rollUpHealth';

const zero = {
  degraded: 0,
  suspended: 0,
  progressing: 0,
  unknown: 0,
  healthy: 0,
  'not-deployed': 0,
};

describe('worstHealthStatus', () => {
  it.each<[DeploymentHealthStatus[], DeploymentHealthStatus]>([
    [[], 'not-deployed'],
    [['not-deployed', 'not-deployed'], 'not-deployed'],
    [['not-deployed', 'healthy'], 'healthy'],
    [['healthy', 'unknown'], 'unknown'],
    [['unknown', 'progressing'], 'progressing'],
    [['progressing', 'suspended'], 'suspended'],
    [['suspended', 'degraded', 'healthy'], 'degraded'],
  ])('worst of %j is %s', (statuses, expected) => {
    expect(worstHealthStatus(statuses)).toBe(expected);
  });

  it('sorts worst first', () => {
    const statuses: DeploymentHealthStatus[] = [
      'healthy',
      'not-deployed',
      'degraded',
      'unknown',
      'progressing',
      'suspended',
    ];
    expect([...statuses].sort(compareHealthStatus)).toEqual([
      'degraded',
      'suspended',
      'progressing',
      'unknown',
      'healthy',
      'not-deployed',
    ]);
  });
});

describe('rollUpHealth', () => {
  it('counts every status and names the worst members', () => {
    expect(
      rollUpHealth([
        { key: 'prod-us', status: 'degraded' },
        { key: 'prod-eu', status: 'healthy' },
        { key: 'edge', status: 'degraded' },
        { key: 'staging', status: 'progressing' },
      ]),
    ).toEqual({
      status: 'degraded',
      counts: { ...zero, degraded: 2, healthy: 1, progressing: 1 },
      total: 4,
      worst: ['edge', 'prod-us'],
    });
  });

  it('is not-deployed with no members', () => {
    expect(rollUpHealth([])).toEqual({
      status: 'not-deployed',
      counts: zero,
      total: 0,
      worst: [],
    });
  });

  it('counts a value outside the union as unknown', () => {
    expect(
      rollUpHealth([
        { key: 'a', status: 'healthy' },
        { key: 'b', status: 'exploded' as DeploymentHealthStatus },
      ]),
    ).toMatchObject({ status: 'unknown', counts: { unknown: 1, healthy: 1 } });
  });
});

describe('matrix roll-ups', () => {
  const cells: HealthCell[] = [
    { service: 'support-sentiment-api', cluster: 'prod-eu', status: 'healthy' },
    {
      service: 'support-sentiment-api',
      cluster: 'prod-us',
      status: 'progressing',
    },
    {
      service: 'support-sentiment-api',
      cluster: 'staging',
      status: 'degraded',
    },
    { service: 'fraud-scoring', cluster: 'prod-eu', status: 'not-deployed' },
    { service: 'fraud-scoring', cluster: 'prod-us', status: 'suspended' },
    { service: 'fraud-scoring', cluster: 'staging', status: 'unknown' },
    {
      service: 'review-sentiment-service',
      cluster: 'prod-eu',
      status: 'progressing',
    },
    {
      service: 'review-sentiment-service',
      cluster: 'staging',
      status: 'progressing',
    },
  ];

  it('rolls up per service across clusters', () => {
    const byService = rollUpHealthByService(cells);
    expect([...byService.keys()]).toEqual([
      'fraud-scoring',
      'review-sentiment-service',
      'support-sentiment-api',
    ]);
    expect(byService.get('support-sentiment-api')).toEqual({
      status: 'degraded',
      counts: { ...zero, healthy: 1, progressing: 1, degraded: 1 },
      total: 3,
      worst: ['staging'],
    });
    expect(byService.get('fraud-scoring')).toEqual({
      status: 'suspended',
      counts: { ...zero, 'not-deployed': 1, suspended: 1, unknown: 1 },
      total: 3,
      worst: ['prod-us'],
    });
    expect(byService.get('review-sentiment-service')).toMatchObject({
      status: 'progressing',
      worst: ['prod-eu', 'staging'],
    });
  });

  it('rolls up per cluster across services', () => {
    const byCluster = rollUpHealthByCluster(cells);
    expect([...byCluster.keys()]).toEqual(['prod-eu', 'prod-us', 'staging']);
    expect(byCluster.get('prod-eu')).toEqual({
      status: 'progressing',
      counts: { ...zero, healthy: 1, progressing: 1, 'not-deployed': 1 },
      total: 3,
      worst: ['review-sentiment-service'],
    });
    expect(byCluster.get('staging')).toMatchObject({
      status: 'degraded',
      counts: { ...zero, degraded: 1, unknown: 1, progressing: 1 },
      worst: ['support-sentiment-api'],
    });
  });
});
