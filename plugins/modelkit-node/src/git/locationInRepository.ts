import { GitRemoteUrl, parseGitRemoteUrl } from './remoteUrl';

/**
 * The path segments that separate a repository from a ref, then a file or directory, in the
 * web URLs of the SCM hosts: GitHub (`/blob/`, `/tree/`, `/raw/`), GitLab (`/-/blob/`,
 * `/-/tree/`, `/-/raw/`), Bitbucket (`/src/`) and Gitea (`/src/branch/`, `/raw/branch/`).
 */
const FILE_MARKERS = [
  ['blob'],
  ['tree'],
  ['raw'],
  ['src'],
  ['src', 'branch'],
  ['raw', 'branch'],
  ['-', 'blob'],
  ['-', 'tree'],
  ['-', 'raw'],
];

/**
 * A full or abbreviated commit id: the SCM hosts serve any commit of the repository's network
 * under its URL (GitHub and GitLab: those of pull requests, merge requests and forks too),
 * abbreviated down to a few hexadecimal digits.
 */
const COMMIT_ID = /^[0-9a-f]{4,64}$/i;

/**
 * Whether the path of a web URL names a file at a commit id or a `refs/…` ref of some
 * repository (a file marker, {@link FILE_MARKERS}, followed by such a ref and more): the
 * hosts serve every commit of a repository's network under its URL, those of pull requests,
 * merge requests and forks included, so such a location says nothing about who may write
 * the repository whose URL it carries.
 *
 * @internal
 */
export function isAtCommitOrRef(segments: readonly string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    for (const marker of FILE_MARKERS) {
      const ref = i + marker.length;
      if (
        segments.length > ref + 1 &&
        marker.every((segment, j) => segments[i + j] === segment) &&
        (COMMIT_ID.test(segments[ref]) || segments[ref] === 'refs')
      ) {
        return true;
      }
    }
  }
  return false;
}

/**
 * Where a catalog location reference is relative to a repository and its base branch:
 * `outside` unless it is a `url:` location with the remote's scheme, host and port (parsed as
 * the remote is) whose path segments are the repository's (a trailing `.git` dropped), then a
 * file marker ({@link FILE_MARKERS}), then a ref and at least one more segment; `on-branch`
 * when, for one of the markers, the ref is exactly the branch (whole segments) and the
 * branch's first segment can be read neither as a commit id nor as `refs`; otherwise the
 * segments after the first marker (the ref and the path).
 *
 * @internal
 */
export function placeOfLocation(
  location: string,
  remote: GitRemoteUrl,
  branch: string,
): 'outside' | 'on-branch' | { ref: string[] } {
  if (!location.startsWith('url:') || remote.scheme === 'file') {
    return 'outside';
  }
  let parsed: GitRemoteUrl;
  try {
    parsed = parseGitRemoteUrl(location.slice('url:'.length));
  } catch {
    return 'outside';
  }
  const repository = [...remote.segments];
  const name = repository.pop()?.replace(/\.git$/, '');
  if (!name) return 'outside';
  repository.push(name);
  if (
    parsed.scheme !== remote.scheme ||
    parsed.host !== remote.host ||
    parsed.port !== remote.port ||
    !repository.every((segment, i) => parsed.segments[i] === segment)
  ) {
    return 'outside';
  }
  const rest = parsed.segments.slice(repository.length);
  const refs = FILE_MARKERS.filter(
    marker =>
      rest.length > marker.length + 1 &&
      marker.every((segment, i) => rest[i] === segment),
  ).map(marker => rest.slice(marker.length));
  if (refs.length === 0) return 'outside';
  const branchSegments = branch.split('/');
  const plainBranch =
    !COMMIT_ID.test(branchSegments[0]) && branchSegments[0] !== 'refs';
  const onBranch = refs.some(
    ref =>
      ref.length > branchSegments.length &&
      branchSegments.every((segment, i) => ref[i] === segment),
  );
  return plainBranch && onBranch ? 'on-branch' : { ref: refs[0] };
}

/**
 * Why a location inside the repository, at `ref`, does not bind it to the Component.
 *
 * @internal
 */
export function offBranchReason(ref: string[], branch: string): string {
  let where = 'is';
  if (COMMIT_ID.test(ref[0])) {
    where = `is at ${ref[0]}, which can name any commit (of a pull request or a fork too),`;
  } else if (ref[0] === 'refs') {
    where = `is at ${ref
      .slice(0, 4)
      .join('/')}, a ref such as a pull request's,`;
  }
  return `${where} not on the branch ${branch} of that repository; the hosts serve commits of pull requests, forks and other branches under the repository's URL too, so only a file on that branch shows that its authors may write the repository: register the Component from that branch (name the branch with #<branch> in kitstage.dev/deploy-repository), or list the location under kitstage.provenance.trustedLocations`;
}
