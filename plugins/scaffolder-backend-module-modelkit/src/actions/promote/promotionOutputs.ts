import { parseEntityRef } from '@backstage/catalog-model';
import { GitRemote } from '@kitstage/plugin-modelkit-node';

/**
 * The RepoUrlPicker form (`host?owner=…&repo=…`) of an https remote, for the `publish:*`
 * actions; undefined for other remotes.
 *
 * @internal
 */
export function repoUrlOf(remote: GitRemote): string | undefined {
  const url = new URL(remote.url);
  if (url.protocol !== 'https:') return undefined;
  const segments = url.pathname.split('/').filter(Boolean);
  if (segments.length < 2) return undefined;
  const repo = segments.pop()!.replace(/\.git$/, '');
  return `${url.host}?${new URLSearchParams({
    owner: segments.join('/'),
    repo,
  })}`;
}

/**
 * A branch name for a promotion: `kitstage/promote-<component>-<environment>-<digest prefix>`,
 * with the first 12 hex digits of the digest.
 *
 * @internal
 */
export function promotionBranchName(
  componentEntityRef: string,
  environment: string,
  digest: string,
): string {
  const componentName = parseEntityRef(componentEntityRef).name;
  return `kitstage/promote-${componentName}-${environment}-${digest.slice(
    'sha256:'.length,
    'sha256:'.length + 12,
  )}`;
}
