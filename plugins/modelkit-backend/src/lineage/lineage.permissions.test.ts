import {
  ApiTestBackend,
  startApiTestBackend,
  USERS,
} from '../__testUtils__/startApiTestBackend';

jest.setTimeout(180_000);

// The test permission policy of the API tests: the outsider may read no catalog entity, the
// viewer may read entities but not the registry data of any ModelKit, and the NLP team member
// may read the registry data of the ModelKits group:nlp-team owns only.
describe('lineage and model card authorization', () => {
  let api: ApiTestBackend;

  beforeAll(async () => {
    api = await startApiTestBackend();
  });
  afterAll(async () => {
    await api?.stop();
  });

  const routes = {
    lineage: '/api/modelkit/modelkits/default/sentiment/lineage',
    card: '/api/modelkit/modelkits/default/sentiment/versions/v2.0.0/model-card',
    component: '/api/modelkit/components/default/sentiment-service/lineage',
  };

  it('serves the reader', async () => {
    const lineage = await api.get(routes.lineage);
    expect(lineage.status).toBe(200);
    expect(lineage.body.version.reference).toBe('v2.0.0');
    const card = await api.get(routes.card);
    expect(card.status).toBe(200);
    expect(card.body).toMatchObject({
      markdown: '# 2',
      source: { type: 'docs-layer', path: 'README.md' },
    });
    expect((await api.get(routes.component)).status).toBe(200);
  });

  it('answers 404 to a caller who may not read the entity, as if it did not exist', async () => {
    for (const path of Object.values(routes)) {
      const response = await api.get(path, USERS.outsider);
      expect(response.status).toBe(404);
    }
  });

  it('answers 403 without kitstage.modelkit.read, naming the permission', async () => {
    const lineage = await api.get(routes.lineage, USERS.viewer);
    expect(lineage.status).toBe(403);
    expect(lineage.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'Not allowed to read the registry data of modelkit:default/sentiment (permission kitstage.modelkit.read)',
    });
    expect((await api.get(routes.card, USERS.viewer)).status).toBe(403);
    const component = await api.get(routes.component, USERS.viewer);
    expect(component.status).toBe(403);
    expect(component.body.error.message).toBe(
      'Not allowed to read the lineage of component:default/sentiment-service (permission kitstage.modelkit.read)',
    );
  });

  it('applies the conditional policy per ModelKit', async () => {
    expect((await api.get(routes.lineage, USERS.nlpMember)).status).toBe(200);
    const secret = await api.get(
      '/api/modelkit/modelkits/default/secret/lineage',
      USERS.nlpMember,
    );
    expect(secret.status).toBe(403);
  });

  it('answers 401 without credentials', async () => {
    for (const path of Object.values(routes)) {
      expect((await api.get(path, 'none')).status).toBe(401);
    }
  });
});
