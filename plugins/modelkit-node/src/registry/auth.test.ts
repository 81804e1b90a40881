import {
  AuthFailure,
  parseWwwAuthenticate,
  RegistryAuthenticator,
  TokenFetcher,
} from './auth';

describe('parseWwwAuthenticate', () => {
  it('reads Bearer challenges with quoted, comma-holding parameters', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/model:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example.com/token',
          service: 'registry.example.com',
          scope: 'repository:team/model:pull,push',
        },
      },
    ]);
  });

  it('reads several challenges, unquoted values and escapes', () => {
    expect(
      parseWwwAuthenticate(
        'Basic realm="a \\"quoted\\" realm", Bearer realm=https://x/token, error=invalid_token',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a "quoted" realm' } },
      {
        scheme: 'bearer',
        params: { realm: 'https://x/token', error: 'invalid_token' },
      },
    ]);
  });
});

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
