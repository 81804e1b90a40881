import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { execFile } from 'node:child_process';

/**
 * A Git remote the actions may talk to, with the HTTP credentials to send (never in the URL).
 *
 * @internal
 */
export interface GitRemote {
  /** The URL, without credentials. */
  url: string;
  /** `Authorization` header value for http(s) remotes, from the SCM integration. */
  authorization?: string;
}

const MAX_OUTPUT = 16 * 1024 * 1024;

/**
 * Decides whether a Git remote may be used and with which credentials: `https://` remotes on
 * a host of a GitHub or GitLab integration (with its token), and remotes that start with one
 * of `kitstage.promotion.allowedRemotes` (for other hosts, `http://` on loopback, and
 * `file://` in the demo). Credentials in the URL, `ssh` and `ext::` remotes are refused.
 *
 * @internal
 */
export function resolveGitRemote(config: Config, url: string): GitRemote {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(
      `"${url.slice(0, 200)}" is not a Git remote URL; give an https:// URL`,
    );
  }
  if (!['https:', 'http:', 'file:'].includes(parsed.protocol)) {
    throw new NotAllowedError(
      `Git remotes over ${parsed.protocol} are not supported; use https://`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new InputError(
      'The Git remote URL must not carry credentials; configure them in the SCM integration',
    );
  }
  const allowed =
    config.getOptionalStringArray('kitstage.promotion.allowedRemotes') ?? [];
  const byPrefix = allowed.some(prefix => url.startsWith(prefix));
  const integrations = ScmIntegrations.fromConfig(config);
  let authorization: string | undefined;
  if (parsed.protocol !== 'file:') {
    const github = integrations.github.byUrl(url);
    const gitlab = integrations.gitlab.byUrl(url);
    if (github?.config.token) {
      authorization = `Basic ${Buffer.from(
        `x-access-token:${github.config.token}`,
      ).toString('base64')}`;
    } else if (gitlab?.config.token) {
      authorization = `Basic ${Buffer.from(
        `oauth2:${gitlab.config.token}`,
      ).toString('base64')}`;
    }
    const byIntegration =
      parsed.protocol === 'https:' &&
      (github !== undefined || gitlab !== undefined);
    if (byIntegration || byPrefix) {
      return { url, authorization };
    }
  } else if (byPrefix) {
    return { url };
  }
  throw new NotAllowedError(
    `The Git remote ${parsed.protocol}//${parsed.host}${parsed.pathname} is neither on a host of an SCM integration (integrations.github, integrations.gitlab) nor under kitstage.promotion.allowedRemotes`,
  );
}

/**
 * Runs the `git` CLI with an argument array (never a shell), without the user's or system
 * Git configuration, without prompts, allowing only the protocol of the remote, and with the
 * remote's credentials in an `http.extraHeader` passed through the environment, so they
 * appear neither in a URL nor in the process list. Errors carry git's message without them.
 *
 * @internal
 */
export function runGit(
  args: string[],
  options: {
    cwd?: string;
    remote?: GitRemote;
    env?: Record<string, string>;
  } = {},
): Promise<string> {
  const remote = options.remote;
  const protocol = remote ? new URL(remote.url).protocol.replace(':', '') : '';
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: '/nonexistent',
    LANG: 'C',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    GIT_ALLOW_PROTOCOL: protocol || 'https',
    GIT_AUTHOR_NAME: 'Kitstage',
    GIT_AUTHOR_EMAIL: 'kitstage@localhost',
    GIT_COMMITTER_NAME: 'Kitstage',
    GIT_COMMITTER_EMAIL: 'kitstage@localhost',
    ...options.env,
  };
  const configs: Array<[string, string]> = [
    ['core.hooksPath', '/dev/null'],
    ['protocol.file.allow', protocol === 'file' ? 'always' : 'never'],
  ];
  if (remote?.authorization) {
    configs.push([
      `http.${remote.url}.extraHeader`,
      `Authorization: ${remote.authorization}`,
    ]);
  }
  env.GIT_CONFIG_COUNT = String(configs.length);
  configs.forEach(([key, value], index) => {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
  });
  const secret = remote?.authorization;
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd: options.cwd, env, maxBuffer: MAX_OUTPUT, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) {
          let message = `git ${args[0]} failed: ${String(
            stderr || error.message,
          )
            .trim()
            .slice(0, 2000)}`;
          if (secret) {
            message = message.split(secret).join('***');
          }
          reject(new Error(message));
          return;
        }
        resolve(stdout);
      },
    );
  });
}
