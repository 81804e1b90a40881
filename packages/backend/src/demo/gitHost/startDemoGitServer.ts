import { spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import fs from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { serveFileApi, serveRepositoryPage } from './repositoryPages';
import { runDemoGit } from './runDemoGit';

/**
 * The smart-HTTP requests of Git: the ref advertisement and the two services, for a repository
 * `<name>.git` or `<group>/<name>.git`.
 */
const GIT_REQUEST =
  /^\/((?:([a-z0-9][a-z0-9-]{0,99})\/)?[a-z0-9][a-z0-9-]{0,99}\.git)\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** The demo Git host, running: see {@link startDemoGitServer}. */
export interface DemoGitServer {
  /** The base URL, `http://127.0.0.1:<port>`; repository `<name>.git` is `<url>/<name>.git`. */
  url: string;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

/**
 * Whether a request carries the token: as the password of HTTP Basic credentials (Git) or as a
 * bearer token (the GitLab API).
 */
function authorized(header: string | undefined, token: string): boolean {
  const expected = Buffer.from(token);
  const same = (given: Buffer) =>
    given.length === expected.length && timingSafeEqual(given, expected);
  const bearer = header?.match(/^Bearer\s+(\S+)$/);
  if (bearer) return same(Buffer.from(bearer[1]));
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/);
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  return (
    decoded.includes(':') &&
    same(Buffer.from(decoded.slice(decoded.indexOf(':') + 1)))
  );
}

function refuseWithoutToken(res: http.ServerResponse) {
  res
    .writeHead(401, {
      'content-type': 'text/plain',
      'www-authenticate': 'Basic realm="Kitstage demo Git host"',
    })
    .end('The demo Git host needs its token\n');
}

/**
 * Serves the bare repositories `<root>/<name>.git` and `<root>/<group>/<name>.git` over Git's
 * smart HTTP protocol on 127.0.0.1: every request runs the installed `git http-backend`
 * (clone, fetch and push), its CGI response streamed back. Only the smart-HTTP paths of
 * repositories named `<lower-case name>.git` are served. Every Git request must carry HTTP
 * Basic credentials whose password is `token`, as Kitstage sends them from the SCM integration
 * configured for the host. A push to a missing repository of a group of `createGroups` creates
 * it first (bare, default branch main). Besides Git, the host answers the one GitLab API call
 * Backstage's GitLab URL reader makes to read a file (with the token as a bearer token), and
 * shows read-only pages of each repository at GitLab's addresses ({@link serveRepositoryPage}).
 * After each push, `afterPush` runs (with the repository directory) before the response ends,
 * so the pushing client sees its outcome.
 */
export async function startDemoGitServer(options: {
  root: string;
  /** The loopback port; 0 picks a free one. */
  port: number;
  token: string;
  /**
   * Groups in which a push creates a missing repository `<group>/<name>.git`, as GitLab
   * creates a project on its first push.
   */
  createGroups?: string[];
  afterPush?: (gitDir: string) => Promise<void>;
}): Promise<DemoGitServer> {
  const createGroups = new Set(options.createGroups ?? []);
  const execPath = await new Promise<string>((resolve, reject) => {
    const child = spawn('git', ['--exec-path'], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    let out = '';
    child.stdout.on('data', chunk => (out += chunk));
    child.on('error', reject);
    child.on('close', code =>
      code === 0
        ? resolve(out.trim())
        : reject(new Error(`git --exec-path exited with ${code}`)),
    );
  });
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(GIT_REQUEST);
    if (!match) {
      // The GitLab file API needs the token; the read-only pages do not.
      const api = url.pathname.startsWith('/api/');
      if (api && !authorized(req.headers.authorization, options.token)) {
        refuseWithoutToken(res);
        return;
      }
      const served =
        req.method === 'GET' &&
        (await (api
          ? serveFileApi(options.root, url, res)
          : serveRepositoryPage(options.root, url, res)
        ).catch(() => false));
      if (!served && !res.headersSent) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      }
      return;
    }
    if (!authorized(req.headers.authorization, options.token)) {
      refuseWithoutToken(res);
      return;
    }
    const gitDir = path.join(options.root, match[1]);
    if (
      match[2] &&
      createGroups.has(match[2]) &&
      match[3] === 'info/refs' &&
      url.searchParams.get('service') === 'git-receive-pack' &&
      !(await fs.stat(gitDir).catch(() => undefined))
    ) {
      await fs.mkdir(path.dirname(gitDir), { recursive: true });
      await runDemoGit(gitDir, ['init', '--bare', '-q', '-b', 'main']).catch(
        () => undefined,
      );
    }
    const isPush = req.method === 'POST' && match[3] === 'git-receive-pack';
    const child = spawn(path.join(execPath, 'git-http-backend'), [], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_PROJECT_ROOT: options.root,
        GIT_HTTP_EXPORT_ALL: '1',
        REQUEST_METHOD: req.method ?? 'GET',
        PATH_INFO: url.pathname,
        QUERY_STRING: url.search.replace(/^\?/, ''),
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        ...(req.headers['content-length']
          ? { CONTENT_LENGTH: req.headers['content-length'] }
          : {}),
        HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
        GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
        // http-backend serves pushes to authenticated users only.
        REMOTE_USER: 'kitstage-demo',
        REMOTE_ADDR: '127.0.0.1',
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    let head = Buffer.alloc(0);
    let headersSent = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersSent) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const split = head.indexOf('\r\n\r\n');
      if (split < 0) return;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head
        .subarray(0, split)
        .toString('latin1')
        .split('\r\n')) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim();
        const value = line.slice(colon + 1).trim();
        if (name.toLowerCase() === 'status') status = parseInt(value, 10);
        else if (name) headers[name] = value;
      }
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(split + 4));
    });
    child.on('error', () => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
    child.on('close', async code => {
      if (!headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`git http-backend exited with ${code}\n`);
        return;
      }
      if (isPush && code === 0 && options.afterPush) {
        await options.afterPush(gitDir).catch(() => undefined);
      }
      res.end();
    });
    // A client that stops sending mid-request must not stop the backend.
    child.stdin.on('error', () => undefined);
    req.pipe(child.stdin);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
