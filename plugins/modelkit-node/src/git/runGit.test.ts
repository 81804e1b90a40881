import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGit } from './runGit';

function git(cwd: string, ...args: string[]) {
  return execFileSync('git', args, {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: os.tmpdir(),
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
    },
  }).toString();
}

describe('runGit', () => {
  let root: string;
  let repo: string;
  let marker: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-rungit-'));
    repo = path.join(root, 'repo');
    marker = path.join(root, 'ran');
    fs.mkdirSync(repo);
    git(repo, 'init', '-q', '-b', 'main');
    fs.writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'initial');
    const script = path.join(root, 'script.sh');
    fs.writeFileSync(script, `#!/bin/sh\nenv >> "${marker}"\ncat\n`, {
      mode: 0o755,
    });
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('runs no command a repository configures as fsmonitor, hooks or credential helper', async () => {
    const script = path.join(root, 'script.sh');
    const hooks = path.join(root, 'hooks');
    fs.mkdirSync(hooks);
    for (const hook of ['pre-commit', 'post-commit', 'reference-transaction']) {
      fs.copyFileSync(script, path.join(hooks, hook));
    }
    git(repo, 'config', 'core.fsmonitor', script);
    git(repo, 'config', 'core.hooksPath', hooks);
    git(repo, 'config', 'credential.helper', `!${script}`);
    fs.writeFileSync(path.join(repo, 'a.txt'), 'b\n');

    await runGit(['status', '--porcelain'], { cwd: repo });
    await runGit(['add', 'a.txt'], { cwd: repo });
    await runGit(['commit', '-q', '-m', 'change'], { cwd: repo });

    expect(fs.existsSync(marker)).toBe(false);
  });

  it('does not look above its working directory for a repository', async () => {
    const sub = path.join(repo, 'sub');
    fs.mkdirSync(sub);
    await expect(
      runGit(['rev-parse', '--git-dir'], { cwd: sub }),
    ).rejects.toThrow(/not a git repository/);
    await expect(
      runGit(['rev-parse', '--git-dir'], { cwd: repo }),
    ).resolves.toBe('.git\n');
  });

  it('runs in an empty private directory when no working directory is given', async () => {
    // The test runs inside a checkout of the project; git must not find it.
    await expect(runGit(['rev-parse', '--git-dir'])).rejects.toThrow(
      /not a git repository/,
    );
  });

  it('checks out symbolic links as plain files', async () => {
    fs.symlinkSync('/etc', path.join(repo, 'link'));
    git(repo, 'add', 'link');
    git(repo, 'commit', '-q', '-m', 'link');
    const clone = path.join(root, 'clone');
    await runGit(['clone', '-q', '--', `file://${repo}`, clone], {
      remote: { url: `file://${repo}` },
    });
    const stat = fs.lstatSync(path.join(clone, 'link'));
    expect(stat.isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(path.join(clone, 'link'), 'utf8')).toBe('/etc');
  });
});
