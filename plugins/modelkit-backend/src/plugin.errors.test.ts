import {
  ApiTestBackend,
  startApiTestBackend,
} from './__testUtils__/startApiTestBackend';

// Every error of the API, with its status and the body Backstage's error middleware writes.

jest.setTimeout(180_000);

const BASE = '/api/modelkit/modelkits/default';

/** The body of an error response; the request URL is relative to the plugin's mount point. */
function errorBody(
  status: number,
  name: string,
  message: unknown,
  url: string,
) {
  return {
    error: { name, message },
    request: { method: 'GET', url: url.replace(/^\/api\/modelkit/, '') },
    response: { statusCode: status },
  };
}

describe('errors of the modelkit backend API', () => {
  let api: ApiTestBackend;

  beforeAll(async () => {
    api = await startApiTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  /** The status and body of a GET as the reader. */
  async function answer(url: string) {
    const response = await api.get(url);
    return { status: response.status, body: response.body };
  }

  /** The status and body of an error response. */
  function failure(
    status: number,
    name: string,
    message: unknown,
    url: string,
  ) {
    return { status, body: errorBody(status, name, message, url) };
  }

  describe('entities', () => {
    it('answers 404 for an entity the catalog does not have', async () => {
      expect(await answer(`${BASE}/no-such-model/versions`)).toEqual(
        failure(
          404,
          'NotFoundError',
          'No ModelKit entity modelkit:default/no-such-model was found in the catalog',
          `${BASE}/no-such-model/versions`,
        ),
      );
    });

    it('answers 404 for an entity of another kind', async () => {
      // The catalog has a Component of that name, and the caller may read it.
      const component = await api.get(
        '/api/catalog/entities/by-name/component/default/sentiment-service',
      );
      expect(component.status).toBe(200);

      expect(await answer(`${BASE}/sentiment-service/versions/latest`)).toEqual(
        failure(
          404,
          'NotFoundError',
          'No ModelKit entity modelkit:default/sentiment-service was found in the catalog',
          `${BASE}/sentiment-service/versions/latest`,
        ),
      );
    });

    it('answers 404 for a repository on a host no registry is configured for', async () => {
      expect(await answer(`${BASE}/elsewhere/versions`)).toEqual(
        failure(
          404,
          'NotFoundError',
          'modelkit:default/elsewhere is stored in "registry.unconfigured.example/team/model", but no registry for host "registry.unconfigured.example" is configured under kitstage.registries',
          `${BASE}/elsewhere/versions`,
        ),
      );
    });
  });

  describe('references', () => {
    it('answers 404 for a tag the repository does not have', async () => {
      expect(await answer(`${BASE}/sentiment/versions/v9.9.9`)).toEqual(
        failure(
          404,
          'NotFoundError',
          `Registry "main" (${api.main.host}), repository "team/sentiment", reference "v9.9.9": manifest not found (MANIFEST_UNKNOWN: manifest unknown) (HTTP 404)`,
          `${BASE}/sentiment/versions/v9.9.9`,
        ),
      );
    });

    it('answers 404 for a digest the repository does not have', async () => {
      const digest = `sha256:${'0'.repeat(64)}`;
      const response = await api.get(
        `${BASE}/sentiment/diff?from=${digest}&to=latest`,
      );
      expect(response.status).toBe(404);
      expect(response.body.error).toEqual({
        name: 'NotFoundError',
        message: expect.stringContaining(`reference "${digest}"`),
      });
    });

    it('answers 404 for a repository the registry does not have', async () => {
      expect(await answer(`${BASE}/gone/versions`)).toEqual(
        failure(
          404,
          'NotFoundError',
          `Registry "main" (${api.main.host}), repository "team/gone": the tag list not found (NAME_UNKNOWN: repository name not known to registry) (HTTP 404)`,
          `${BASE}/gone/versions`,
        ),
      );
    });

    it('answers 404 for a tag that names another kind of artifact', async () => {
      expect(await answer(`${BASE}/sentiment/versions/runtime`)).toEqual(
        failure(
          404,
          'NotFoundError',
          `ModelKit ${api.main.host}/team/sentiment:runtime (${api.artifacts.image.digest}) from "main": this is a container image, not a ModelKit`,
          `${BASE}/sentiment/versions/runtime`,
        ),
      );
    });
  });

  describe('registry failures', () => {
    it('answers 502 for a ModelKit whose Kitfile is invalid, naming the field', async () => {
      const { broken } = api.artifacts;
      const config = (broken.manifest.config as { digest: string }).digest;
      expect(await answer(`${BASE}/broken/versions/v1`)).toEqual(
        failure(
          502,
          'BadGatewayError',
          `ModelKit ${api.main.host}/team/broken:v1 (${broken.digest}) from "main": the config blob ${config} is not a valid Kitfile: model.parts[0].name: expected string, got number`,
          `${BASE}/broken/versions/v1`,
        ),
      );

      // A listing reports it as skipped instead.
      const listing = await api.get(`${BASE}/broken/versions`);
      expect(listing.status).toBe(200);
      expect(listing.body.items).toEqual([]);
      expect(listing.body.skipped).toEqual([
        {
          tag: 'v1',
          digest: broken.digest,
          reason: expect.stringContaining('model.parts[0].name'),
        },
      ]);
    });

    it('answers 502 when the registry serves a manifest that does not match its digest', async () => {
      const { v1, v2 } = api.artifacts;
      expect(await answer(`${BASE}/liar/versions`)).toEqual(
        failure(
          502,
          'BadGatewayError',
          `Registry "liar" (${api.liar.host}), repository "team/liar", reference "v1": the manifest received hashes to ${v1.digest}, but the registry announced ${v2.digest} (Docker-Content-Digest)`,
          `${BASE}/liar/versions`,
        ),
      );
      expect(api.liar.requests.map(r => `${r.method} ${r.url}`)).toContain(
        'GET /v2/team/liar/manifests/v1',
      );
    });

    it('answers 503 when the registry is down, without revealing its credentials', async () => {
      await api.doomed.stop();
      const url = `${BASE}/flaky/versions`;
      const response = await api.get(url);

      expect(response.status).toBe(503);
      expect(response.body).toEqual(
        errorBody(
          503,
          'ServiceUnavailableError',
          `Registry "doomed" (${api.doomed.host}), repository "team/flaky": the tags request failed: ECONNREFUSED connect ECONNREFUSED ${api.doomed.host}; caused by TypeError: fetch failed`,
          url,
        ),
      );
      const { username, password } = api.doomed.credentials!;
      expect(JSON.stringify(response.body)).not.toContain(password);
      expect(JSON.stringify(response.body)).not.toContain(
        Buffer.from(`${username}:${password}`).toString('base64'),
      );
    });
  });

  describe('input', () => {
    it.each([
      ['0', 'limit must be an integer from 1 to 100'],
      ['101', 'limit must be an integer from 1 to 100'],
      ['ten', 'limit must be an integer from 1 to 100'],
      ['1.5', 'limit must be an integer from 1 to 100'],
    ])('answers 400 for limit=%s', async (limit, message) => {
      expect(await answer(`${BASE}/sentiment/versions?limit=${limit}`)).toEqual(
        failure(
          400,
          'InputError',
          `Invalid query: ${message}`,
          `${BASE}/sentiment/versions?limit=${limit}`,
        ),
      );
    });

    it('answers 400 for a limit given twice', async () => {
      expect(
        await answer(`${BASE}/sentiment/versions?limit=1&limit=2`),
      ).toEqual(
        failure(
          400,
          'InputError',
          'Invalid query: limit must be given once, as an integer from 1 to 100',
          `${BASE}/sentiment/versions?limit=1&limit=2`,
        ),
      );
    });

    it('answers 400 for a cursor with characters no cursor has', async () => {
      expect(
        await answer(`${BASE}/sentiment/versions?cursor=not%20a%20cursor`),
      ).toEqual(
        failure(
          400,
          'InputError',
          'cursor is not valid; pass the nextCursor of a previous page unchanged',
          `${BASE}/sentiment/versions?cursor=not%20a%20cursor`,
        ),
      );
    });

    it('answers 400 for a cursor that was not made by a previous page', async () => {
      const url = `${BASE}/sentiment/versions?cursor=${Buffer.from(
        '{"d":"sha256:abc"}',
      ).toString('base64url')}`;
      expect(await answer(url)).toEqual(
        failure(
          400,
          'InputError',
          'cursor is not valid; pass the nextCursor of a previous page unchanged',
          url,
        ),
      );
    });

    it('answers 400 for a reference that is neither a tag nor a digest', async () => {
      expect(
        await answer(
          `${BASE}/sentiment/versions/${encodeURIComponent('sha256:abc')}`,
        ),
      ).toEqual(
        failure(
          400,
          'InputError',
          `Invalid path: reference must be a tag (letters, digits, '_', '.' and '-', at most 128 characters) or a digest (sha256: with 64 or sha512: with 128 lowercase hex digits), got "sha256:abc"`,
          `${BASE}/sentiment/versions/${encodeURIComponent('sha256:abc')}`,
        ),
      );
    });

    it('answers 400 for a diff without both references', async () => {
      expect(await answer(`${BASE}/sentiment/diff?from=v1.0.0`)).toEqual(
        failure(
          400,
          'InputError',
          'Invalid query: to is required',
          `${BASE}/sentiment/diff?from=v1.0.0`,
        ),
      );
      expect(await answer(`${BASE}/sentiment/diff?from=..&to=latest`)).toEqual(
        failure(
          400,
          'InputError',
          `Invalid query: from must be a tag (letters, digits, '_', '.' and '-', at most 128 characters) or a digest (sha256: with 64 or sha512: with 128 lowercase hex digits), got ".."`,
          `${BASE}/sentiment/diff?from=..&to=latest`,
        ),
      );
    });
  });

  it('answers 401 without credentials', async () => {
    const url = `${BASE}/sentiment/versions`;
    const response = await api.get(url, 'none');
    expect(response.status).toBe(401);
    expect(response.body).toEqual(
      errorBody(401, 'AuthenticationError', 'Missing credentials', url),
    );
  });
});
