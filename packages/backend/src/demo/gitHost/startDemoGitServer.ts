import { spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

/** The smart-HTTP requests of Git: the ref advertisement and the two services. */
const GIT_REQUEST =
  /^\/([a-z0-9][a-z0-9-]{0,99}\.git)\/(info\/refs|git-upload-pack|git-receive-pack)$/;

/** The demo Git host, running: see {@link startDemoGitServer}. */
export interface DemoGitServer {
  /** The base URL, `http://127.0.0.1:<port>`; repository `<name>.git` is `<url>/<name>.git`. */
  url: string;
  /** Stops listening and closes open connections. */
  stop(): Promise<void>;
}

/** Whether a request carries HTTP Basic credentials whose password is the token. */
function authorized(header: string | undefined, token: string): boolean {
  const match = header?.match(/^Basic\s+([A-Za-z0-9+/=]+)$/);
  if (!match) return false;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const password = Buffer.from(decoded.slice(decoded.indexOf(':') + 1));
  const expected = Buffer.from(token);
  return (
    decoded.includes(':') &&
    password.length === expected.length &&
    timingSafeEqual(password, expected)
  );
}

/**
 * Serves the bare repositories `<root>/<name>.git` over Git's smart HTTP protocol on
 * 127.0.0.1: every request runs the installed `git http-backend` (clone, fetch and push), its
 * CGI response streamed back. Only the smart-HTTP paths of repositories named
 * `<lower-case name>.git` are served. Every request must carry HTTP Basic credentials whose
 * password is `token`, as Kitstage sends them from the SCM integration configured for the host.
 * After each push, `afterPush` runs (with the repository directory) before the response ends,
 * so the pushing client sees its outcome.
 */
export async function startDemoGitServer(options: {
  root: string;
  /** The loopback port; 0 picks a free one. */
  port: number;
  token: string;
  afterPush?: (gitDir: string) => Promise<void>;
}): Promise<DemoGitServer> {
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
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = url.pathname.match(GIT_REQUEST);
    if (!match) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
      return;
    }
    if (!authorized(req.headers.authorization, options.token)) {
      res
        .writeHead(401, {
          'content-type': 'text/plain',
          'www-authenticate': 'Basic realm="Kitstage demo Git host"',
        })
        .end('The demo Git host needs its token\n');
      return;
    }
    const isPush = req.method === 'POST' && match[2] === 'git-receive-pack';
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
        await options
          .afterPush(path.join(options.root, match[1]))
          .catch(() => undefined);
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
