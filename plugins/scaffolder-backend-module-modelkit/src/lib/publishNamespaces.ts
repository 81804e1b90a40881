import { Config } from '@backstage/config';
import { NotAllowedError } from '@backstage/errors';
import {
  GitRemoteUrl,
  isGitRemoteUnder,
  parseGitRemoteUrl,
} from '@kitstage/plugin-modelkit-node';

const NAMESPACES_KEY = 'kitstage.scaffolder.publish.allowedNamespaces';
/**
 * The configuration key that allows publishing into existing empty repositories.
 *
 * @internal
 */
export const ALLOW_EXISTING_EMPTY_KEY =
  'kitstage.scaffolder.publish.allowExistingEmptyRepositories';

/**
 * Where `kitstage:git:publish` may create repositories, read from
 * `kitstage.scaffolder.publish`: the namespaces (users, groups, organisations) listed under
 * `allowedNamespaces`, and whether an existing empty repository may be filled
 * (`allowExistingEmptyRepositories`).
 *
 * @remarks
 *
 * A repository is allowed when it is strictly below a listed namespace, compared parsed with
 * the remote parser of `@kitstage/plugin-modelkit-node` (scheme, host, port with defaults and
 * whole path segments, never text prefixes), so `https://gitlab.example.com/ml` allows
 * `…/ml/churn.git` and `…/ml/team/churn.git` but neither `…/ml-other/churn.git` nor `…/ml`
 * itself. This list is separate from `kitstage.promotion.allowedRemotes`, which is usually a
 * whole organisation and still applies.
 *
 * @internal
 */
export class PublishNamespaces {
  readonly #namespaces: GitRemoteUrl[];
  /** Whether an existing repository without any ref may be published into. */
  readonly allowExistingEmptyRepositories: boolean;

  /** Reads `kitstage.scaffolder.publish`; a malformed namespace fails at startup. */
  static fromConfig(config: Config): PublishNamespaces {
    return new PublishNamespaces(config);
  }

  private constructor(config: Config) {
    this.#namespaces = (
      config.getOptionalStringArray(NAMESPACES_KEY) ?? []
    ).map((entry, index) =>
      parseGitRemoteUrl(entry, `${NAMESPACES_KEY}[${index}]`),
    );
    this.allowExistingEmptyRepositories =
      config.getOptionalBoolean(ALLOW_EXISTING_EMPTY_KEY) ?? false;
  }

  /**
   * Checks that a repository (a remote the remote policy resolved) is below a listed
   * namespace, and returns that namespace's normalised URL.
   *
   * @param what - what the repository is, for the error message.
   * @throws NotAllowedError naming the repository and the configuration key.
   */
  check(remoteUrl: string, what: string): string {
    const remote = parseGitRemoteUrl(remoteUrl, what);
    const namespace = this.#namespaces.find(
      candidate =>
        remote.segments.length > candidate.segments.length &&
        isGitRemoteUnder(remote, candidate),
    );
    if (!namespace) {
      throw new NotAllowedError(
        this.#namespaces.length === 0
          ? `${what} ${remote.href} may not be created: no namespace is listed under ${NAMESPACES_KEY}`
          : `${what} ${remote.href} is not in a namespace listed under ${NAMESPACES_KEY}`,
      );
    }
    return namespace.href;
  }
}
