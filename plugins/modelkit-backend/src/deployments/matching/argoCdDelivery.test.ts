import { argoCdDelivery } from './argoCdDelivery';

describe('argoCdDelivery', () => {
  it('reads a single-source Application', () => {
    expect(
      argoCdDelivery({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'api', namespace: 'argocd' },
        spec: {
          source: {
            repoURL: 'https://git.example.com/api.git',
            path: 'deploy',
          },
        },
        status: {
          sync: { status: 'Synced', revision: 'abc123' },
          health: { status: 'Healthy' },
        },
      }),
    ).toEqual({
      controller: 'argocd',
      object: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: 'api',
      },
      suspended: false,
      syncStatus: 'Synced',
      appliedRevision: 'abc123',
      healthStatus: 'Healthy',
      repoURL: 'https://git.example.com/api.git',
      path: 'deploy',
    });
  });

  it('reads every source of a multi-source Application with the revision of each', () => {
    const delivery = argoCdDelivery({
      kind: 'Application',
      metadata: { name: 'api', namespace: 'argocd' },
      spec: {
        sources: [
          {
            repoURL: 'https://charts.example.com',
            chart: 'api',
            targetRevision: '1.4.0',
            helm: { valueFiles: ['$values/prod.yaml'] },
          },
          {
            repoURL: 'https://git.example.com/values.git',
            targetRevision: 'main',
            ref: 'values',
          },
          { repoURL: 'https://git.example.com/api.git', path: 'deploy/prod' },
          { path: 'no repository' },
        ],
      },
      status: {
        sync: { status: 'OutOfSync', revisions: ['1.4.0', 'abc123', 'def456'] },
      },
    });
    expect(delivery).toMatchObject({
      syncStatus: 'OutOfSync',
      appliedRevision: '1.4.0, abc123, def456',
      repoURL: 'https://git.example.com/api.git',
      path: 'deploy/prod',
      sources: [
        {
          repoURL: 'https://charts.example.com',
          chart: 'api',
          targetRevision: '1.4.0',
          revision: '1.4.0',
        },
        {
          repoURL: 'https://git.example.com/values.git',
          targetRevision: 'main',
          ref: 'values',
          revision: 'abc123',
        },
        {
          repoURL: 'https://git.example.com/api.git',
          path: 'deploy/prod',
          revision: 'def456',
        },
      ],
    });
  });

  it('reads partial Applications without failing', () => {
    for (const application of [
      { kind: 'Application' },
      { kind: 'Application', spec: { sources: 'x' }, status: { sync: 'x' } },
      { kind: 'Application', spec: { sources: [null, 1] } },
    ]) {
      expect(argoCdDelivery(application)).toMatchObject({
        controller: 'argocd',
        suspended: false,
      });
    }
  });

  it('reads when the Application was compared and its last operation, as Argo CD reports them', () => {
    const delivery = argoCdDelivery({
      kind: 'Application',
      metadata: { name: 'api', namespace: 'argocd' },
      status: {
        reconciledAt: '2026-12-07T10:05:00Z',
        operationState: {
          operation: {
            sync: { prune: false },
            initiatedBy: { username: 'user:default/alice' },
          },
          phase: 'Failed',
          message: 'one or more objects failed to apply',
          startedAt: '2026-12-07T10:00:00Z',
          finishedAt: '2026-12-07T10:00:04Z',
          syncResult: { revision: 'abc123' },
        },
      },
    });
    expect(delivery.reconciledAt).toBe('2026-12-07T10:05:00Z');
    expect(delivery.lastOperation).toEqual({
      phase: 'Failed',
      message: 'one or more objects failed to apply',
      startedAt: '2026-12-07T10:00:00Z',
      finishedAt: '2026-12-07T10:00:04Z',
      revision: 'abc123',
      initiatedBy: 'user:default/alice',
    });
  });

  it('keeps what the cluster reports about an operation within bounds, and drops what is not what Argo CD writes', () => {
    const delivery = argoCdDelivery({
      kind: 'Application',
      metadata: { name: 'api', namespace: 'argocd' },
      status: {
        reconciledAt: 'yesterday',
        operationState: {
          operation: { initiatedBy: { username: ['alice'] } },
          phase: 'Running',
          message: 'x'.repeat(5000),
          startedAt: 1733565600,
          finishedAt: '2026-13-45T99:00:00Z',
          syncResult: { revision: 'r'.repeat(1000) },
        },
      },
    });
    expect(delivery.reconciledAt).toBeUndefined();
    expect(delivery.lastOperation).toEqual({
      phase: 'Running',
      message: `${'x'.repeat(999)}…`,
      revision: `${'r'.repeat(255)}…`,
    });
    // Without a phase there is no operation to show.
    expect(
      argoCdDelivery({
        kind: 'Application',
        metadata: { name: 'api', namespace: 'argocd' },
        status: { operationState: { phase: 7, message: 'started' } },
      }).lastOperation,
    ).toBeUndefined();
  });
});
