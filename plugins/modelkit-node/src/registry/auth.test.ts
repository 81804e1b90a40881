import { fetch } from 'undici';
import { startTestTokenServer, TestTokenServer } from '../testing';
import { RegistryAuthenticator } from './auth';
import { AuthFailure } from './authFailure';
import { TokenFetcher } from './bearerTokens';

describe('RegistryAuthenticator', () => {
  const registryUrl = 'https://registry.example.com';
  const challenge =
    'Bearer realm="https://registry.example.com/token",service="registry.example.com"';

  function tokenServer(answers: Array<{ status: number; body: unknown }>) {
    const calls: Array<{ url: string; authorization?: string }> = [];
    const fetchToken: TokenFetcher = async (url, authorization) => {
      calls.push({ url: url.href, authorization });
      const answer = answers.shift() ?? { status: 500, body: {} };
      return {
        status: answer.status,
        body: Buffer.from(JSON.stringify(answer.body)),
      };
    };
    return { calls, fetchToken };
  }

  it('sends static bearer tokens and does not try a token flow with them', async () => {
    const { calls, fetchToken } = tokenServer([]);
    const auth = new RegistryAuthenticator({
      auth: { type: 'bearer', token: 's3cret' },
      registryUrl,
      fetchToken,
    });
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(
      'Bearer s3cret',
    );
    await expect(
      auth.handleChallenge(challenge, 'repository:a:pull', 'Bearer s3cret'),
    ).resolves.toBe(false);
    expect(calls).toEqual([]);
  });

  it('sends basic credentials once the registry asked for them, and only once per request', async () => {
    const auth = new RegistryAuthenticator({
      auth: {
        type: 'basic',
        username: 'u',
        password: 'p',
        tokenRealmHosts: [],
      },
      registryUrl,
      fetchToken: tokenServer([]).fetchToken,
    });
    await expect(
      auth.authorizationFor('repository:a:pull'),
    ).resolves.toBeUndefined();
    await expect(
      auth.handleChallenge('Basic realm="r"', 'repository:a:pull', undefined),
    ).resolves.toBe(true);
    const header = await auth.authorizationFor('repository:a:pull');
    expect(header).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
    await expect(
      auth.handleChallenge('Basic realm="r"', 'repository:a:pull', header),
    ).resolves.toBe(false);
  });

  it('caches a token per scope until shortly before it expires', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const { calls, fetchToken } = tokenServer([
      {
        status: 200,
        body: {
          token: 'one',
          expires_in: 300,
          issued_at: '2026-01-01T00:00:00Z',
        },
      },
      { status: 200, body: { access_token: 'two', expires_in: 300 } },
      { status: 200, body: { token: 'three' } },
    ]);
    const auth = new RegistryAuthenticator({
      auth: {
        type: 'basic',
        username: 'u',
        password: 'p',
        tokenRealmHosts: [],
      },
      registryUrl,
      fetchToken,
      now: () => now,
    });
    await expect(
      auth.handleChallenge(challenge, 'repository:a:pull', undefined),
    ).resolves.toBe(true);
    expect(calls[0]).toEqual({
      url: 'https://registry.example.com/token?service=registry.example.com&scope=repository%3Aa%3Apull',
      authorization: `Basic ${Buffer.from('u:p').toString('base64')}`,
    });
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(
      'Bearer one',
    );
    now += 280_000;
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(
      'Bearer one',
    );
    // 300 s minus the 10 s margin.
    now += 11_000;
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(
      'Bearer two',
    );
    // Without expires_in, tokens live the 60 s the specification defaults to.
    await expect(auth.authorizationFor('registry:catalog:*')).resolves.toBe(
      'Bearer three',
    );
    now += 50_000;
    await expect(auth.authorizationFor('registry:catalog:*')).resolves.toBe(
      'Bearer three',
    );
    expect(calls).toHaveLength(3);
  });

  it('shares one token request between concurrent callers', async () => {
    const { calls, fetchToken } = tokenServer([
      { status: 200, body: { token: 'one', expires_in: 300 } },
      { status: 200, body: { token: 'two', expires_in: 300 } },
    ]);
    const auth = new RegistryAuthenticator({
      auth: { type: 'anonymous' },
      registryUrl,
      fetchToken,
    });
    await auth.handleChallenge(challenge, 'repository:a:pull', undefined);
    const tokens = await Promise.all(
      [1, 2, 3].map(() => auth.authorizationFor('repository:b:pull')),
    );
    expect(tokens).toEqual(['Bearer two', 'Bearer two', 'Bearer two']);
    expect(calls).toHaveLength(2);
    expect(calls.every(c => c.authorization === undefined)).toBe(true);
  });

  it('sends credentials only to a realm on the registry origin or listed in tokenRealmHosts', () => {
    const auth = new RegistryAuthenticator({
      auth: {
        type: 'basic',
        username: 'u',
        password: 'p',
        tokenRealmHosts: ['auth.example.com'],
      },
      registryUrl,
      fetchToken: tokenServer([]).fetchToken,
    });
    expect(
      auth.realmMayReceiveCredentials(
        new URL('https://registry.example.com/token'),
      ),
    ).toBe(true);
    expect(
      auth.realmMayReceiveCredentials(
        new URL('https://auth.example.com/token'),
      ),
    ).toBe(true);
    expect(
      auth.realmMayReceiveCredentials(new URL('http://auth.example.com/token')),
    ).toBe(false);
    expect(
      auth.realmMayReceiveCredentials(
        new URL('https://evil.example.com/token'),
      ),
    ).toBe(false);
    expect(
      auth.realmMayReceiveCredentials(
        new URL('https://registry.example.com:8443/token'),
      ),
    ).toBe(false);
  });

  it('explains refusals and unusable token answers', async () => {
    const { fetchToken } = tokenServer([
      { status: 401, body: {} },
      { status: 200, body: { expires_in: 10 } },
    ]);
    const auth = new RegistryAuthenticator({
      auth: {
        type: 'basic',
        username: 'u',
        password: 'p',
        tokenRealmHosts: [],
      },
      registryUrl,
      fetchToken,
    });
    const refused = await auth
      .handleChallenge(challenge, 'repository:a:pull', undefined)
      .catch(e => e);
    expect(refused).toBeInstanceOf(AuthFailure);
    expect(refused).toMatchObject({ reason: 'unauthorized', status: 401 });
    expect(refused.message).toBe(
      'the token server registry.example.com refused the configured credentials for scope "repository:a:pull"',
    );
    await expect(
      auth.handleChallenge(challenge, 'repository:a:pull', undefined),
    ).rejects.toMatchObject({
      reason: 'invalid-response',
      message:
        'the token server registry.example.com answered without a usable token',
    });
    await expect(
      auth.handleChallenge(
        'Bearer service="x"',
        'repository:a:pull',
        undefined,
      ),
    ).rejects.toMatchObject({
      message: 'the Bearer challenge names no token realm',
    });
  });
});

