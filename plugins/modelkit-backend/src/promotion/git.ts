import { execFile } from 'node:child_process';
import { HistoryRemote } from './remotes';

/**
 * Runs the `git` CLI with an argument array (no shell), without user or system Git
 * configuration, prompts or hooks, allowing only the remote's protocol; credentials travel in
 * an `http.extraHeader` set through the environment and are cut out of error messages.
 *
 * @internal
 */
export function runGit(
  args: string[],
  options: { cwd?: string; remote?: HistoryRemote; input?: string } = {},
): Promise<string> {
  const protocol = options.remote
    ? new URL(options.remote.url).protocol.replace(':', '')
    : 'https';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    GIT_ALLOW_PROTOCOL: protocol,
  };
  const configs: Array<[string, string]> = [
    ['core.hooksPath', '/dev/null'],
    ['protocol.file.allow', protocol === 'file' ? 'always' : 'never'],
  ];
  if (options.remote?.authorization) {
    configs.push([
      `http.${options.remote.url}.extraHeader`,
      `Authorization: ${options.remote.authorization}`,
    ]);
  }
  env.GIT_CONFIG_COUNT = String(configs.length);
  configs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  const secret = options.remote?.authorization;
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      args,
      {
        cwd: options.cwd,
        env,
        maxBuffer: 64 * 1024 * 1024,
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error) {
          let message = `git ${args[0]} failed: ${String(
            stderr || error.message,
          )
            .trim()
            .slice(0, 2000)}`;
          if (secret) message = message.split(secret).join('***');
          reject(new Error(message));
          return;
        }
        resolve(stdout);
      },
    );
    if (options.input !== undefined) {
      child.stdin?.end(options.input);
    }
  });
}
