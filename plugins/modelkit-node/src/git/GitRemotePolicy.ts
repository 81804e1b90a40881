import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotAllowedError } from '@backstage/errors';
import { TrustedLocations } from '../access/provenance';
import { offBranchReason, placeOfLocation } from './locationInRepository';
import { GitRemoteUrl, isGitRemoteUnder, parseGitRemoteUrl } from './remoteUrl';

/**
 * Annotation on a Component naming the Git repository that holds its deployment overlays,
 * when it is not the repository of `backstage.io/source-location`: a clone URL, optionally
 * followed by `#<branch>`.
 *
 * @public
 */
export const ANNOTATION_DEPLOY_REPOSITORY = 'kitstage.dev/deploy-repository';

/**
 * A Git remote that configuration allows, with the HTTP credentials to send (never in the URL).
 *
 * @public
 */
export interface GitRemote {
  /** The normalised URL, without credentials; exactly what was checked. */
  url: string;
  /** The branch named with the remote (`#<branch>` of the deploy repository), if any. */
  branch?: string;
  /** `Authorization` header value for http(s) remotes, from the SCM integration's token. */
  authorization?: string;
}

/** One `/`-separated component of a branch name. */
const BRANCH_COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** Whether a text is a plain branch name that git and Kitstage read the same way. */
function isBranchName(branch: string): boolean {
  if (
    typeof branch !== 'string' ||
    branch.length === 0 ||
    branch.length > 100 ||
    branch === 'HEAD'
  ) {
    return false;
  }
  return branch
    .split('/')
    .every(
      component =>
        BRANCH_COMPONENT.test(component) &&
        !component.includes('..') &&
        !component.endsWith('.') &&
        !component.endsWith('.lock'),
    );
}

/**
 * Checks a Git branch name strictly: at most 100 characters, `/`-separated components of
 * letters, digits, `_`, `.` and `-` that start with a letter, digit or `_`, none empty, none
 * containing `..`, ending with `.` or `.lock`, and not `HEAD`. A branch comes from a
 * Component's annotation, so it also keys the promotion history cache.
 *
 * @throws InputError naming `what` when it is not a plain branch name.
 * @public
 */
export function checkGitBranch(branch: string, what = 'branch'): string {
  if (!isBranchName(branch)) {
    throw new InputError(
      `${what} ${JSON.stringify(
        String(branch).slice(0, 100),
      )} is not a branch name`,
    );
  }
  return branch;
}

/**
 * The branch Kitstage uses as the base of a remote that names none: promotions check it out,
 * promotion branches start from it, and a catalog location binds a Component to the remote
 * only on it.
 *
 * @public
 */
export const DEFAULT_GIT_BASE_BRANCH = 'main';

/**
 * The base branch of a remote: the branch it names (`#<branch>` of the deploy repository),
 * else {@link DEFAULT_GIT_BASE_BRANCH}.
 *
 * @public
 */
export function baseBranchOf(remote: Pick<GitRemote, 'branch'>): string {
  return remote.branch ?? DEFAULT_GIT_BASE_BRANCH;
}

function quoteLocation(location: string): string {
  return location.length > 300 ? `${location.slice(0, 300)}…` : location;
}

interface Integration {
  host: string;
  token?: string;
  kind: 'github' | 'gitlab';
}

/**
 * Decides which Git remotes Kitstage may clone, read and push to, and with which credentials.
 *
 * @remarks
 *
 * A remote is used only when it is at or below an entry of `kitstage.promotion.allowedRemotes`,
 * compared parsed ({@link parseGitRemoteUrl}, {@link isGitRemoteUnder}): scheme, host, port and
 * whole path segments. Remotes come from Components (their `kitstage.dev/deploy-repository`
 * annotation or source location), which anyone may register, so only configuration decides
 * where the backend's SCM integration token (`integrations.github[].token`,
 * `integrations.gitlab[].token`, matched by host) is sent.
 *
 * A Component's remote is moreover bound to where the Component was registered from
 * ({@link GitRemotePolicy.forComponent}): an allowed remote is usually a whole organisation,
 * and a Component anyone registers must not pick another team's repository in it.
 *
 * @public
 */
export class GitRemotePolicy {
  readonly #allowed: Array<ReturnType<typeof parseGitRemoteUrl>>;
  readonly #integrations: Integration[];
  readonly #trustedLocations: TrustedLocations;

