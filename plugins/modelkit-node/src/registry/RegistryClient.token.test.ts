import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import {
  buildTestModelKit,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '../testing';
import {
  createRegistryService,
  StandaloneRegistryService,
} from './RegistryService';

jest.setTimeout(60_000);

describe('RegistryClient with token authentication', () => {
  let registry: TestRegistry;
  let publicRegistry: TestRegistry;
  let modelKit: TestArtifact;
  const services: StandaloneRegistryService[] = [];

  function service(entry: JsonObject): StandaloneRegistryService {
    const created = createRegistryService({
      config: new ConfigReader({ kitstage: { registries: [entry] } }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    services.push(created);
    return created;
  }

  beforeAll(async () => {
    [registry, publicRegistry] = await Promise.all([
      startTestRegistry({ auth: 'token', tokenExpiresInSeconds: 2 }),
      startTestRegistry({ auth: 'token', tokenAnonymousPull: true }),
    ]);
    modelKit = await buildTestModelKit({
      kitfile: {
        package: { name: 'fraud-detector', version: '3.1.0' },
        model: { path: 'model.onnx', framework: 'onnx' },
      },
    });
    await registry.pusher.push('risk/fraud-detector', modelKit, ['v3']);
    await registry.pusher.push('risk/churn', modelKit, ['v1']);
    await publicRegistry.pusher.push('public/fraud-detector', modelKit, ['v3']);
  });

  afterAll(async () => {
    await Promise.all(services.map(s => s.close()));
    await Promise.all([registry?.stop(), publicRegistry?.stop()]);
  });

  it('answers the Bearer challenge with a token per scope, and reuses cached tokens', async () => {
    const s = service(registry.configEntry('tokens'));
    const source = s.getSource('tokens');
    const tokenServer = registry.tokenServer!;
    const issuedBefore = tokenServer.tokensIssued();
    const requestsBefore = tokenServer.requests.length;

    expect(await source.listRepositories()).toEqual([
      'risk/churn',
      'risk/fraud-detector',
    ]);
    const manifest = await source.getManifest('risk/fraud-detector', 'v3');
    expect(manifest.digest).toBe(modelKit.digest);
    if (manifest.kind !== 'image') {
      throw new Error('expected an image manifest');
    }
    const config = await source.getBlob(
      'risk/fraud-detector',
      manifest.manifest.config,
    );
    expect(JSON.parse(config.toString())).toMatchObject({
      package: { name: 'fraud-detector' },
    });
    await source.listTags('risk/fraud-detector');

    // One token for registry:catalog:* and one for the repository, both cached.
    expect(tokenServer.tokensIssued() - issuedBefore).toBe(2);
    const tokenRequests = tokenServer.requests.slice(requestsBefore);
    expect(
      tokenRequests.map(r =>
        new URL(r.url, 'http://x').searchParams.getAll('scope'),
      ),
    ).toEqual([
      ['registry:catalog:*'],
      ['repository:risk/fraud-detector:pull'],
    ]);
    // The realm is listed in tokenRealmHosts, so it received the credentials.
    for (const request of tokenRequests) {
      expect(request.headers.authorization).toMatch(/^Basic /);
    }
    const counts = s.getRequestCounts()[0];
    // Only the first request met a challenge; later scopes got their tokens up front.
    expect(counts.challenges).toBe(1);
    expect(counts.byKind.token).toBe(2);

    // A new repository scope gets a new token without another challenge.
    await source.getManifest('risk/churn', 'v1');
    expect(tokenServer.tokensIssued() - issuedBefore).toBe(3);
    expect(s.getRequestCounts()[0].challenges).toBe(1);
  });

  it('fetches a new token once the cached one expires', async () => {
    const s = service(
      registry.configEntry('expiring', {
        cache: { tagTtl: { milliseconds: 0 } },
      }),
    );
    const source = s.getSource('expiring');
    const tokenServer = registry.tokenServer!;
    const before = tokenServer.tokensIssued();
    await source.resolveTag('risk/fraud-detector', 'v3');
    await source.resolveTag('risk/fraud-detector', 'v3');
    expect(tokenServer.tokensIssued() - before).toBe(1);
    // Tokens live two seconds (expires_in: 2).
    await new Promise(resolve => setTimeout(resolve, 2200));
    await source.resolveTag('risk/fraud-detector', 'v3');
    expect(tokenServer.tokensIssued() - before).toBe(2);
  });

  it('keeps credentials from a realm that is not on the registry origin nor trusted', async () => {
    const entry = registry.configEntry('untrusted');
    const { tokenRealmHosts: _dropped, ...auth } = entry.auth as JsonObject;
    const s = service({ ...entry, auth });
    const tokenServer = registry.tokenServer!;
    const requestsBefore = tokenServer.requests.length;
    const error = await s
      .getSource('untrusted')
      .getManifest('risk/fraud-detector', 'v3')
      .catch(e => e);
    expect(error).toMatchObject({
      name: 'RegistryError',
      reason: 'unauthorized',
      status: 401,
    });
    expect(error.message).toContain(
      `the token server ${tokenServer.host} refused an anonymous request`,
    );
    expect(error.message).toContain('auth.tokenRealmHosts');
    expect(error.message).not.toContain(registry.credentials!.password);
    const tokenRequests = tokenServer.requests.slice(requestsBefore);
    expect(tokenRequests.length).toBeGreaterThan(0);
    for (const request of tokenRequests) {
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('keeps at most cache.maxTokens bearer tokens, dropping the least recently used', async () => {
    const s = service({
      name: 'bounded-tokens',
      url: publicRegistry.url,
      cache: { maxTokens: 2, tagTtl: { milliseconds: 0 } },
    });
    const source = s.getSource('bounded-tokens');
    const tokenServer = publicRegistry.tokenServer!;
    const tokensFor = (repository: string) =>
      tokenServer.requests.filter(
        r =>
          new URL(r.url, 'http://x').searchParams.get('scope') ===
          `repository:${repository}:pull`,
      ).length;
    const before = tokensFor('public/fraud-detector');
    await source.resolveTag('public/fraud-detector', 'v3');
    await source.resolveTag('public/fraud-detector', 'v3');
    expect(tokensFor('public/fraud-detector') - before).toBe(1);
    // Two other scopes push the first token out of a cache of two.
    for (const repository of ['public/absent-1', 'public/absent-2']) {
      await expect(source.resolveTag(repository, 'v1')).rejects.toMatchObject({
        reason: 'not-found',
      });
    }
    await source.resolveTag('public/fraud-detector', 'v3');
    expect(tokensFor('public/fraud-detector') - before).toBe(2);
    // The most recent scope is still cached.
    await expect(
      source.resolveTag('public/absent-2', 'v1'),
    ).rejects.toMatchObject({ reason: 'not-found' });
    expect(tokensFor('public/absent-2')).toBe(1);
  });

  it('pulls anonymously with the anonymous token a public registry hands out', async () => {
    const s = service({ name: 'public', url: publicRegistry.url });
    const manifest = await s
      .getSource('public')
      .getManifest('public/fraud-detector', 'v3');
    expect(manifest.digest).toBe(modelKit.digest);
    // The push client's requests ask for pull,push; the registry client's for pull.
    const requests = publicRegistry.tokenServer!.requests.filter(
      r =>
        new URL(r.url, 'http://x').searchParams.get('scope') ===
        'repository:public/fraud-detector:pull',
    );
    expect(requests.length).toBeGreaterThan(0);
    for (const request of requests) {
      expect(request.headers.authorization).toBeUndefined();
    }
  });
});
