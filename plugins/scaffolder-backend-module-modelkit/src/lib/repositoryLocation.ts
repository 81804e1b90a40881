import { InputError, NotAllowedError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import * as patterns from './patterns';

/**
 * Where a repository picked with the RepoUrlPicker lives on its Git host.
 *
 * @internal
 */
export interface RepositoryLocation {
  /** The host, with its port when it has one. */
  host: string;
  /** The SCM integration type of the host, such as `github` or `gitlab`. */
  type: string;
  /** The web address of the repository, `<base URL>/<owner>/<repo>`. */
  webUrl: string;
  /** The Git remote, `<web address>.git`. */
  cloneUrl: string;
  /** The web address of a branch's files, as the host writes it (`/-/blob/` on GitLab). */
  contentsUrl(branch: string): string;
}

/**
 * Resolves a RepoUrlPicker value, `<host>?owner=<owner>&repo=<name>`, against the SCM
 * integrations: the host must have one; a GitLab integration's `baseUrl` gives the scheme and
 * path, other hosts are `https://<host>`; the owner is a user or group name (GitLab sub-groups
 * as `/`-separated segments) and the name a repository name. Nothing here decides whether
 * the repository may be written: that is `kitstage.promotion.allowedRemotes`'
 * (`GitRemotePolicy`).
 *
 * @param field - names the value in errors.
 * @internal
 */
export function resolveRepositoryLocation(
  integrations: ScmIntegrationRegistry,
  repoUrl: string,
  field = 'repoUrl',
): RepositoryLocation {
  let named: string;
  try {
    named = new URL(`https://${repoUrl}`).host;
  } catch {
    throw new InputError(
      `${field} "${repoUrl}" is not <host>?owner=<owner>&repo=<name>`,
    );
  }
  if (!integrations.byHost(named)) {
    throw new NotAllowedError(
      `${field} names the host ${named}, which has no SCM integration (integrations.<type>[].host)`,
    );
  }
  let parsed: ReturnType<typeof parseRepoUrl>;
  try {
    parsed = parseRepoUrl(repoUrl, integrations);
  } catch (error) {
    throw new InputError(
      `${field} "${repoUrl}" is not <host>?owner=<owner>&repo=<name>: ${
        (error as Error).message
      }`,
    );
  }
  const { host, owner, repo } = parsed;
  const integration = integrations.byHost(host)!;
  if (!owner || !patterns.REPOSITORY_OWNER.test(owner)) {
    throw new InputError(
      `${field} owner "${owner ?? ''}" is not a user or group name`,
    );
  }
  if (!patterns.REPOSITORY_NAME.test(repo)) {
    throw new InputError(
      `${field} repo "${repo}" is not a repository name (letters, digits, ".", "_" and "-", not ending with .git)`,
    );
  }
  // A GitLab integration names its scheme and path (baseUrl); other hosts are served over
  // https at their root.
  const base = (
    integrations.gitlab.byHost(host)?.config.baseUrl ?? `https://${host}`
  ).replace(/\/+$/, '');
  const webUrl = `${base}/${owner}/${repo}`;
  return {
    host,
    type: integration.type,
    webUrl,
    cloneUrl: `${webUrl}.git`,
    contentsUrl: branch =>
      `${webUrl}/${
        integration.type === 'gitlab' ? '-/blob' : 'blob'
      }/${branch}`,
  };
}
