import {
  expectSameAnswers,
  sameRefusals,
} from './__testUtils__/expectSameAnswers';
import {
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend and registry (one version signed by the configured key), against the REST
// API of the same backend.

jest.setTimeout(180_000);

const ATTESTATIONS = (reference: string) =>
  `/api/modelkit/modelkits/default/churn/versions/${reference}/attestations`;

describe('get-modelkit-version-status', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers a verified version that passes its policy, as the REST API does', async () => {
    const { body } = await expectSameAnswers(api, {
      action: 'get-modelkit-version-status',
      input: { name: 'churn', reference: 'v2' },
      method: 'GET',
      path: ATTESTATIONS('v2'),
    });
    expect(body.digest).toBe(api.artifacts.v2.digest);
    expect(body.policy.status).toBe('passed');
  });

  it('answers why a version misses its policy, by digest too', async () => {
    const digest = api.artifacts.v1.digest;
    const { body } = await expectSameAnswers(api, {
      action: 'get-modelkit-version-status',
      input: { name: 'churn', reference: digest },
      method: 'GET',
      path: ATTESTATIONS(digest),
    });
    expect(body.policy.status).toBe('missing');
    expect(body.policy.rules).toEqual([
      expect.objectContaining({ id: 'scan-clean', status: 'missing' }),
    ]);
  });

  it('answers an unknown version as the REST API does', async () => {
    const { status } = await expectSameAnswers(api, {
      action: 'get-modelkit-version-status',
      input: { name: 'churn', reference: 'v9' },
      method: 'GET',
      path: ATTESTATIONS('v9'),
    });
    expect(status).toBe(404);
  });

  it('names the bad field of its input', async () => {
    const response = await api.invoke(
      'get-modelkit-version-status',
      { name: 'churn', reference: 'v1:latest' },
      'user:default/reader',
    );
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /^Invalid input: reference: must be a tag .* got "v1:latest"$/,
    );
  });

  it('is refused exactly where the REST API is', async () => {
    expect(
      await sameRefusals(api, {
        action: 'get-modelkit-version-status',
        input: { name: 'churn', reference: 'v2' },
        method: 'GET',
        path: ATTESTATIONS('v2'),
      }),
    ).toEqual({
      outsider: 404,
      viewer: 403,
    });
  });
});
