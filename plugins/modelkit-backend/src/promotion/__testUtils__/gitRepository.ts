import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs git with a fixed identity and commit time, and no user configuration. */
export async function git(
  cwd: string,
  args: string[],
  options: { date?: string; author?: [string, string] } = {},
): Promise<string> {
  const [name, email] = options.author ?? ['Test Author', 'author@example.com'];
  const { stdout } = await exec('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: name,
      GIT_AUTHOR_EMAIL: email,
      GIT_COMMITTER_NAME: name,
      GIT_COMMITTER_EMAIL: email,
      ...(options.date
        ? { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date }
        : {}),
    },
  });
  return stdout;
}

/** The overlay patch of an environment, pinned to a reference. */
export function overlayPatch(reference: string, comment = ''): string {
  return `# The ModelKit of this environment.${comment}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: support-sentiment
  annotations:
    kitstage.dev/modelkit: ${reference}
spec:
  template:
    spec:
      containers:
        - name: server
          env:
            - name: MODELKIT_REF
              value: ${reference}
`;
}

/** A work tree with staging and production overlays whose commits a test scripts. */
export class ScriptedRepository {
  private constructor(
    readonly root: string,
    readonly work: string,
    readonly bare: string,
  ) {}

  static async create(): Promise<ScriptedRepository> {
    const root = await fs.mkdtemp(
      path.join(os.tmpdir(), 'kitstage-history-test-'),
    );
    const work = path.join(root, 'work');
    const bare = path.join(root, 'svc.git');
    await fs.mkdir(work);
    await git(root, ['init', '-q', '--bare', '-b', 'main', bare]);
    await git(work, ['init', '-q', '-b', 'main']);
    return new ScriptedRepository(root, work, bare);
  }

  async write(file: string, content: string) {
    const target = path.join(this.work, file);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, content);
  }

  async commit(
    message: string,
    date: string,
    author?: [string, string],
  ): Promise<string> {
    await git(this.work, ['add', '-A']);
    await git(this.work, ['commit', '-q', '-m', message], { date, author });
    return (await git(this.work, ['rev-parse', 'HEAD'])).trim();
  }

  /** Commits on a branch and merges it with a merge commit, as a pull request merge does. */
  async mergePullRequest(
    branch: string,
    files: Record<string, string>,
    mergeMessage: string,
    date: string,
    merger: [string, string],
  ): Promise<string> {
    await git(this.work, ['checkout', '-q', '-b', branch]);
    for (const [file, content] of Object.entries(files)) {
      await this.write(file, content);
    }
    await this.commit(`Change on ${branch}`, date);
    await git(this.work, ['checkout', '-q', 'main']);
    await git(
      this.work,
      ['merge', '-q', '--no-ff', '-m', mergeMessage, branch],
      { date, author: merger },
    );
    return (await git(this.work, ['rev-parse', 'HEAD'])).trim();
  }

  async push() {
    await git(this.work, ['push', '-q', '--force', this.bare, 'main']);
  }

  async remove() {
    await fs.rm(this.root, { recursive: true, force: true });
  }
}

/**
 * Git's smart HTTP protocol on loopback for the repositories under `projectRoot`: a Node HTTP
 * server that runs `git http-backend` as a CGI program for every request.
 */
export async function startGitHttpServer(projectRoot: string): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  const backend = (
    await exec('git', ['--exec-path'], { env: { PATH: process.env.PATH } })
  ).stdout.trim();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    const child = execFile(
      path.join(backend, 'git-http-backend'),
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
          if (name.toLowerCase() === 'status') status = parseInt(value, 10);
          else if (name) headers[name] = value;
        }
        res.writeHead(status, headers);
        res.end(output.subarray(split + 4));
      },
    );
    req.pipe(child.stdin!);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
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
