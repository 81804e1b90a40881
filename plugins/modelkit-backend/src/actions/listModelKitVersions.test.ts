import {
  expectSameAnswers,
  sameRefusals,
} from './__testUtils__/expectSameAnswers';
import {
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend and registry, against the REST API of the same backend.

jest.setTimeout(180_000);

const VERSIONS = '/api/modelkit/modelkits/default/churn/versions';

describe('list-modelkit-versions', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers the versions the REST API lists, newest first', async () => {
    const { body } = await expectSameAnswers(api, {
      action: 'list-modelkit-versions',
      input: { name: 'churn' },
      method: 'GET',
      path: VERSIONS,
    });
    expect(body.items.map((v: { digest: string }) => v.digest)).toEqual([
      api.artifacts.v2.digest,
      api.artifacts.v1.digest,
    ]);
  });

  it('pages as the REST API does', async () => {
    const first = await expectSameAnswers(api, {
      action: 'list-modelkit-versions',
      input: { namespace: 'default', name: 'churn', limit: 1 },
      method: 'GET',
      path: `${VERSIONS}?limit=1`,
    });
    expect(first.body.items).toHaveLength(1);
    const cursor = first.body.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const second = await expectSameAnswers(api, {
      action: 'list-modelkit-versions',
      input: { name: 'churn', limit: 1, cursor },
      method: 'GET',
      path: `${VERSIONS}?limit=1&cursor=${encodeURIComponent(cursor)}`,
    });
    expect(second.body.items[0].digest).toBe(api.artifacts.v1.digest);
  });

  it('names the bad field of its input', async () => {
    const limit = await api.invoke(
      'list-modelkit-versions',
      { name: 'churn', limit: 101 },
      'user:default/reader',
    );
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toBe(
      'Invalid input: limit must be an integer from 1 to 100',
    );
    const namespace = await api.invoke(
      'list-modelkit-versions',
      { namespace: 'not a namespace', name: 'churn' },
      'user:default/reader',
    );
    expect(namespace.status).toBe(400);
    expect(namespace.body.error.message).toMatch(
      /^Invalid input: namespace "not a namespace" is not a valid entity namespace/,
    );
  });

  it('answers an unknown ModelKit as the REST API does', async () => {
    const { status } = await expectSameAnswers(api, {
      action: 'list-modelkit-versions',
      input: { name: 'nope' },
      method: 'GET',
      path: '/api/modelkit/modelkits/default/nope/versions',
    });
    expect(status).toBe(404);
  });

  it('is refused exactly where the REST API is', async () => {
    expect(
      await sameRefusals(api, {
        action: 'list-modelkit-versions',
        input: { name: 'churn' },
        method: 'GET',
        path: VERSIONS,
      }),
    ).toEqual({
      outsider: 404,
      viewer: 403,
    });
  });
});
