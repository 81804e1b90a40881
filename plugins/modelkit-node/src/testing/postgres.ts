import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  chown,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, waitUntilReady } from './childProcesses';

const run = promisify(execFile);
const DEFAULT_BIN_DIR = '/usr/lib/postgresql/15/bin';
const SERVICE_USER = 'postgres';

/**
 * Options for {@link startTestPostgres}.
 *
 * @public
 */
export interface StartTestPostgresOptions {
  /**
   * The directory holding `initdb`, `postgres` and `pg_isready`. Defaults to the
   * `PG_BIN_DIR` environment variable, else Debian's `/usr/lib/postgresql/15/bin`.
   */
  binDir?: string;
  /** `max_connections` of the server. Defaults to 200, enough for several test backends. */
  maxConnections?: number;
}

/**
 * A PostgreSQL server started by {@link startTestPostgres}.
 *
 * @public
 */
export interface TestPostgres {
  /** Always `127.0.0.1`. */
  host: string;
  /** The random loopback port the server listens on. */
  port: number;
  /** The superuser, `postgres`. */
  user: string;
  /** The superuser's random password. */
  password: string;
  /**
   * A `backend.database.connection` value for Backstage (with `client: 'pg'`). Backstage
   * creates one database per plugin on the server.
   */
  connection: { host: string; port: number; user: string; password: string };
  /** `postgresql://postgres:<password>@127.0.0.1:<port>`, e.g. for `TestDatabases`. */
  connectionString: string;
  /** Stops the server (fast shutdown) and deletes its data directory. */
  stop(): Promise<void>;
}

/**
 * Starts a throw-away PostgreSQL server: `initdb` into a temporary directory, then `postgres`
 * on a random port of 127.0.0.1 with its unix socket in that directory, password
 * authentication over TCP, and durability turned off for speed. Waits until it accepts
 * connections. Always call `stop` (e.g. in `afterAll`); the server is also killed if the
 * test process exits first.
 *
 * @remarks
 *
 * `initdb` and `postgres` refuse to run as root. When the test runs as root, both run as the
 * `postgres` system user through `runuser`, and the temporary directory is handed to that
 * user.
 *
 * @public
 */
export async function startTestPostgres(
  options: StartTestPostgresOptions = {},
): Promise<TestPostgres> {
  const binDir = options.binDir ?? process.env.PG_BIN_DIR ?? DEFAULT_BIN_DIR;
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'kitstage-postgres-'));
  const dataDir = join(dir, 'data');
  const socketDir = join(dir, 'socket');
  const password = randomBytes(16).toString('hex');
  let child: ChildProcess | undefined;
  let killOnExit: (() => void) | undefined;

  const command = (binary: string, args: string[]): [string, string[]] =>
    asRoot
      ? ['runuser', ['-u', SERVICE_USER, '--', join(binDir, binary), ...args]]
      : [join(binDir, binary), args];

  const cleanup = async () => {
    if (killOnExit) {
      process.removeListener('exit', killOnExit);
    }
    if (child) {
      await stopServer(child, dataDir);
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    await mkdir(socketDir);
    const passwordFile = join(dir, 'password');
    await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
    if (asRoot) {
      const uid = Number((await run('id', ['-u', SERVICE_USER])).stdout);
      const gid = Number((await run('id', ['-g', SERVICE_USER])).stdout);
      for (const path of [dir, socketDir, passwordFile]) {
        await chown(path, uid, gid);
      }
    }

    const [initdb, initdbArgs] = command('initdb', [
      '--pgdata',
      dataDir,
      '--username',
      SERVICE_USER,
      `--pwfile=${passwordFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--no-locale',
      '--no-sync',
    ]);
    try {
      await run(initdb, initdbArgs, { cwd: dir });
    } catch (error) {
      const { stderr } = error as { stderr?: string };
      throw new Error(
        `initdb failed in ${dataDir}: ${stderr?.trim() || String(error)}`,
      );
    }

    const port = await freePort();
    const [postgres, postgresArgs] = command('postgres', [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      socketDir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      `max_connections=${options.maxConnections ?? 200}`,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ]);
    child = spawn(postgres, postgresArgs, {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const started = child;
    killOnExit = () => {
      // Nothing can be awaited while the process exits: immediate shutdown, synchronously.
      const pid = readPostmasterPidSync(dataDir);
      try {
        if (pid) {
          process.kill(pid, 'SIGQUIT');
        }
      } catch {
        // Already gone.
      }
      started.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    await waitUntilAccepting(started, binDir, port, asRoot);

    const host = '127.0.0.1';
    const connection = { host, port, user: SERVICE_USER, password };
    return {
      host,
      port,
      user: SERVICE_USER,
      password,
      connection,
      connectionString: `postgresql://${SERVICE_USER}:${password}@${host}:${port}`,
      stop: cleanup,
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Waits until the server accepts connections (`pg_isready`; it needs no password). */
async function waitUntilAccepting(
  child: ChildProcess,
  binDir: string,
  port: number,
  asRoot: boolean,
) {
  const args = ['-h', '127.0.0.1', '-p', String(port), '-q'];
  await waitUntilReady(child, {
    name: 'postgres',
    readiness: 'accept connections',
    timeoutMs: 30_000,
    intervalMs: 100,
    async probe() {
      await run(
        asRoot ? 'runuser' : join(binDir, 'pg_isready'),
        asRoot
          ? ['-u', SERVICE_USER, '--', join(binDir, 'pg_isready'), ...args]
          : args,
      );
      return true;
    },
  });
}

function parsePid(text: string): number | undefined {
  const pid = Number(text.split('\n')[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

async function readPostmasterPid(dataDir: string): Promise<number | undefined> {
  try {
    return parsePid(await readFile(join(dataDir, 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

function readPostmasterPidSync(dataDir: string): number | undefined {
  try {
    return parsePid(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Stops the postmaster itself (the child may be `runuser`, which does not pass signals on):
 * SIGINT asks for a fast shutdown, which ends every connection; SIGQUIT after 10 s.
 */
async function stopServer(child: ChildProcess, dataDir: string) {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>(resolve =>
    child.once('exit', () => resolve()),
  );
  const signal = async (name: NodeJS.Signals) => {
    const pid = await readPostmasterPid(dataDir);
    try {
      if (pid) {
        process.kill(pid, name);
      } else {
        child.kill(name);
      }
    } catch {
      // Already gone.
    }
  };
  await signal('SIGINT');
  const timer = setTimeout(() => {
    void signal('SIGQUIT');
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  }, 10_000);
  await exited;
  clearTimeout(timer);
}
