import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
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
