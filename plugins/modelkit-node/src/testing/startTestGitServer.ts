import { execFile } from 'node:child_process';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/**
 * A running Git smart-HTTP server: see {@link startTestGitServer}.
 *
 * @public
 */
export interface TestGitServer {
  /** The base URL, e.g. `http://127.0.0.1:41234`; a repository `a/b.git` is `<url>/a/b.git`. */
  url: string;
  /** Every request, as `<method> <path><query>`, in order. */
  requests: string[];
  /** The `Authorization` header of every request that sent one, in order. */
  authorizations: string[];
  /** Stops the server and closes its connections. */
  stop(): Promise<void>;
}

/**
 * Serves the Git repositories under `projectRoot` over Git's smart HTTP protocol on a loopback
 * port: a Node HTTP server that runs the installed `git http-backend` as a CGI program for
 * every request (clone, fetch and push). It records each request and `Authorization` header,
 * so tests can check what a client sent; it does not check credentials itself.
 *
 * @public
 */
export async function startTestGitServer(
  projectRoot: string,
): Promise<TestGitServer> {
  const execPath = (
    await exec('git', ['--exec-path'], { env: { PATH: process.env.PATH } })
  ).stdout.trim();
  const requests: string[] = [];
  const authorizations: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (req.headers.authorization) {
      authorizations.push(req.headers.authorization);
    }
    const child = execFile(
      path.join(execPath, 'git-http-backend'),
      [],
      {
        encoding: 'buffer',
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          GIT_PROJECT_ROOT: projectRoot,
          GIT_HTTP_EXPORT_ALL: '1',
          REQUEST_METHOD: req.method!,
          PATH_INFO: decodeURIComponent(url.pathname),
          QUERY_STRING: url.search.replace(/^\?/, ''),
          CONTENT_TYPE: req.headers['content-type'] ?? '',
          ...(req.headers['content-length']
            ? { CONTENT_LENGTH: req.headers['content-length'] }
            : {}),
          HTTP_CONTENT_ENCODING: req.headers['content-encoding'] ?? '',
          GIT_PROTOCOL: String(req.headers['git-protocol'] ?? ''),
          // http-backend refuses pushes from anonymous users.
          REMOTE_USER: 'tester',
          REMOTE_ADDR: '127.0.0.1',
        },
      },
      (error, stdout) => {
        const output = stdout as unknown as Buffer;
        if (error && !output?.length) {
          res.writeHead(500);
          res.end(String(error));
          return;
        }
        const split = output.indexOf('\r\n\r\n');
        let status = 200;
        const headers: Record<string, string> = {};
        for (const line of output
          .subarray(0, split)
          .toString('latin1')
          .split('\r\n')) {
          const colon = line.indexOf(':');
          const name = line.slice(0, colon).trim();
          const value = line.slice(colon + 1).trim();
          if (name.toLowerCase() === 'status') {
            status = parseInt(value, 10);
          } else if (name) {
            headers[name] = value;
          }
        }
        res.writeHead(status, headers);
        res.end(output.subarray(split + 4));
      },
    );
    // A client that stops sending mid-request must not crash the test process.
    child.stdin!.on('error', () => undefined);
    req.pipe(child.stdin!);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    authorizations,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