  /**
   * Reads `kitstage.promotion.allowedRemotes`, `kitstage.provenance.trustedLocations` and the
   * GitHub and GitLab integrations.
   */
  static fromConfig(config: Config): GitRemotePolicy {
    return new GitRemotePolicy(config);
  }

  private constructor(config: Config) {
    const key = 'kitstage.promotion.allowedRemotes';
    this.#allowed = (config.getOptionalStringArray(key) ?? []).map((entry, i) =>
      parseGitRemoteUrl(entry, `${key}[${i}]`),
    );
    const read = (kind: 'github' | 'gitlab') =>
      (config.getOptionalConfigArray(`integrations.${kind}`) ?? []).map(c => ({
        host: c.getString('host').toLowerCase().replace(/\.$/, ''),
        token: c.getOptionalString('token'),
        kind,
      }));
    this.#integrations = [...read('github'), ...read('gitlab')];
    this.#trustedLocations = TrustedLocations.fromConfig(config);
  }

  /**
   * Resolves a remote URL that configuration allows, with the credentials of the SCM
   * integration for its host.
   *
   * @param what - what the URL is, for error messages.
   * @throws InputError for a malformed URL; NotAllowedError when it is not allowed.
   */
  resolve(url: string, what = 'The Git remote'): GitRemote {
    const remote = parseGitRemoteUrl(url, what);
    if (!this.#allowed.some(allowed => isGitRemoteUnder(remote, allowed))) {
      throw new NotAllowedError(
        `${what} ${remote.href} is not under kitstage.promotion.allowedRemotes`,
      );
    }
    let authorization: string | undefined;
    if (remote.scheme !== 'file') {
      const authority =
        remote.port === (remote.scheme === 'https' ? '443' : '80')
          ? remote.host
          : `${remote.host}:${remote.port}`;
      const integration = this.#integrations.find(
        i => i.host === authority || i.host === `${remote.host}:${remote.port}`,
      );
      if (integration?.token) {
        const user =
          integration.kind === 'github' ? 'x-access-token' : 'oauth2';
        authorization = `Basic ${Buffer.from(
          `${user}:${integration.token}`,
        ).toString('base64')}`;
      }
    }
    return { url: remote.href, ...(authorization ? { authorization } : {}) };
  }

  /**
   * The Git remote that holds a Component's deployment overlays, when configuration allows it
   * and the Component may name it: its `kitstage.dev/deploy-repository` annotation
   * (`<url>#<branch>`), or the repository of its `backstage.io/source-location` (GitHub
   * `…/tree/<branch>/…` and GitLab `…/-/tree/<branch>/…` URLs become clone URLs and branches).
   *
   * @remarks
   *
   * The remote must be under `kitstage.promotion.allowedRemotes`, and bound to the Component's
   * provenance, read from the location annotations the catalog itself sets
   * (`backstage.io/managed-by-origin-location` and `backstage.io/managed-by-location`):
   *
   * - an http(s) remote is honoured when both locations are `url:` locations of a file on the
   *   remote's base branch ({@link baseBranchOf}: the `#<branch>` it names, else
   *   {@link DEFAULT_GIT_BASE_BRANCH}): the remote's scheme, host and port, its repository path
   *   (without `.git`) segment by segment, a file marker of the SCM hosts (`/blob/`, `/tree/`,
   *   `/raw/`, `/-/blob/`, `/-/tree/`, `/-/raw/`, `/src/`, `/src/branch/`, `/raw/branch/`),
   *   exactly that branch, then a path. Only people who may write that branch can then name
   *   the repository. Any other ref is refused, saying why: the hosts serve every commit of
   *   the repository's network under its URL (those of pull requests, merge requests and
   *   forks too, by commit id or `refs/pull/…`), so a commit id, a `refs/…` ref or another
   *   branch proves nothing; a branch whose first segment could be read as a commit id or is
   *   `refs` is refused too;
   * - any allowed remote, `file://` ones included, is honoured when the file the Component was
   *   read from (`backstage.io/managed-by-location`) is listed under
   *   `kitstage.provenance.trustedLocations` ({@link TrustedLocations}, compared parsed).
   *
   * @throws InputError when the Component names no usable remote; NotAllowedError when the
   *   remote is not under `kitstage.promotion.allowedRemotes`, or the Component may not name
   *   it, saying why.
   */
  forComponent(entity: Entity): GitRemote {
    const entityRef = stringifyEntityRef(entity);
    const { url, branch, what } = componentRemote(entity);
    const remote = this.resolve(url, `${what} of ${entityRef}`);
    const checkedBranch = branch
      ? checkGitBranch(branch, `The branch of ${what} of ${entityRef}`)
      : undefined;
    const refusal = this.#bindingRefusal(
      entity,
      parseGitRemoteUrl(remote.url),
      baseBranchOf({ branch: checkedBranch }),
    );
    if (refusal) {
      throw new NotAllowedError(
        `${entityRef} may not use ${remote.url} (${what.replace(
          /^The /,
          'its ',
        )}): ${refusal}`,
      );
    }
    return { ...remote, ...(checkedBranch ? { branch: checkedBranch } : {}) };
  }

  /** Undefined when the Component may name the remote; otherwise why not. */
  #bindingRefusal(
    entity: Entity,
    remote: GitRemoteUrl,
    branch: string,
  ): string | undefined {
    if (this.#trustedLocations.find(entity)) return undefined;
    const annotations = entity.metadata.annotations ?? {};
    const locations = [
      annotations[ANNOTATION_ORIGIN_LOCATION],
      annotations[ANNOTATION_LOCATION],
    ];
    const trust = 'kitstage.provenance.trustedLocations';
    if (locations.some(location => typeof location !== 'string' || !location)) {
      return `it names no catalog location; list its location under ${trust} to allow it`;
    }
    for (const location of locations as string[]) {
      if (remote.scheme === 'file') {
        return `its catalog location ${quoteLocation(
          location,
        )} is not listed under ${trust}, which file:// remotes require`;
      }
      const place = placeOfLocation(location, remote, branch);
      if (place === 'outside') {
        return `its catalog location ${quoteLocation(
          location,
        )} is not in that repository; list the location under ${trust} to allow it`;
      }
      if (place !== 'on-branch') {
        return `its catalog location ${quoteLocation(
          location,
        )} ${offBranchReason(place.ref, branch)}`;
      }
    }
    return undefined;
  }
}

