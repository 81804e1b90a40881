import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

function gitIn(
  gitDir: string,
  args: string[],
  options: { input?: string | Buffer; env?: Record<string, string> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        env: {
          PATH: process.env.PATH,
          HOME: os.tmpdir(),
          GIT_DIR: gitDir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_CONFIG_GLOBAL: '/dev/null',
          ...options.env,
        },
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(stdout),
    );
    // git may exit before reading its input (a failing command); its own error is the one
    // to report, not the broken pipe.
    child.stdin?.on('error', () => {});
    child.stdin?.end(options.input ?? '');
  });
}

/** A pull request the fake GitHub received. */
export interface ReceivedPullRequest {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
}

/**
 * A loopback server speaking the GitHub REST endpoints that `publish:github:pull-request`
 * (octokit-plugin-create-pull-request) calls, backed by a real bare Git repository: blobs,
 * trees, commits and refs are written with git plumbing, so the branch a pull request creates
 * can be inspected with git.
 */
export async function startGitHubApi(options: {
  owner: string;
  repo: string;
  bare: string;
  token: string;
}): Promise<{
  url: string;
  host: string;
  requests: string[];
  unauthorized: number;
  pullRequests: ReceivedPullRequest[];
  stop(): Promise<void>;
}> {
  const requests: string[] = [];
  const pullRequests: ReceivedPullRequest[] = [];
  const state = { unauthorized: 0 };
  const prefix = `/api/repos/${options.owner}/${options.repo}`;
  const git = (args: string[], extra?: Parameters<typeof gitIn>[2]) =>
    gitIn(options.bare, args, extra);

  async function handle(
    method: string,
    url: URL,
    body: any,
  ): Promise<[number, unknown]> {
    const route = url.pathname;
    if (method === 'GET' && route === prefix) {
      return [
        200,
        {
          name: options.repo,
          default_branch: 'main',
          permissions: { admin: false, push: true, pull: true },
        },
      ];
    }
    if (method === 'GET' && route === `${prefix}/commits`) {
      const sha = (
        await git(['rev-parse', `refs/heads/${url.searchParams.get('sha')}`])
      ).trim();
      const tree = (await git(['rev-parse', `${sha}^{tree}`])).trim();
      return [200, [{ sha, commit: { tree: { sha: tree } } }]];
    }
    if (method === 'POST' && route === `${prefix}/git/blobs`) {
      const content = Buffer.from(
        body.content,
        body.encoding === 'base64' ? 'base64' : 'utf8',
      );
      const sha = (
        await git(['hash-object', '-w', '--stdin'], { input: content })
      ).trim();
      return [201, { sha }];
    }
    if (method === 'POST' && route === `${prefix}/git/trees`) {
      const index = path.join(
        await fs.mkdtemp(path.join(os.tmpdir(), 'fake-github-index-')),
        'index',
      );
      const env = { GIT_INDEX_FILE: index };
      await git(['read-tree', body.base_tree], { env });
      for (const entry of body.tree) {
        const sha =
          entry.sha ??
          (
            await git(['hash-object', '-w', '--stdin'], {
              input: entry.content,
            })
          ).trim();
        await git(
          [
            'update-index',
            '--add',
            '--cacheinfo',
            `${entry.mode},${sha},${entry.path}`,
          ],
          { env },
        );
      }
      const sha = (await git(['write-tree'], { env })).trim();
      await fs.rm(path.dirname(index), { recursive: true, force: true });
      return [201, { sha }];
    }
    if (method === 'POST' && route === `${prefix}/git/commits`) {
      const author = body.author ?? {
        name: 'GitHub',
        email: 'noreply@github.com',
      };
      const sha = (
        await git(
          [
            'commit-tree',
            body.tree,
            ...body.parents.flatMap((p: string) => ['-p', p]),
          ],
          {
            input: body.message,
            env: {
              GIT_AUTHOR_NAME: author.name,
              GIT_AUTHOR_EMAIL: author.email,
              GIT_COMMITTER_NAME: author.name,
              GIT_COMMITTER_EMAIL: author.email,
            },
          },
        )
      ).trim();
      return [201, { sha }];
    }
    if (method === 'POST' && route === '/api/graphql') {
      return [200, { data: { repository: { ref: null } } }];
    }
    if (method === 'POST' && route === `${prefix}/git/refs`) {
      await git(['update-ref', body.ref, body.sha]);
      return [201, { ref: body.ref, object: { sha: body.sha } }];
    }
    if (method === 'POST' && route === `${prefix}/pulls`) {
      const number = pullRequests.length + 1;
      pullRequests.push({
        number,
        head: body.head,
        base: body.base,
        title: body.title,
        body: body.body,
      });
      return [
        201,
        {
          number,
          html_url: `https://github.example/${options.owner}/${options.repo}/pull/${number}`,
          base: { ref: body.base },
        },
      ];
    }
    return [404, { message: `Not Found: ${method} ${route}` }];
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', chunk => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://localhost');
      requests.push(`${req.method} ${url.pathname}`);
      if (req.headers.authorization !== `token ${options.token}`) {
        state.unauthorized++;
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: 'Bad credentials' }));
        return;
      }
      const text = Buffer.concat(chunks).toString('utf8');
      handle(req.method!, url, text ? JSON.parse(text) : undefined).then(
        ([status, payload]) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(payload));
        },
        error => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ message: String(error) }));
        },
      );
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    get unauthorized() {
      return state.unauthorized;
    },
    pullRequests,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
