import { spawn } from 'node:child_process';

/**
 * Runs the installed `git` on a bare repository of the demo Git host, without the user's or
 * the system's Git configuration (so no hook, template or signing setting of the machine
 * applies) and with only `PATH` from the backend's environment.
 *
 * @param gitDir - the bare repository (`--git-dir`).
 * @param args - the git arguments, after `--git-dir`.
 * @param options - extra environment variables (author, dates, index file) and standard input.
 * @returns the standard output.
 * @throws Error with git's standard error when git exits with another status than 0.
 */
export async function runDemoGit(
  gitDir: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<string> {
  return (await runDemoGitBytes(gitDir, args, options)).toString('utf8');
}

/**
 * {@link runDemoGit}, returning the standard output as bytes (a file's contents).
 */
export function runDemoGitBytes(
  gitDir: string,
  args: string[],
  options: { env?: Record<string, string>; input?: string } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', [`--git-dir=${gitDir}`, ...args], {
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        GIT_TERMINAL_PROMPT: '0',
        ...options.env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', chunk => out.push(chunk));
    child.stderr.on('data', chunk => err.push(chunk));
    child.on('error', reject);
    child.on('close', code => {
      if (code === 0) {
        resolve(Buffer.concat(out));
      } else {
        reject(
          new Error(
            `git ${args[0]} failed (${code}): ${Buffer.concat(err)
              .toString('utf8')
              .trim()}`,
          ),
        );
      }
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}
