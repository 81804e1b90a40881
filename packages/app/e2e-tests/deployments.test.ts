import { test, expect } from './fixtures';
import { openPage, pollBackend } from './helpers';

// Deployment health of the demo services, read by the backend from the demo's loopback
// Kubernetes API simulators (prod-eu, prod-us, staging; see buildDemoFleet) plus dr-eu, a
// cluster that app-config.yaml configures with no simulator behind it, so it is down.

interface ClusterCard {
  cluster: { name: string; title?: string };
  status: string;
  error?: { kind: string; message: string };
  modelKits: Array<{ repository: string; digest?: string; tag?: string }>;
}

const SERVICE = 'support-sentiment-api';

test('the Deployments view shows each cluster, the ModelKit it runs, and the down cluster with its own error', async ({
  page,
  request,
}) => {
  const data = await pollBackend<{ clusters: ClusterCard[] }>(
    request,
    `/api/modelkit/deployments/components/default/${SERVICE}`,
    body => body.clusters?.length === 4,
  );
  const byName = new Map(data.clusters.map(c => [c.cluster.name, c]));
  // What the simulators serve (buildDemoFleet), and what dr-eu must give.
  expect(
    data.clusters.map(c => [c.cluster.name, c.status, c.error?.kind]),
  ).toEqual(
    expect.arrayContaining([
      ['prod-eu', 'healthy', undefined],
      ['prod-us', 'progressing', undefined],
      ['staging', 'degraded', undefined],
      ['dr-eu', 'unknown', 'unreachable'],
    ]),
  );

  await openPage(page, `/catalog/default/component/${SERVICE}/deployments`);
  await expect(page.getByText('Deployed on 3 of 4 clusters')).toBeVisible();

  const expected: Array<[string, string]> = [
    ['prod-eu', 'Healthy'],
    ['prod-us', 'Progressing'],
    ['staging', 'Degraded'],
  ];
  for (const [name, status] of expected) {
    const card = page.getByRole('region', { name, exact: true });
    await expect(card).toBeVisible();
    // The cluster's own chip comes first; live metrics from the simulated Prometheus add another.
    await expect(
      card.getByText('simulated', { exact: true }).first(),
    ).toBeVisible();
    await expect(card.getByText(status, { exact: true }).first()).toBeVisible();
    await expect(card).not.toContainText('Cluster unreachable');
    // The ModelKit the workload runs, by its digest (shown short) and tag.
    const running = byName.get(name)!.modelKits[0];
    expect(running.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    await expect(
      card.getByText(running.digest!.slice(0, 'sha256:'.length + 12), {
        exact: true,
      }),
    ).toBeVisible();
    await expect(card).toContainText('support-sentiment');
  }

  // The down cluster: its own error, next to the others' status.
  // Its title marks it as down (app-config.yaml: "dr-eu (down) (simulated)").
  const down = page.getByRole('region', { name: 'dr-eu (down)', exact: true });
  await expect(down).toBeVisible();
  await expect(down).toContainText('Cluster unreachable');
  await expect(down).toContainText('ECONNREFUSED 127.0.0.1:7109');
  await expect(down.getByText('Unknown', { exact: true })).toBeVisible();
  await expect(down).not.toContainText(
    'Nothing of this service was found on this cluster.',
  );
});

test('the Model fleet page shows every demo service by cluster, with the down cluster marked', async ({
  page,
  request,
}) => {
  await pollBackend<{ services?: unknown[]; clusters?: unknown[] }>(
    request,
    '/api/modelkit/deployments/fleet',
    body => (body.services?.length ?? 0) >= 3 && body.clusters?.length === 4,
  );
  await openPage(page, '/modelkit-fleet');
  await expect(
    page.getByRole('heading', { name: 'Model fleet' }),
  ).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Services by cluster' });
  await expect(matrix).toBeVisible();
  for (const service of [
    'support-sentiment-api',
    'review-sentiment-service',
    'fraud-scoring',
  ]) {
    await expect(
      matrix.getByRole('rowheader').getByRole('link', { name: service }),
    ).toBeVisible();
  }

  // Cells name the service, the cluster and the status.
  for (const label of [
    'support-sentiment-api on prod-eu: Healthy',
    'support-sentiment-api on prod-us: Progressing',
    'support-sentiment-api on staging: Degraded',
    'fraud-scoring on prod-us: Suspended',
    // An Argo Rollouts canary and a KServe LLMInferenceService.
    'fraud-scoring on prod-eu: Progressing',
    'review-sentiment-service on prod-us: Healthy',
    'support-sentiment-api on dr-eu (down): Unknown',
  ]) {
    await expect(matrix.getByRole('link', { name: label })).toBeVisible();
  }

  // dr-eu's column says why it is unknown; the running clusters have a status instead.
  const header = matrix.getByRole('columnheader', { name: /^dr-eu/ });
  await expect(header).toContainText('Cluster unreachable');
  await expect(
    matrix.getByRole('columnheader', { name: /^prod-eu/ }),
  ).not.toContainText('Cluster unreachable');
  await expect(
    page.getByText('1 cluster could not be read; its cells show Unknown'),
  ).toBeVisible();

  // A cell opens that service's Deployments view.
  await matrix
    .getByRole('link', { name: 'support-sentiment-api on prod-eu: Healthy' })
    .click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/support-sentiment-api\/deployments/,
  );
  await expect(
    page.getByRole('region', { name: 'prod-eu', exact: true }),
  ).toBeVisible();
});

test('an Argo Rollouts canary and a KServe LLMInferenceService show their health and the ModelKit each side runs', async ({
  page,
  request,
}) => {
  interface Card {
    cluster: { name: string };
    status: string;
    reasons: Array<{ code: string; message: string }>;
    workloads: Array<{ object: { kind: string }; modelUri?: string }>;
    modelKits: Array<{
      digest?: string;
      rolloutRole?: string;
      trafficPercent?: number;
    }>;
  }
  const cardOf = async (service: string, cluster: string) =>
    (
      await pollBackend<{ clusters: Card[] }>(
        request,
        `/api/modelkit/deployments/components/default/${service}`,
        body => body.clusters?.some(c => c.cluster.name === cluster),
      )
    ).clusters.find(c => c.cluster.name === cluster)!;

  const canary = await cardOf('fraud-scoring', 'prod-eu');
  expect(canary.status).toBe('progressing');
  expect(canary.workloads.map(w => w.object.kind)).toContain('Rollout');
  expect(
    canary.reasons.find(r => r.code === 'rollout-canary')?.message,
  ).toMatch(/at step 2 of 4 .*20 % of traffic to the canary/);
  expect(
    canary.modelKits.map(m => [m.rolloutRole, m.trafficPercent]).sort(),
  ).toEqual([
    ['canary', 20],
    ['stable', 80],
  ]);

  const llm = await cardOf('review-sentiment-service', 'prod-us');
  expect(llm.status).toBe('healthy');
  expect(llm.workloads[0]).toMatchObject({
    object: { kind: 'LLMInferenceService' },
    modelUri: expect.stringMatching(/^oci:\/\/registry\.example\.com\//),
  });
  expect(llm.modelKits[0].digest).toMatch(/^sha256:[0-9a-f]{64}$/);

  await openPage(page, '/catalog/default/component/fraud-scoring/deployments');
  const card = page.getByRole('region', { name: 'prod-eu', exact: true });
  await expect(
    card.getByText('Progressing', { exact: true }).first(),
  ).toBeVisible();
});
