import {
  expectSameAnswers,
  sameRefusals,
  SameQuestion,
} from './__testUtils__/expectSameAnswers';
import {
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend and registry (one version signed by the configured key), against the REST
// API of the same backend.

jest.setTimeout(180_000);

const evaluation = (
  version: string,
  environment = 'production',
  component = 'churn-predictor',
): SameQuestion => ({
  action: 'evaluate-modelkit-promotion',
  input: { name: component, environment, version },
  method: 'POST',
  path: `/api/modelkit/components/default/${component}/promotions/evaluate`,
  body: { environment, version },
});

describe('evaluate-modelkit-promotion', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('allows a version that passes every gate, as the REST API does', async () => {
    const { body } = await expectSameAnswers(api, evaluation('v2'));
    expect(body).toMatchObject({ allowed: true, refusals: [] });
    expect(body.target).toMatchObject({
      modelKitEntityRef: 'modelkit:default/churn',
      digest: api.artifacts.v2.digest,
    });
  });

  it('refuses a version that misses the policy, with the reason the REST API gives', async () => {
    const { body } = await expectSameAnswers(api, evaluation('v1'));
    expect(body.allowed).toBe(false);
    expect(body.refusals).toEqual([
      expect.stringMatching(/^Attestation policy "production" is missing/),
    ]);
  });

  it('answers bad input and an unknown Component as the REST API does', async () => {
    const bad = await expectSameAnswers(api, evaluation('v2', 'Prod'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'Invalid request body: environment must be an environment name',
    );
    const unknown = await expectSameAnswers(
      api,
      evaluation('v2', 'production', 'nope'),
    );
    expect(unknown.status).toBe(404);
  });

  it('is refused exactly where the REST API is', async () => {
    expect(await sameRefusals(api, evaluation('v2'))).toEqual({
      outsider: 404,
      viewer: 403,
    });
  });
});
