import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { JsonObject } from '@backstage/types';
import { fetch } from 'undici';
import { freePort, waitUntilReady } from './childProcesses';
import { startTestTokenServer, TestTokenServer } from './startTestTokenServer';
import { TestRegistryPusher } from './TestRegistryPusher';

const run = promisify(execFile);
const REGISTRY_BINARY = '/usr/bin/docker-registry';

/**
 * Options for {@link startTestRegistry}.
 *
 * @public
 */
export interface StartTestRegistryOptions {
  /**
   * `none` (default): anonymous pull and push. `htpasswd`: basic authentication with a
   * bcrypt htpasswd file. `token`: bearer tokens from a loopback token server
   * ({@link startTestTokenServer}) that accepts the same user.
   */
  auth?: 'none' | 'htpasswd' | 'token';
  /** The user for `htpasswd` and `token`. Defaults to `kitstage`. */
  username?: string;
  /** The password; defaults to a random one. */
  password?: string;
  /** `expires_in` of the token server's tokens. */
  tokenExpiresInSeconds?: number;
  /** Whether the token server gives anonymous clients pull tokens. */
  tokenAnonymousPull?: boolean;
}

/**
 * A running `docker-registry` (CNCF Distribution) on a random loopback port.
 *
 * @public
 */
export interface TestRegistry {
  /** The base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** Host and port, the registry part of references: `127.0.0.1:41234`. */
  host: string;
  /**
   * How the registry authenticates: not at all, with basic credentials (`htpasswd`), or with
   * bearer tokens from the token server (`token`).
   */
  auth: 'none' | 'htpasswd' | 'token';
  /** The accepted user, for `htpasswd` and `token`. */
  credentials?: { username: string; password: string };
  /** The token server, for `token`. */
  tokenServer?: TestTokenServer;
  /** A push client with the registry's credentials. */
  pusher: TestRegistryPusher;
  /**
   * A `kitstage.registries` entry for this registry, with its credentials (and, for
   * `token`, the token server in `auth.tokenRealmHosts`), merged with `extra`.
   */
  configEntry(name: string, extra?: JsonObject): JsonObject;
  /** Stops the registry (and token server) and deletes its storage. */
  stop(): Promise<void>;
}

/**
 * Starts Debian's `docker-registry` with filesystem storage in a temporary directory, on a
 * random port of 127.0.0.1, and waits until it answers. Always call `stop` (e.g. in
 * `afterAll`); the process is also killed if the test process exits first.
 *
 * @public
 */
export async function startTestRegistry(
  options: StartTestRegistryOptions = {},
): Promise<TestRegistry> {
  const auth = options.auth ?? 'none';
  const dir = await mkdtemp(join(tmpdir(), 'kitstage-registry-'));
  const credentials =
    auth === 'none'
      ? undefined
      : {
          username: options.username ?? 'kitstage',
          password: options.password ?? randomBytes(12).toString('hex'),
        };
  let tokenServer: TestTokenServer | undefined;
  let child: ChildProcess | undefined;
  const cleanup = async () => {
    if (child) {
      await stopProcess(child);
    }
    await tokenServer?.close();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    let authConfig: Record<string, unknown> | undefined;
    if (auth === 'htpasswd') {
      const { stdout } = await run('htpasswd', [
        '-Bbn',
        credentials!.username,
        credentials!.password,
      ]);
      const htpasswdPath = join(dir, 'htpasswd');
      await writeFile(htpasswdPath, stdout);
      authConfig = { htpasswd: { realm: 'kitstage-test', path: htpasswdPath } };
    } else if (auth === 'token') {
      tokenServer = await startTestTokenServer({
        users: { [credentials!.username]: credentials!.password },
        expiresInSeconds: options.tokenExpiresInSeconds,
        anonymousPull: options.tokenAnonymousPull,
      });
      const bundlePath = join(dir, 'token-ca.pem');
      await writeFile(bundlePath, tokenServer.certificate);
      authConfig = {
        token: {
          realm: tokenServer.realm,
          service: tokenServer.service,
          issuer: tokenServer.issuer,
          rootcertbundle: bundlePath,
        },
      };
    }

    let lastError: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const configPath = join(dir, 'config.json');
      // JSON is valid YAML, so the config is written by serialising an object.
      await writeFile(
        configPath,
        JSON.stringify({
          version: 0.1,
          log: { level: 'error', accesslog: { disabled: true } },
          storage: {
            filesystem: { rootdirectory: join(dir, 'data') },
            delete: { enabled: true },
            maintenance: { uploadpurging: { enabled: false } },
          },
          http: {
            addr: `127.0.0.1:${port}`,
            secret: randomBytes(16).toString('hex'),
          },
          health: { storagedriver: { enabled: false } },
          ...(authConfig ? { auth: authConfig } : {}),
        }),
      );
      child = spawn(REGISTRY_BINARY, ['serve', configPath], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      try {
        await waitUntilAnswering(child, `http://127.0.0.1:${port}`);
      } catch (error) {
        lastError = error;
        await stopProcess(child);
        child = undefined;
        continue;
      }
      const url = `http://127.0.0.1:${port}`;
      const started = child;
      const killOnExit = () => started.kill('SIGKILL');
      process.once('exit', killOnExit);
      const host = `127.0.0.1:${port}`;
      return {
        url,
        host,
        auth,
        credentials,
        tokenServer,
        pusher: new TestRegistryPusher({ url, ...credentials }),
        configEntry(name, extra = {}) {
          let entryAuth: JsonObject | undefined;
          if (credentials) {
            entryAuth = {
              type: 'basic',
              username: credentials.username,
              password: credentials.password,
              ...(tokenServer ? { tokenRealmHosts: [tokenServer.host] } : {}),
            };
          }
          return {
            name,
            url,
            ...(entryAuth ? { auth: entryAuth } : {}),
            ...extra,
          };
        },
        async stop() {
          process.removeListener('exit', killOnExit);
          await cleanup();
        },
      };
    }
    throw lastError;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Waits until the registry answers `/v2/` (200, or 401 when it wants credentials). */
async function waitUntilAnswering(child: ChildProcess, url: string) {
  await waitUntilReady(child, {
    name: 'docker-registry',
    readiness: 'answer',
    timeoutMs: 20_000,
    intervalMs: 50,
    async probe() {
      const response = await fetch(`${url}/v2/`);
      await response.body?.cancel();
      return response.status === 200 || response.status === 401;
    },
  });
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
