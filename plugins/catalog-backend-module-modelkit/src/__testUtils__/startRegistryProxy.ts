import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault the proxy answers with instead of forwarding. `paths` limits it to matching request
 * paths (with query); without it, every request gets it.
 */
export type RegistryProxyFault =
  | { status: 500; paths?: RegExp }
  | { status: 401; paths?: RegExp };

/**
 * A loopback HTTP proxy in front of a real registry, to make it misbehave on purpose: answer
 * with 500 or 401, hide repositories from `_catalog` (as a registry does when a token loses
 * access to them), or stop listening altogether.
 */
export interface RegistryProxy {
  /** `http://127.0.0.1:<port>`: configure it as the registry URL. */
  url: string;
  /** `127.0.0.1:<port>`: the host of repository references through the proxy. */
  host: string;
  /** Method and path of every request received. */
  requests: Array<{ method: string; path: string }>;
  /** Sets (or, with undefined, clears) the fault. */
  setFault(fault: RegistryProxyFault | undefined): void;
  /** Repositories left out of `_catalog` answers. */
  hidden: Set<string>;
  /** Stops listening and drops open connections: the registry is down. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Stops the proxy for good. */
  close(): Promise<void>;
}

export async function startRegistryProxy(
  target: string,
): Promise<RegistryProxy> {
  const targetUrl = new URL(target);
  const requests: RegistryProxy['requests'] = [];
  const hidden = new Set<string>();
  let fault: RegistryProxyFault | undefined;

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path });
    if (fault && (!fault.paths || fault.paths.test(path))) {
      const body = JSON.stringify({
        errors: [
          fault.status === 401
            ? { code: 'UNAUTHORIZED', message: 'authentication required' }
            : { code: 'UNKNOWN', message: 'storage backend unavailable' },
        ],
      });
      res.writeHead(fault.status, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        ...(fault.status === 401
          ? { 'www-authenticate': 'Basic realm="kitstage-test"' }
          : {}),
      });
      res.end(body);
      return;
    }
    const headers = { ...req.headers, host: targetUrl.host };
    const upstream = http.request(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path,
        headers,
      },
      upstreamRes => {
        const isCatalog =
          path.startsWith('/v2/_catalog') && upstreamRes.statusCode === 200;
        if (!isCatalog || hidden.size === 0) {
          res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
          upstreamRes.pipe(res);
          return;
        }
        const chunks: Buffer[] = [];
        upstreamRes.on('data', chunk => chunks.push(chunk));
        upstreamRes.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
            repositories?: string[];
          };
          const body = JSON.stringify({
            ...json,
            repositories: (json.repositories ?? []).filter(r => !hidden.has(r)),
          });
          res.writeHead(200, {
            ...upstreamRes.headers,
            'content-length': Buffer.byteLength(body),
          });
          res.end(body);
        });
      },
    );
    upstream.on('error', error => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
    req.pipe(upstream);
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.removeListener('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>(resolve => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  await listen(0);
  const { port } = server.address() as AddressInfo;
  let listening = true;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    hidden,
    setFault(next) {
      fault = next;
    },
    async down() {
      if (listening) {
        listening = false;
        await stop();
      }
    },
    async up() {
      if (!listening) {
        await listen(port);
        listening = true;
      }
    },
    async close() {
      if (listening) {
        listening = false;
        await stop();
      }
    },
  };
}
