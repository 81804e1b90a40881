import {
  ApiTestBackend,
  startApiTestBackend,
  USERS,
} from './__testUtils__/startApiTestBackend';

// Authorization with the real permission backend and a policy (see startApiTestBackend): the
// catalog's entity read permission decides whether a caller learns that a ModelKit exists,
// then kitstage.modelkit.read whether they may read its registry data.

jest.setTimeout(180_000);

const SECRET = '/api/modelkit/modelkits/default/secret';
const SENTIMENT = '/api/modelkit/modelkits/default/sentiment';

describe('authorization of the modelkit backend API', () => {
  let api: ApiTestBackend;

  beforeAll(async () => {
    api = await startApiTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  it('answers 404 to a user who may not read the entity, and contacts no registry', async () => {
    // The catalog hides the entity from the outsider...
    const entity = await api.get(
      '/api/catalog/entities/by-name/modelkit/default/secret',
      USERS.outsider,
    );
    expect(entity.status).toBe(404);

    // ...and so does the API, exactly as for an entity that does not exist.
    const before = api.registryRequests('main');
    for (const path of [
      `${SECRET}/versions`,
      `${SECRET}/versions/v1`,
      `${SECRET}/diff?from=v1&to=v1`,
    ]) {
      const response = await api.get(path, USERS.outsider);
      expect({ status: response.status, body: response.body }).toEqual({
        status: 404,
        body: {
          error: {
            name: 'NotFoundError',
            message:
              'No ModelKit entity modelkit:default/secret was found in the catalog',
          },
          request: {
            method: 'GET',
            url: path.replace('/api/modelkit', ''),
          },
          response: { statusCode: 404 },
        },
      });
    }
    expect(api.registryRequests('main')).toBe(before);

    // A reader gets the data, which the registry had not been asked for yet.
    const allowed = await api.get(`${SECRET}/versions`, USERS.reader);
    expect(allowed.status).toBe(200);
    expect(allowed.body.items).toEqual([
      expect.objectContaining({
        digest: api.artifacts.secret.digest,
        tags: ['v1'],
      }),
    ]);
    expect(api.registryRequests('main')).toBeGreaterThan(before);
  });

  it('answers 403 to a user who may read the entity but not its registry data', async () => {
    const entity = await api.get(
      '/api/catalog/entities/by-name/modelkit/default/sentiment',
      USERS.viewer,
    );
    expect(entity.status).toBe(200);

    const before = api.registryRequests('main');
    const response = await api.get(
      `${SENTIMENT}/versions/latest`,
      USERS.viewer,
    );
    expect({ status: response.status, body: response.body }).toEqual({
      status: 403,
      body: {
        error: {
          name: 'NotAllowedError',
          message:
            'Not allowed to read the registry data of modelkit:default/sentiment (permission kitstage.modelkit.read)',
        },
        request: {
          method: 'GET',
          url: '/modelkits/default/sentiment/versions/latest',
        },
        response: { statusCode: 403 },
      },
    });
    expect(api.registryRequests('main')).toBe(before);
  });

  it('applies conditional decisions to the entity: ownership decides', async () => {
    // The policy lets the NLP team member read the registry data of what group:nlp-team owns.
    const owned = await api.get(`${SENTIMENT}/versions`, USERS.nlpMember);
    expect(owned.status).toBe(200);
    expect(owned.body.items).toHaveLength(3);

    const notOwned = await api.get(`${SECRET}/versions`, USERS.nlpMember);
    expect(notOwned.status).toBe(403);
    expect(notOwned.body.error).toEqual({
      name: 'NotAllowedError',
      message:
        'Not allowed to read the registry data of modelkit:default/secret (permission kitstage.modelkit.read)',
    });
  });

  it('registers kitstage.modelkit.read with the permission system', async () => {
    const response = await api.get(
      '/api/modelkit/.well-known/backstage/permissions/metadata',
    );
    expect(response.status).toBe(200);
    expect(response.body.permissions).toContainEqual({
      type: 'resource',
      name: 'kitstage.modelkit.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
  });
});
