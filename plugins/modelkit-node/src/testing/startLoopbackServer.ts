import http from 'node:http';
import https from 'node:https';
import type {
  IncomingHttpHeaders,
  IncomingMessage,
  ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestCertificate } from './tls';

/**
 * A request received by a {@link LoopbackServer}.
 *
 * @public
 */
export interface RecordedRequest {
  /** The HTTP method, e.g. `GET`. */
  method: string;
  /** The path and query. */
  url: string;
  /** The request headers, as received. */
  headers: IncomingHttpHeaders;
}

/**
 * An HTTP(S) server on 127.0.0.1 that records every request it receives.
 *
 * @public
 */
export interface LoopbackServer {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The host and port, e.g. `127.0.0.1:41234`. */
  host: string;
  /** The port on 127.0.0.1 the server listens on. */
  port: number;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Stops the server and drops open (even hanging) connections. */
  close(): Promise<void>;
}

/**
 * Starts an HTTP server on a random loopback port (HTTPS when `tls` is given) that records
 * each request and hands it to `handler`. Handy for registries, token servers and
 * redirect targets that misbehave on purpose.
 *
 * @public
 */
export async function startLoopbackServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>,
  options: { tls?: TestCertificate } = {},
): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      headers: { ...req.headers },
    });
    Promise.resolve(handler(req, res)).catch(error => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain' });
      }
      res.end(String(error));
    });
  };
  const server = options.tls
    ? https.createServer(
        { cert: options.tls.cert, key: options.tls.key },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>(resolve => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
