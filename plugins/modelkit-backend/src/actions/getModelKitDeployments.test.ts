import {
  expectSameAnswers,
  sameRefusals,
  withoutObservationTimes,
} from './__testUtils__/expectSameAnswers';
import {
  ACTION_USERS,
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend, registry and Kubernetes backend reading the loopback Kubernetes
// simulator, against the REST API of the same backend.

jest.setTimeout(180_000);

const DEPLOYMENTS = '/api/modelkit/deployments/modelkits/default/churn';

describe('get-modelkit-deployments', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers where each version runs and its health, as the REST API does', async () => {
    const { body } = await expectSameAnswers(
      api,
      {
        action: 'get-modelkit-deployments',
        input: { name: 'churn' },
        method: 'GET',
        path: DEPLOYMENTS,
      },
      ACTION_USERS.reader,
      { normalize: withoutObservationTimes },
    );
    expect(body.versions).toEqual([
      expect.objectContaining({
        digest: api.artifacts.v1.digest,
        tags: ['v1'],
        deployments: [
          expect.objectContaining({
            cluster: expect.objectContaining({ name: 'prod-eu' }),
            component: expect.objectContaining({
              ref: 'component:default/churn-predictor',
            }),
            status: 'healthy',
          }),
        ],
      }),
    ]);
  });

  it('answers where one digest runs', async () => {
    const rest = await api.rest('GET', DEPLOYMENTS, ACTION_USERS.reader);
    const running = await api.invoke(
      'get-modelkit-deployments',
      { name: 'churn', digest: api.artifacts.v1.digest },
      ACTION_USERS.reader,
    );
    expect(running.status).toBe(200);
    expect(running.body.output.versions).toEqual(rest.body.versions);
    const idle = await api.invoke(
      'get-modelkit-deployments',
      { name: 'churn', digest: api.artifacts.v2.digest },
      ACTION_USERS.reader,
    );
    expect(idle.body.output.versions).toEqual([]);
    expect(withoutObservationTimes(idle.body.output)).toEqual(
      withoutObservationTimes({ ...rest.body, versions: [] }),
    );
  });

  it('names the bad field of its input', async () => {
    const response = await api.invoke(
      'get-modelkit-deployments',
      { name: 'churn', digest: 'sha256:abc' },
      ACTION_USERS.reader,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(
      'Invalid input: digest must be a manifest digest (sha256: with 64 or sha512: with 128 lowercase hex digits), got "sha256:abc"',
    );
  });

  it('is refused exactly where the REST API is', async () => {
    expect(
      await sameRefusals(api, {
        action: 'get-modelkit-deployments',
        input: { name: 'churn' },
        method: 'GET',
        path: DEPLOYMENTS,
      }),
    ).toEqual({
      outsider: 404,
      viewer: 403,
    });
  });
});