function componentRemote(entity: Entity): {
  url: string;
  branch?: string;
  what: string;
} {
  const entityRef = stringifyEntityRef(entity);
  const annotations = entity.metadata.annotations ?? {};
  const deploy = annotations[ANNOTATION_DEPLOY_REPOSITORY]?.trim();
  const deployWhat = `The ${ANNOTATION_DEPLOY_REPOSITORY} annotation`;
  if (deploy) {
    const parts = deploy.split('#');
    if (parts.length > 2) {
      throw new InputError(
        `${deployWhat} of ${entityRef} must be <url> or <url>#<branch>`,
      );
    }
    return {
      url: parts[0],
      ...(parts[1] ? { branch: parts[1] } : {}),
      what: deployWhat,
    };
  }
  const source = annotations['backstage.io/source-location']?.trim();
  const sourceWhat = 'The backstage.io/source-location annotation';
  if (!source) {
    throw new InputError(
      `${entityRef} has neither a ${ANNOTATION_DEPLOY_REPOSITORY} nor a backstage.io/source-location annotation`,
    );
  }
  if (!source.startsWith('url:')) {
    throw new InputError(
      `${sourceWhat} of ${entityRef} is not a url: location`,
    );
  }
  const location = source.slice('url:'.length);
  let parsed: URL;
  try {
    parsed = new URL(location);
  } catch {
    throw new InputError(`${sourceWhat} of ${entityRef} is not a URL`);
  }
  const gitlab = parsed.pathname.match(/^(\/.+?)\/-\/(?:tree|blob)\/([^/]+)/);
  const github = parsed.pathname.match(
    /^(\/[^/]+\/[^/]+?)\/(?:tree|blob)\/([^/]+)/,
  );
  const match = gitlab ?? github;
  if (match) {
    let branch: string;
    try {
      branch = decodeURIComponent(match[2]);
    } catch {
      throw new InputError(`${sourceWhat} of ${entityRef} names no branch`);
    }
    return {
      url: `${parsed.protocol}//${parsed.host}${match[1].replace(
        /\.git$/,
        '',
      )}.git`,
      branch,
      what: sourceWhat,
    };
  }
  // The scheme, host and path only: user information, queries and fragments are checked
  // by the parser, so they are kept to be refused there.
  return { url: location.replace(/\/+$/, ''), what: sourceWhat };
}
