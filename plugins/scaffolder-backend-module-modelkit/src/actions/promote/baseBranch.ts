import { NotAllowedError } from '@backstage/errors';
import { quoteInMessage } from '@kitstage/plugin-modelkit-common';
import { baseBranchOf, GitRemote } from '@kitstage/plugin-modelkit-node';

/**
 * The branch of a Component's deploy repository that the promotion actions clone and change:
 * always the branch the remote is bound to (`baseBranchOf`: the `#<branch>` of the
 * Component's deploy repository, else `main`), the one the Component's own catalog file was
 * found on. A `baseBranch` input may only repeat it: another branch, or a tag, is refused.
 *
 * @param remote - the Component's remote, as the remote policy resolved it.
 * @param requested - the `baseBranch` input, if any.
 * @param componentEntityRef - the Component, for the refusal.
 * @throws NotAllowedError when `requested` names another branch.
 * @internal
 */
export function boundBaseBranch(
  remote: GitRemote,
  requested: string | undefined,
  componentEntityRef: string,
): string {
  const bound = baseBranchOf(remote);
  if (requested !== undefined && requested !== bound) {
    throw new NotAllowedError(
      `baseBranch ${quoteInMessage(
        requested,
      )} is not ${bound}, the branch the deploy repository of ${componentEntityRef} is bound to (${
        remote.url
      }); Kitstage changes only that branch`,
    );
  }
  return bound;
}
