import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';

/**
 * Annotation on a Component naming the Git repository that holds its deployment overlays,
 * when it is not the repository of `backstage.io/source-location`: a clone URL, optionally
 * followed by `#<branch>`.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_REPOSITORY = 'kitstage.dev/deploy-repository';

/**
 * A Git remote the backend may read, with the HTTP credentials to send.
 *
 * @internal
 */
export interface HistoryRemote {
  url: string;
  branch?: string;
  authorization?: string;
}

interface Integration {
  host: string;
  token?: string;
  kind: 'github' | 'gitlab';
}

function integrations(config: Config): Integration[] {
  const read = (kind: 'github' | 'gitlab') =>
    (config.getOptionalConfigArray(`integrations.${kind}`) ?? []).map(c => ({
      host: c.getString('host'),
      token: c.getOptionalString('token'),
      kind,
    }));
  return [...read('github'), ...read('gitlab')];
}

/**
 * Where a Component's overlays live: its `kitstage.dev/deploy-repository` annotation, or the
 * repository of its `backstage.io/source-location` (GitHub `…/tree/<branch>/…` and GitLab
 * `…/-/tree/<branch>/…` URLs are turned into clone URLs).
 *
 * @internal
 */
export function componentRemote(entity: Entity): {
  url: string;
  branch?: string;
} {
  const annotations = entity.metadata.annotations ?? {};
  const deploy = annotations[ANNOTATION_DEPLOY_REPOSITORY]?.trim();
  if (deploy) {
    const [url, branch] = deploy.split('#');
    return { url, ...(branch ? { branch } : {}) };
  }
  const source = annotations['backstage.io/source-location']?.trim();
  if (!source) {
    throw new InputError(
      `${stringifyEntityRef(
        entity,
      )} has neither a ${ANNOTATION_DEPLOY_REPOSITORY} nor a backstage.io/source-location annotation`,
    );
  }
  const location = source.replace(/^url:/, '');
  let parsed: URL;
  try {
    parsed = new URL(location);
  } catch {
    throw new InputError(
      `The backstage.io/source-location of ${stringifyEntityRef(
        entity,
      )} is not a URL`,
    );
  }
  const gitlab = parsed.pathname.match(/^(\/.+?)\/-\/(?:tree|blob)\/([^/]+)/);
  const github = parsed.pathname.match(
    /^(\/[^/]+\/[^/]+?)\/(?:tree|blob)\/([^/]+)/,
  );
  const match = gitlab ?? github;
  if (match) {
    return {
      url: `${parsed.protocol}//${parsed.host}${match[1].replace(
        /\.git$/,
        '',
      )}.git`,
      branch: decodeURIComponent(match[2]),
    };
  }
  return { url: `${parsed.protocol}//${parsed.host}${parsed.pathname}` };
}

/**
 * Decides whether the backend may read a Git remote: `https://` on a host of a GitHub or
 * GitLab integration (with its token), or a URL under `kitstage.promotion.allowedRemotes`
 * (the only way to allow `http://` and `file://`, for demos and tests).
 *
 * @internal
 */
export function allowRemote(
  config: Config,
  remote: { url: string; branch?: string },
): HistoryRemote {
  let parsed: URL;
  try {
    parsed = new URL(remote.url);
  } catch {
    throw new InputError(`"${remote.url.slice(0, 200)}" is not a Git URL`);
  }
  if (!['https:', 'http:', 'file:'].includes(parsed.protocol)) {
    throw new NotAllowedError(
      `Git remotes over ${parsed.protocol} are not read; use https://`,
    );
  }
  if (parsed.username || parsed.password) {
    throw new NotAllowedError('The Git remote URL must not carry credentials');
  }
  if (
    remote.branch !== undefined &&
    !/^[A-Za-z0-9][A-Za-z0-9._/-]{0,199}$/.test(remote.branch)
  ) {
    throw new InputError(
      `"${remote.branch.slice(0, 100)}" is not a branch name`,
    );
  }
  const allowed =
    config.getOptionalStringArray('kitstage.promotion.allowedRemotes') ?? [];
  const integration = integrations(config).find(
    i => i.host.toLowerCase() === parsed.host.toLowerCase(),
  );
  let authorization: string | undefined;
  if (integration?.token && parsed.protocol !== 'file:') {
    const user = integration.kind === 'github' ? 'x-access-token' : 'oauth2';
    authorization = `Basic ${Buffer.from(
      `${user}:${integration.token}`,
    ).toString('base64')}`;
  }
  if (
    (parsed.protocol === 'https:' && integration) ||
    allowed.some(prefix => remote.url.startsWith(prefix))
  ) {
    return { ...remote, authorization };
  }
  throw new NotAllowedError(
    `The Git remote ${parsed.protocol}//${parsed.host}${parsed.pathname} is neither on a host of an SCM integration nor under kitstage.promotion.allowedRemotes`,
  );
}
