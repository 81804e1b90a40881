import {
  expectSameAnswers,
  sameRefusals,
} from './__testUtils__/expectSameAnswers';
import {
  ACTION_USERS,
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend, registry and Kubernetes backend, against the REST API of the same
// backend.

jest.setTimeout(180_000);

const LINEAGE = '/api/modelkit/modelkits/default/churn/lineage';

describe('get-modelkit-lineage', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers the lineage of the newest version, as the REST API does', async () => {
    const { body } = await expectSameAnswers(api, {
      action: 'get-modelkit-lineage',
      input: { name: 'churn' },
      method: 'GET',
      path: LINEAGE,
    });
    expect(body.entityRef).toBe('modelkit:default/churn');
    expect(body.version.digest).toBe(api.artifacts.v2.digest);
  });

  it('answers the lineage of one version with a depth, as the REST API does', async () => {
    const { body } = await expectSameAnswers(api, {
      action: 'get-modelkit-lineage',
      input: { name: 'churn', version: 'v1', maxDepth: 1 },
      method: 'GET',
      path: `${LINEAGE}?version=v1&maxDepth=1`,
    });
    expect(body.version.digest).toBe(api.artifacts.v1.digest);
    // The Component that serves the ModelKit is one hop away.
    expect(body.graph.edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          type: 'served-by',
          to: 'component:default/churn-predictor',
        }),
      ]),
    );
  });

  it('names the bad field of its input', async () => {
    const depth = await api.invoke(
      'get-modelkit-lineage',
      { name: 'churn', maxDepth: 99 },
      ACTION_USERS.reader,
    );
    expect(depth.status).toBe(400);
    expect(depth.body.error.message).toMatch(
      /^Invalid input: maxDepth must be an integer from 0 to \d+$/,
    );
    const version = await api.invoke(
      'get-modelkit-lineage',
      { name: 'churn', version: '../v1' },
      ACTION_USERS.reader,
    );
    expect(version.status).toBe(400);
    expect(version.body.error.message).toMatch(
      /^Invalid input: version: must be a tag/,
    );
  });

  it('is refused exactly where the REST API is', async () => {
    expect(
      await sameRefusals(api, {
        action: 'get-modelkit-lineage',
        input: { name: 'churn' },
        method: 'GET',
        path: LINEAGE,
      }),
    ).toEqual({
      outsider: 404,
      viewer: 403,
    });
  });
});
