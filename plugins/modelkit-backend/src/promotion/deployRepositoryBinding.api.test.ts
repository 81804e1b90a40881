import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { PromotionHistoryResponse } from '@kitstage/plugin-modelkit-common';
import {
  startTestGitServer,
  TestGitServer,
} from '@kitstage/plugin-modelkit-node/testUtils';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { eventually } from '../__testUtils__/eventually';
import { modelkitPlugin } from '../plugin';
import {
  git,
  overlayPatch,
  ScriptedRepository,
} from './__testUtils__/gitRepository';

// A deploy repository served over Git's smart HTTP, and its files under the repository's web
// URL as the SCM hosts serve them: `<repository>/blob/<ref>/<path>`, where <ref> may be the
// branch, any commit id, or a ref such as `refs/pull/7/head`, a pull request the repository's
// writers never merged. The real catalog reads the Components from those URLs and writes
// their location annotations; the promotion history route then decides, through
// GitRemotePolicy.forComponent, whether a Component may have the backend read the repository.

jest.setTimeout(180_000);

const OWNER = 'user:default/alice';
const STRANGER = 'user:default/mallory';

/** A web host for the repository `svc`: files under /svc/blob/, Git under /svc.git/. */
async function startWebHost(
  repo: ScriptedRepository,
  gitServer: TestGitServer,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const blob = url.pathname.match(/^\/svc\/blob\/(.+)$/);
    if (blob && req.method === 'GET') {
      // As the hosts do: the leading segments that name a commit are the ref.
      const segments = blob[1].split('/');
      for (let i = segments.length - 1; i >= 1; i--) {
        try {
          const content = await git(repo.bare, [
            'show',
            `${segments.slice(0, i).join('/')}:${segments.slice(i).join('/')}`,
          ]);
          res.writeHead(200, { 'content-type': 'text/yaml' });
          res.end(content);
          return;
        } catch {
          // Not this split.
        }
      }
      res.writeHead(404);
      res.end();
      return;
    }
    const upstream = http.request(
      `${gitServer.url}${req.url}`,
      { method: req.method, headers: req.headers },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const yaml = (entity: Entity) => JSON.stringify(entity, null, 2);

describe('the deploy repository binding, through the promotion history route', () => {
  let repo: ScriptedRepository;
  let gitServer: TestGitServer;
  let web: { url: string; close(): Promise<void> };
  let backend: TestBackend;
  let pullRequestHead: string;

  const service = (name: string, owner: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'kitstage.dev/deploy-repository': `${web.url}/svc.git#main`,
      },
    },
    spec: { type: 'service', owner, lifecycle: 'production' },
  });

  beforeAll(async () => {
    repo = await ScriptedRepository.create();
    gitServer = await startTestGitServer(repo.root);
    web = await startWebHost(repo, gitServer);

    await repo.write(
      'deploy/overlays/production/modelkit.yaml',
      overlayPatch(
        `registry.example.com/nlp/payments@sha256:${'1'.repeat(64)}`,
      ),
    );
    await repo.write('catalog-info.yaml', yaml(service('payments', OWNER)));
    await repo.commit('Initial project', '2026-11-01T09:00:00Z');
    await repo.push();
    // A pull request from someone who may only read the repository: never merged, served
    // under the repository's URL by its commit id and by refs/pull/7/head.
    await git(repo.work, ['checkout', '-q', '-b', 'contribution']);
    await repo.write(
      'mallory-sha.yaml',
      yaml(service('mallory-sha', STRANGER)),
    );
    await repo.write(
      'mallory-ref.yaml',
      yaml(service('mallory-ref', STRANGER)),
    );
    pullRequestHead = await repo.commit(
      'Add my services',
      '2026-11-02T09:00:00Z',
    );
    await git(repo.work, ['push', '-q', repo.bare, 'HEAD:refs/pull/7/head']);

    const locations = [
      'main/catalog-info.yaml',
      `${pullRequestHead}/mallory-sha.yaml`,
      'refs/pull/7/head/mallory-ref.yaml',
    ].map(file => ({ type: 'url', target: `${web.url}/svc/blob/${file}` }));
    backend = await startTestBackend({
      features: [
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
              reading: { allow: [{ host: new URL(web.url).host }] },
            },
            catalog: { rules: [{ allow: ['Component'] }], locations },
            kitstage: {
              environments: [{ name: 'production' }],
              promotion: {
                allowedRemotes: [`${web.url}/`],
                historyCacheSeconds: 0,
              },
            },
          },
        }),
        catalogPlugin,
        modelkitPlugin,
      ],
    });
    const server = backend.server;
    for (const name of ['payments', 'mallory-sha', 'mallory-ref']) {
      await eventually(`component:default/${name} in the catalog`, async () => {
        const response = await request(server)
          .get(`/api/catalog/entities/by-name/component/default/${name}`)
          .set('authorization', mockCredentials.user.header(OWNER));
        return response.status === 200 ? true : undefined;
      });
    }
  });

  afterAll(async () => {
    await backend?.stop();
    await web?.close();
    await gitServer?.stop();
    await repo?.remove();
  });

  const history = (name: string, user: string) =>
    request(backend.server)
      .get(`/api/modelkit/components/default/${name}/promotions`)
      .set('authorization', mockCredentials.user.header(user));

  it('reads the repository for a Component registered from its branch', async () => {
    const before = gitServer.requests.length;
    const response = await history('payments', OWNER);
    expect(response.status).toBe(200);
    const body: PromotionHistoryResponse = response.body;
    expect([body.repository, body.branch]).toEqual([
      `${web.url}/svc.git`,
      'main',
    ]);
    expect(gitServer.requests.length).toBeGreaterThan(before);
  });

  it.each([
    [
      'the head commit of a pull request',
      'mallory-sha',
      () => `${pullRequestHead}/mallory-sha.yaml`,
      () =>
        `is at ${pullRequestHead}, which can name any commit (of a pull request or a fork too), not on the branch main`,
    ],
    [
      'the ref of a pull request',
      'mallory-ref',
      () => 'refs/pull/7/head/mallory-ref.yaml',
      () =>
        "is at refs/pull/7/head, a ref such as a pull request's, not on the branch main",
    ],
  ])(
    'refuses the owner of a Component registered from %s, and reads nothing',
    async (_what, name, file, why) => {
      const before = gitServer.requests.length;
      const response = await history(name, STRANGER);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toBe(
        `component:default/${name} may not use ${
          web.url
        }/svc.git (its kitstage.dev/deploy-repository annotation): its catalog location url:${
          web.url
        }/svc/blob/${file()} ${why()} of that repository; the hosts serve commits of pull requests, forks and other branches under the repository's URL too, so only a file on that branch shows that its authors may write the repository: register the Component from that branch (name the branch with #<branch> in kitstage.dev/deploy-repository), or list the location under kitstage.provenance.trustedLocations`,
      );
      expect(gitServer.requests.length).toBe(before);
    },
  );
});
