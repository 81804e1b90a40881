import {
  ACTION_USERS,
  ActionsTestBackend,
  startActionsTestBackend,
} from './__testUtils__/startActionsTestBackend';

// The action through the plugin's actions endpoint of a backend with the real catalog,
// permission backend and registry, against the REST API of the same backend.

jest.setTimeout(180_000);

const LATEST = (name: string) =>
  `/api/modelkit/modelkits/default/${name}/policy/latest`;

describe('list-modelkits', () => {
  let api: ActionsTestBackend;

  beforeAll(async () => {
    api = await startActionsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  const list = (input: object, user: string = ACTION_USERS.reader) =>
    api.invoke('list-modelkits', input, user);

  it('lists the ModelKits with the newest version and policy status the REST API gives', async () => {
    const response = await list({});
    expect(response.status).toBe(200);
    const [churn, secret] = await Promise.all(
      ['churn', 'secret'].map(async name => {
        const rest = await api.rest('GET', LATEST(name), ACTION_USERS.reader);
        expect(rest.status).toBe(200);
        return rest.body;
      }),
    );
    expect(churn.version.digest).toBe(api.artifacts.v2.digest);
    expect(churn.policy.status).toBe('passed');
    expect(secret.policy.status).toBe('missing');
    expect(response.body.output).toEqual({
      items: [
        {
          entityRef: 'modelkit:default/churn',
          title: 'churn model',
          owner: 'group:nlp-team',
          lifecycle: 'production',
          framework: 'pytorch',
          repository: `${api.registry.host}/team/churn`,
          latest: churn,
        },
        {
          entityRef: 'modelkit:default/secret',
          title: 'secret model',
          owner: 'group:security-team',
          lifecycle: 'production',
          framework: 'sklearn',
          repository: `${api.registry.host}/team/secret`,
          latest: secret,
        },
      ],
      totalItems: 2,
    });
  });

  it('filters by owner, framework, name and policy status', async () => {
    const names = async (input: object) => {
      const response = await list(input);
      expect(response.status).toBe(200);
      return response.body.output.items.map(
        (item: { entityRef: string }) => item.entityRef,
      );
    };
    expect(await names({ owner: 'group:security-team' })).toEqual([
      'modelkit:default/secret',
    ]);
    // The kind of an owner defaults to Group.
    expect(await names({ owner: 'nlp-team' })).toEqual([
      'modelkit:default/churn',
    ]);
    expect(await names({ framework: 'PyTorch' })).toEqual([
      'modelkit:default/churn',
    ]);
    expect(await names({ nameContains: 'ECR' })).toEqual([
      'modelkit:default/secret',
    ]);
    expect(await names({ policyStatus: ['passed'] })).toEqual([
      'modelkit:default/churn',
    ]);
    expect(await names({ policyStatus: ['failed', 'missing'] })).toEqual([
      'modelkit:default/secret',
    ]);
  });

  it('answers a page at a time', async () => {
    const first = await list({ limit: 1 });
    expect(first.body.output.items).toHaveLength(1);
    expect(first.body.output.items[0].entityRef).toBe('modelkit:default/churn');
    expect(first.body.output.nextCursor).toEqual(expect.any(String));
    const second = await list({
      limit: 1,
      cursor: first.body.output.nextCursor,
    });
    expect(second.body.output.items.map((i: any) => i.entityRef)).toEqual([
      'modelkit:default/secret',
    ]);
  });

  it('names the bad field of its input', async () => {
    const status = await list({ policyStatus: ['green'] });
    expect(status.status).toBe(400);
    expect(status.body.error.message).toBe(
      'Invalid input: policyStatus must be one of passed, failed, missing, got "green"',
    );
    const limit = await list({ limit: 0 });
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toBe(
      'Invalid input: limit must be an integer from 1 to 50',
    );
  });

  it('is refused exactly where the REST API is: per ModelKit for a user without kitstage.modelkit.read', async () => {
    const rest = await api.rest('GET', LATEST('churn'), ACTION_USERS.viewer);
    expect(rest.status).toBe(403);
    const response = await list({ nameContains: 'churn' }, ACTION_USERS.viewer);
    expect(response.status).toBe(200);
    expect(response.body.output.items).toEqual([
      expect.objectContaining({
        entityRef: 'modelkit:default/churn',
        latestError: {
          name: 'NotAllowedError',
          message: rest.body.error.message,
        },
      }),
    ]);
    // A status filter keeps only ModelKits whose status could be read.
    const filtered = await list(
      { policyStatus: ['passed'] },
      ACTION_USERS.viewer,
    );
    expect(filtered.body.output.items).toEqual([]);
  });

  it('lists nothing to a user who may not read the catalog, as the catalog API does', async () => {
    const rest = await api.rest(
      'GET',
      '/api/catalog/entities/by-query?filter=kind=modelkit',
      ACTION_USERS.outsider,
    );
    expect(rest.status).toBe(200);
    expect(rest.body.items).toEqual([]);
    const response = await list({}, ACTION_USERS.outsider);
    expect(response.status).toBe(200);
    expect(response.body.output.items).toEqual([]);
  });
});