describe('RegistryAuthenticator token cache bound', () => {
  jest.setTimeout(120_000);
  const registryUrl = 'https://registry.example.com';
  let server: TestTokenServer;
  let shortLived: TestTokenServer;

  /** Asks the real token server over HTTP, as the transport does. */
  const fetchToken: TokenFetcher = async (url, authorization, signal) => {
    const response = await fetch(url, {
      headers: authorization ? { authorization } : {},
      signal,
    });
    return {
      status: response.status,
      body: Buffer.from(await response.arrayBuffer()),
    };
  };

  function challengeOf(tokenServer: TestTokenServer) {
    return `Bearer realm="${tokenServer.realm}",service="${tokenServer.service}"`;
  }

  beforeAll(async () => {
    [server, shortLived] = await Promise.all([
      startTestTokenServer({ anonymousPull: true }),
      startTestTokenServer({ anonymousPull: true, expiresInSeconds: 60 }),
    ]);
  });

  afterAll(async () => {
    await Promise.all([server?.close(), shortLived?.close()]);
  });

  it('keeps at most 256 tokens however many scopes are asked for, evicting the least recently used', async () => {
    const auth = new RegistryAuthenticator({
      auth: { type: 'anonymous' },
      registryUrl,
      fetchToken,
    });
    const scope = (i: number) => `repository:team/model-${i}:pull`;
    await expect(
      auth.handleChallenge(challengeOf(server), scope(0), undefined),
    ).resolves.toBe(true);
    const first = await auth.authorizationFor(scope(0));
    const issuedBefore = server.tokensIssued();
    for (let i = 1; i < 10_000; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          i + j < 10_000 ? auth.authorizationFor(scope(i + j)) : undefined,
        ),
      );
      // Scope 0 stays in use, so it is never the least recently used.
      await expect(auth.authorizationFor(scope(0))).resolves.toBe(first);
      expect(auth.cachedTokenCount).toBeLessThanOrEqual(256);
    }
    expect(server.tokensIssued() - issuedBefore).toBe(9_999);
    expect(auth.cachedTokenCount).toBe(256);

    // The most recent scopes are answered from the cache, an old one is asked for again.
    await auth.authorizationFor(scope(9_999));
    await auth.authorizationFor(scope(9_900));
    expect(server.tokensIssued() - issuedBefore).toBe(9_999);
    await auth.authorizationFor(scope(1));
    expect(server.tokensIssued() - issuedBefore).toBe(10_000);
    expect(auth.cachedTokenCount).toBe(256);
  });

  it('takes the bound from maxTokens', async () => {
    const auth = new RegistryAuthenticator({
      auth: { type: 'anonymous' },
      registryUrl,
      fetchToken,
      maxTokens: 2,
    });
    await auth.handleChallenge(
      challengeOf(server),
      'repository:a:pull',
      undefined,
    );
    const a = await auth.authorizationFor('repository:a:pull');
    await auth.authorizationFor('repository:b:pull');
    // a is used again, so b is the least recently used when c arrives.
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(a);
    await auth.authorizationFor('repository:c:pull');
    expect(auth.cachedTokenCount).toBe(2);
    const before = server.tokensIssued();
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(a);
    await auth.authorizationFor('repository:c:pull');
    expect(server.tokensIssued()).toBe(before);
    await auth.authorizationFor('repository:b:pull');
    expect(server.tokensIssued()).toBe(before + 1);
    expect(
      () =>
        new RegistryAuthenticator({
          auth: { type: 'anonymous' },
          registryUrl,
          fetchToken,
          maxTokens: 0,
        }),
    ).toThrow('maxTokens must be an integer of at least 1');
  });

  it('does not reuse an expired token, and drops expired tokens of every scope', async () => {
    let now = Date.now();
    const auth = new RegistryAuthenticator({
      auth: { type: 'anonymous' },
      registryUrl,
      fetchToken,
      now: () => now,
    });
    const scopes = ['a', 'b', 'c', 'd', 'e'].map(
      name => `repository:${name}:pull`,
    );
    await auth.handleChallenge(challengeOf(shortLived), scopes[0], undefined);
    const tokens = [];
    for (const scope of scopes) {
      tokens.push(await auth.authorizationFor(scope));
    }
    expect(auth.cachedTokenCount).toBe(5);
    const before = shortLived.tokensIssued();

    // The tokens live 60 s. Ten minutes on, the server's issued_at is also too far from the
    // clock to be trusted, so the renewed token lives 60 s from now.
    now += 10 * 60_000;
    const renewed = await auth.authorizationFor(scopes[0]);
    expect(renewed).not.toBe(tokens[0]);
    expect(shortLived.tokensIssued()).toBe(before + 1);
    // The other scopes were not asked for, but their expired tokens are gone too.
    expect(auth.cachedTokenCount).toBe(1);
    await expect(auth.authorizationFor(scopes[0])).resolves.toBe(renewed);
    expect(shortLived.tokensIssued()).toBe(before + 1);
  });

  it('evicts expired tokens before the least recently used one', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const answers = [
      { token: 'a', expires_in: 300 },
      { token: 'b', expires_in: 60 },
      { token: 'c', expires_in: 300 },
      { token: 'd', expires_in: 300 },
      { token: 'b2', expires_in: 300 },
    ];
    const calls: string[] = [];
    const auth = new RegistryAuthenticator({
      auth: { type: 'anonymous' },
      registryUrl,
      now: () => now,
      maxTokens: 3,
      fetchToken: async url => {
        calls.push(url.searchParams.get('scope')!);
        return {
          status: 200,
          body: Buffer.from(JSON.stringify(answers.shift())),
        };
      },
    });
    await auth.handleChallenge(
      'Bearer realm="https://registry.example.com/token"',
      'repository:a:pull',
      undefined,
    );
    await auth.authorizationFor('repository:b:pull');
    await auth.authorizationFor('repository:c:pull');
    expect(auth.cachedTokenCount).toBe(3);
    // b is past its renewal time; a is the least recently used but still valid.
    now += 55_000;
    await expect(auth.authorizationFor('repository:d:pull')).resolves.toBe(
      'Bearer d',
    );
    expect(auth.cachedTokenCount).toBe(3);
    await expect(auth.authorizationFor('repository:a:pull')).resolves.toBe(
      'Bearer a',
    );
    await expect(auth.authorizationFor('repository:c:pull')).resolves.toBe(
      'Bearer c',
    );
    await expect(auth.authorizationFor('repository:b:pull')).resolves.toBe(
      'Bearer b2',
    );
    expect(calls).toEqual([
      'repository:a:pull',
      'repository:b:pull',
      'repository:c:pull',
      'repository:d:pull',
      'repository:b:pull',
    ]);
    expect(auth.cachedTokenCount).toBe(3);
  });
});
