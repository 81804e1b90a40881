// A reverse proxy that counts the requests it forwards to a registry, by kind, so that the
// provider and its peer are counted the same way.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A reverse proxy that counts the requests it forwards, by method and path kind. */
export interface CountingProxy {
  url: string;
  host: string;
  counts(): Record<string, number>;
  reset(): void;
  close(): Promise<void>;
}

function kindOf(method: string, path: string): string {
  if (path === '/v2/' || path === '/v2') return 'ping';
  if (path.startsWith('/v2/_catalog')) return 'catalog';
  if (/\/tags\/list/.test(path)) return 'tags';
  if (/\/manifests\//.test(path)) {
    return method === 'HEAD' ? 'manifest-head' : 'manifest';
  }
  if (/\/blobs\//.test(path)) return 'blob';
  return 'other';
}

export async function startCountingProxy(
  target: string,
): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  let counts: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const kind = kindOf(req.method ?? 'GET', (req.url ?? '').split('?')[0]);
    counts[kind] = (counts[kind] ?? 0) + 1;
    counts.total = (counts.total ?? 0) + 1;
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      answer => {
        const headers = { ...answer.headers };
        // Links and upload locations must point back at the proxy.
        for (const name of ['location', 'link'] as const) {
          const value = headers[name];
          if (typeof value === 'string') {
            headers[name] = value.split(upstream.host).join(req.headers.host);
          }
        }
        res.writeHead(answer.statusCode ?? 502, headers);
        answer.pipe(res);
      },
    );
    forward.on('error', error => {
      res.writeHead(502);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: () => {
      counts = {};
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>(resolve => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
