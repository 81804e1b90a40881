import {
  createPrivateKey,
  randomUUID,
  sign,
  X509Certificate,
} from 'node:crypto';
import { LoopbackServer, startLoopbackServer } from './startLoopbackServer';
import { createTestCertificate, TestCertificate } from './tls';

/**
 * Options for {@link startTestTokenServer}.
 *
 * @public
 */
export interface TestTokenServerOptions {
  /** Accepted users and their passwords. */
  users?: Record<string, string>;
  /** Whether requests without credentials get pull-only tokens. Defaults to false. */
  anonymousPull?: boolean;
  /** `expires_in` of issued tokens. Defaults to 300. */
  expiresInSeconds?: number;
  /** The `service` (JWT audience). Defaults to `kitstage-test-registry`. */
  service?: string;
  /** The JWT issuer. Defaults to `kitstage-test-token-server`. */
  issuer?: string;
}

/**
 * A token server for `docker-registry` token authentication.
 *
 * @public
 */
export interface TestTokenServer extends LoopbackServer {
  /** The realm URL to configure in the registry. */
  realm: string;
  /** The `service` the tokens are issued for (their audience), to configure in the registry. */
  service: string;
  /** The issuer of the tokens, to configure in the registry. */
  issuer: string;
  /** The signing certificate, for the registry's `rootcertbundle`. */
  certificate: string;
  /** How many tokens were issued. */
  tokensIssued(): number;
}

/**
 * Starts a loopback token server speaking the Docker registry token protocol: after a
 * `WWW-Authenticate: Bearer` challenge, clients ask `GET <realm>?service=…&scope=…`
 * (with basic credentials or anonymously) and get an ES256 JWT that `docker-registry`
 * verifies against the server's certificate.
 *
 * @public
 */
export async function startTestTokenServer(
  options: TestTokenServerOptions = {},
): Promise<TestTokenServer> {
  const service = options.service ?? 'kitstage-test-registry';
  const issuer = options.issuer ?? 'kitstage-test-token-server';
  const expiresIn = options.expiresInSeconds ?? 300;
  const certificate: TestCertificate = await createTestCertificate({
    commonName: issuer,
  });
  const key = createPrivateKey(certificate.key);
  const x5c = new X509Certificate(certificate.cert).raw.toString('base64');
  let issued = 0;

  const server = await startLoopbackServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/token') {
      res.writeHead(404).end();
      return;
    }
    const user = authenticate(req.headers.authorization, options.users ?? {});
    if (user === false || (user === undefined && !options.anonymousPull)) {
      res.writeHead(401, {
        'content-type': 'application/json',
        'www-authenticate': 'Basic realm="kitstage-test-token-server"',
      });
      res.end(JSON.stringify({ details: 'invalid or missing credentials' }));
      return;
    }
    const access = url.searchParams
      .getAll('scope')
      .flatMap(scope => scope.split(' '))
      .filter(Boolean)
      .map(parseScope)
      .map(entry =>
        user === undefined
          ? { ...entry, actions: entry.actions.filter(a => a === 'pull') }
          : entry,
      );
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt(
      { typ: 'JWT', alg: 'ES256', x5c: [x5c] },
      {
        iss: issuer,
        sub: user ?? '',
        aud: service,
        exp: now + expiresIn,
        nbf: now - 10,
        iat: now,
        jti: randomUUID(),
        access,
      },
      key,
    );
    issued += 1;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: expiresIn,
        issued_at: new Date(now * 1000).toISOString(),
      }),
    );
  });

  return {
    ...server,
    realm: `${server.url}/token`,
    service,
    issuer,
    certificate: certificate.cert,
    tokensIssued: () => issued,
  };
}

function authenticate(
  header: string | undefined,
  users: Record<string, string>,
): string | false | undefined {
  if (!header) {
    return undefined;
  }
  const match = /^Basic\s+(.+)$/i.exec(header);
  if (!match) {
    return false;
  }
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const username = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  return colon > 0 && users[username] === password ? username : false;
}

function parseScope(scope: string) {
  const [type, ...rest] = scope.split(':');
  const actions = rest.pop() ?? '';
  return { type, name: rest.join(':'), actions: actions.split(',') };
}

function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

function signJwt(
  header: object,
  claims: object,
  key: ReturnType<typeof createPrivateKey>,
): string {
  const payload = `${base64url(JSON.stringify(header))}.${base64url(
    JSON.stringify(claims),
  )}`;
  const signature = sign('sha256', Buffer.from(payload), {
    key,
    dsaEncoding: 'ieee-p1363',
  });
  return `${payload}.${base64url(signature)}`;
}
