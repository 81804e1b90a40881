import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import path from 'node:path';
import {
  baseBranchOf,
  checkGitBranch,
  DEFAULT_GIT_BASE_BRANCH,
  GitRemotePolicy,
} from './GitRemotePolicy';

const ALLOWED = {
  promotion: {
    allowedRemotes: ['https://git.corp/ml/', 'file:///srv/demo/'],
  },
};

function policyWith(trustedLocations?: string[]) {
  return GitRemotePolicy.fromConfig(
    new ConfigReader({
      kitstage: {
        ...ALLOWED,
        ...(trustedLocations ? { provenance: { trustedLocations } } : {}),
      },
      integrations: { github: [{ host: 'git.corp', token: 'ghp_token' }] },
    }),
  );
}

/** A Component as the catalog gives it: the location annotations are the catalog's own. */
function component(
  annotations: Record<string, string>,
  location?: string | { origin?: string; managedBy?: string },
): Entity {
  const { origin, managedBy } =
    typeof location === 'string'
      ? { origin: location, managedBy: location }
      : location ?? {};
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      namespace: 'default',
      annotations: {
        ...annotations,
        ...(managedBy ? { 'backstage.io/managed-by-location': managedBy } : {}),
        ...(origin
          ? { 'backstage.io/managed-by-origin-location': origin }
          : {}),
      },
    },
    spec: {},
  };
}

const DEPLOY = 'kitstage.dev/deploy-repository';

function verdict(policy: GitRemotePolicy, entity: Entity) {
  try {
    const remote = policy.forComponent(entity);
    return { url: remote.url, branch: remote.branch };
  } catch (error) {
    return { error: (error as Error).name, message: (error as Error).message };
  }
}

describe('GitRemotePolicy.forComponent binds the remote to the Component provenance', () => {
  const policy = policyWith();

  it.each([
    ['GitHub blob', 'url:https://git.corp/ml/svc/blob/main/catalog-info.yaml'],
    ['GitHub tree', 'url:https://git.corp/ml/svc/tree/main/deploy/'],
    ['GitHub raw', 'url:https://git.corp/ml/svc/raw/main/catalog-info.yaml'],
    ['GitLab', 'url:https://git.corp/ml/svc/-/blob/main/catalog-info.yaml'],
    ['GitLab tree', 'url:https://git.corp/ml/svc/-/tree/main/catalog'],
    ['Gitea raw', 'url:https://git.corp/ml/svc/raw/branch/main/x.yaml'],
    ['GitLab raw', 'url:https://git.corp/ml/svc/-/raw/main/catalog-info.yaml'],
    ['Bitbucket', 'url:https://git.corp/ml/svc/src/main/catalog-info.yaml'],
    ['Gitea', 'url:https://git.corp/ml/svc/src/branch/main/catalog-info.yaml'],
    ['host case', 'url:https://GIT.corp:443/ml/svc/blob/main/x.yaml'],
  ])(
    'honours a deploy repository for a Component registered from inside it (%s)',
    (_what, location) => {
      expect(
        verdict(
          policy,
          component({ [DEPLOY]: 'https://git.corp/ml/svc.git#main' }, location),
        ),
      ).toEqual({ url: 'https://git.corp/ml/svc.git', branch: 'main' });
    },
  );

  it('honours a source-location remote for a Component registered from its repository', () => {
    expect(
      verdict(
        policy,
        component(
          {
            'backstage.io/source-location':
              'url:https://git.corp/ml/svc/tree/main/',
          },
          'url:https://git.corp/ml/svc/blob/main/catalog-info.yaml',
        ),
      ),
    ).toEqual({ url: 'https://git.corp/ml/svc.git', branch: 'main' });
  });

  it('refuses another repository of an allowed organisation, naming the Component, the remote and why', () => {
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: 'https://git.corp/ml/payments-deploy.git#main' },
          'url:https://git.corp/ml/mallory-svc/blob/main/catalog-info.yaml',
        ),
      ),
    ).toEqual({
      error: 'NotAllowedError',
      message:
        'component:default/svc may not use https://git.corp/ml/payments-deploy.git (its kitstage.dev/deploy-repository annotation): its catalog location url:https://git.corp/ml/mallory-svc/blob/main/catalog-info.yaml is not in that repository; list the location under kitstage.provenance.trustedLocations to allow it',
    });
  });

  it.each([
    [
      'a repository whose name starts with the remote one',
      'url:https://git.corp/ml/svc-evil/blob/main/catalog-info.yaml',
    ],
    [
      'a longer path without a file marker right after the repository',
      'url:https://git.corp/ml/svc/fork/blob/main/catalog-info.yaml',
    ],
    ['no file marker', 'url:https://git.corp/ml/svc/issues/1'],
    ['the repository page itself', 'url:https://git.corp/ml/svc'],
    [
      'another host starting with the remote host',
      'url:https://git.corp.evil.net/ml/svc/blob/main/catalog-info.yaml',
    ],
    [
      'the remote host as user information',
      'url:https://git.corp@evil.net/ml/svc/blob/main/catalog-info.yaml',
    ],
    [
      'another scheme',
      'url:http://git.corp/ml/svc/blob/main/catalog-info.yaml',
    ],
    [
      'another port',
      'url:https://git.corp:8443/ml/svc/blob/main/catalog-info.yaml',
    ],
    [
      '".." leaving the repository',
      'url:https://git.corp/ml/svc/blob/../../other/blob/main/x.yaml',
    ],
    [
      'an encoded slash',
      'url:https://git.corp/ml%2Fsvc/blob/main/catalog-info.yaml',
    ],
    ['a file location', 'file:/srv/catalog/catalog-info.yaml'],
    [
      'a text prefix of the repository path',
      'url:https://git.corp/ml/svc.gitx/blob/main/x.yaml',
    ],
  ])('refuses a Component registered from %s', (_what, location) => {
    expect(
      verdict(
        policy,
        component({ [DEPLOY]: 'https://git.corp/ml/svc.git' }, location),
      ),
    ).toMatchObject({
      error: 'NotAllowedError',
      message: expect.stringContaining(
        `its catalog location ${location} is not in that repository`,
      ),
    });
  });

  it('needs both the origin location and the location to be inside the repository', () => {
    const inside = 'url:https://git.corp/ml/svc/blob/main/catalog-info.yaml';
    const outside = 'url:https://git.corp/ml/mallory/blob/main/all.yaml';
    for (const location of [
      { origin: inside, managedBy: outside },
      { origin: outside, managedBy: inside },
      { origin: inside },
      { managedBy: inside },
    ]) {
      expect(
        verdict(
          policy,
          component({ [DEPLOY]: 'https://git.corp/ml/svc.git' }, location),
        ),
      ).toMatchObject({ error: 'NotAllowedError' });
    }
    expect(
      verdict(policy, component({ [DEPLOY]: 'https://git.corp/ml/svc.git' })),
    ).toEqual({
      error: 'NotAllowedError',
      message:
        'component:default/svc may not use https://git.corp/ml/svc.git (its kitstage.dev/deploy-repository annotation): it names no catalog location; list its location under kitstage.provenance.trustedLocations to allow it',
    });
  });

  const payments = 'https://git.corp/ml/payments-deploy';
  const tail =
    "the hosts serve commits of pull requests, forks and other branches under the repository's URL too, so only a file on that branch shows that its authors may write the repository: register the Component from that branch (name the branch with #<branch> in kitstage.dev/deploy-repository), or list the location under kitstage.provenance.trustedLocations";

  it.each([
    [
      'the head commit of a pull request',
      `${payments}/blob/0123456789abcdef0123456789abcdef01234567/catalog-info.yaml`,
      'is at 0123456789abcdef0123456789abcdef01234567, which can name any commit (of a pull request or a fork too), not on the branch main',
    ],
    [
      'a commit of a fork, abbreviated, GitLab style',
      `${payments}/-/blob/8f3e2a1/catalog-info.yaml`,
      'is at 8f3e2a1, which can name any commit (of a pull request or a fork too), not on the branch main',
    ],
    [
      'a SHA-256 commit id in upper case',
      `${payments}/tree/${'AB'.repeat(32)}/deploy/catalog-info.yaml`,
      `is at ${'AB'.repeat(
        32,
      )}, which can name any commit (of a pull request or a fork too), not on the branch main`,
    ],
    [
      'the ref of a pull request',
      `${payments}/blob/refs/pull/7/head/catalog-info.yaml`,
      "is at refs/pull/7/head, a ref such as a pull request's, not on the branch main",
    ],
    [
      'the ref of a merge request',
      `${payments}/-/raw/refs/merge-requests/3/head/catalog-info.yaml`,
      "is at refs/merge-requests/3/head, a ref such as a pull request's, not on the branch main",
    ],
    [
      'another branch',
      `${payments}/blob/feature-x/catalog-info.yaml`,
      'is not on the branch main',
    ],
    [
      'a branch that only starts with the remote one',
      `${payments}/blob/main-evil/catalog-info.yaml`,
      'is not on the branch main',
    ],
    [
      'a Gitea commit',
      `${payments}/src/commit/0123456789abcdef0123456789abcdef01234567/catalog-info.yaml`,
      'is not on the branch main',
    ],
    [
      'the default branch by name',
      `${payments}/blob/HEAD/catalog-info.yaml`,
      'is not on the branch main',
    ],
  ])(
    'refuses a Component registered from %s of the deploy repository, saying why',
    (_what, location, why) => {
      expect(
        verdict(
          policy,
          component({ [DEPLOY]: `${payments}.git#main` }, `url:${location}`),
        ),
      ).toEqual({
        error: 'NotAllowedError',
        message: `component:default/svc may not use ${payments}.git (its kitstage.dev/deploy-repository annotation): its catalog location url:${location} ${why} of that repository; ${tail}`,
      });
    },
  );

  it('refuses a fork of the deploy repository served under its own URL', () => {
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: `${payments}.git#main` },
          'url:https://git.corp/mallory/payments-deploy/blob/main/catalog-info.yaml',
        ),
      ),
    ).toMatchObject({
      error: 'NotAllowedError',
      message: expect.stringContaining('is not in that repository'),
    });
  });

  it('binds a remote that names no branch only on the base branch promotions use', () => {
    expect(baseBranchOf({})).toBe(DEFAULT_GIT_BASE_BRANCH);
    expect(DEFAULT_GIT_BASE_BRANCH).toBe('main');
    expect(baseBranchOf({ branch: 'release' })).toBe('release');
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: `${payments}.git` },
          `url:${payments}/blob/main/catalog-info.yaml`,
        ),
      ),
    ).toEqual({ url: `${payments}.git`, branch: undefined });
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: `${payments}.git` },
          `url:${payments}/blob/master/catalog-info.yaml`,
        ),
      ),
    ).toMatchObject({
      error: 'NotAllowedError',
      message: expect.stringContaining(
        `its catalog location url:${payments}/blob/master/catalog-info.yaml is not on the branch main of that repository`,
      ),
    });
  });

  it('binds a named branch whole, slashes included, on both locations', () => {
    const release = `url:${payments}/blob/release/v1/catalog-info.yaml`;
    expect(
      verdict(
        policy,
        component({ [DEPLOY]: `${payments}.git#release/v1` }, release),
      ),
    ).toEqual({ url: `${payments}.git`, branch: 'release/v1' });
    for (const location of [
      `url:${payments}/blob/release/catalog-info.yaml`,
      `url:${payments}/blob/release/v1`,
      { origin: release, managedBy: `url:${payments}/blob/main/c.yaml` },
      { origin: `url:${payments}/blob/main/c.yaml`, managedBy: release },
    ]) {
      expect(
        verdict(
          policy,
          component({ [DEPLOY]: `${payments}.git#release/v1` }, location),
        ),
      ).toMatchObject({ error: 'NotAllowedError' });
    }
  });

  it.each([
    ['a commit id', '0123456789abcdef0123456789abcdef01234567'],
    ['an abbreviated commit id', 'deadbeef'],
    ['a commit id and a path', 'c0ffee/x'],
    ['a pull request ref', 'refs/pull/7/head'],
  ])(
    'refuses a Component naming %s as its branch, registered from that ref',
    (_what, branch) => {
      expect(
        verdict(
          policy,
          component(
            { [DEPLOY]: `${payments}.git#${branch}` },
            `url:${payments}/blob/${branch}/catalog-info.yaml`,
          ),
        ),
      ).toMatchObject({
        error: 'NotAllowedError',
        message: expect.stringContaining(`not on the branch ${branch}`),
      });
    },
  );

  it('checks kitstage.promotion.allowedRemotes first', () => {
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: 'https://git.other/ml/svc.git' },
          'url:https://git.other/ml/svc/blob/main/catalog-info.yaml',
        ),
      ),
    ).toMatchObject({
      error: 'NotAllowedError',
      message: expect.stringMatching(
        /is not under kitstage\.promotion\.allowedRemotes$/,
      ),
    });
  });

  it('honours any allowed remote of a Component from a trusted location, compared parsed', () => {
    const trusting = policyWith([
      'url:https://GIT.corp:443/platform/catalog/blob/main/./teams/../all.yaml',
    ]);
    const fromPlatform = component(
      { [DEPLOY]: 'https://git.corp/ml/payments-deploy.git#main' },
      'url:https://git.corp/platform/catalog/blob/main/all.yaml',
    );
    expect(verdict(trusting, fromPlatform)).toEqual({
      url: 'https://git.corp/ml/payments-deploy.git',
      branch: 'main',
    });
    expect(verdict(policy, fromPlatform)).toMatchObject({
      error: 'NotAllowedError',
    });
    // Read from the trusted file, whatever the root of its chain: trusted.
    expect(
      verdict(
        trusting,
        component(
          { [DEPLOY]: 'https://git.corp/ml/payments-deploy.git' },
          {
            origin: 'url:https://git.corp/ml/x/blob/main/root.yaml',
            managedBy:
              'url:https://git.corp/platform/catalog/blob/main/all.yaml',
          },
        ),
      ),
    ).toMatchObject({ url: 'https://git.corp/ml/payments-deploy.git' });
  });

  it('trusts the file a Component was read from, not the root location of its chain', () => {
    // Every file the trusted aggregator references, and every kind: Location those add,
    // carries the aggregator as its origin; whoever edits them is not trusted for it.
    const trusting = policyWith([
      'url:https://git.corp/platform/catalog/blob/main/all.yaml',
    ]);
    expect(
      verdict(
        trusting,
        component(
          { [DEPLOY]: 'https://git.corp/ml/payments-deploy.git#main' },
          {
            origin: 'url:https://git.corp/platform/catalog/blob/main/all.yaml',
            managedBy: 'url:https://git.corp/ml/mallory/blob/main/c.yaml',
          },
        ),
      ),
    ).toEqual({
      error: 'NotAllowedError',
      message:
        'component:default/svc may not use https://git.corp/ml/payments-deploy.git (its kitstage.dev/deploy-repository annotation): its catalog location url:https://git.corp/platform/catalog/blob/main/all.yaml is not in that repository; list the location under kitstage.provenance.trustedLocations to allow it',
    });
  });

  it('honours a file remote only for a Component from a trusted file location, relative paths resolved like the catalog does', () => {
    const entity = component(
      { [DEPLOY]: 'file:///srv/demo/svc.git#main' },
      `file:${path.resolve('catalog/entities.yaml')}`,
    );
    expect(verdict(policy, entity)).toEqual({
      error: 'NotAllowedError',
      message: `component:default/svc may not use file:///srv/demo/svc.git (its kitstage.dev/deploy-repository annotation): its catalog location file:${path.resolve(
        'catalog/entities.yaml',
      )} is not listed under kitstage.provenance.trustedLocations, which file:// remotes require`,
    });
    expect(
      verdict(policyWith(['file:./catalog/entities.yaml']), entity),
    ).toEqual({ url: 'file:///srv/demo/svc.git', branch: 'main' });
    expect(
      verdict(policyWith(['file:./catalog/other.yaml']), entity),
    ).toMatchObject({ error: 'NotAllowedError' });
    // A url: location inside the path of a file remote is not a file remote's location.
    expect(
      verdict(
        policy,
        component(
          { [DEPLOY]: 'file:///srv/demo/svc.git' },
          'url:https://git.corp/srv/demo/svc/blob/main/x.yaml',
        ),
      ),
    ).toMatchObject({ error: 'NotAllowedError' });
  });
});

describe('checkGitBranch', () => {
  it.each([
    'main',
    'release/2026-11',
    'kitstage/promote-support-sentiment-v2',
    'v1.2.3',
    'feature_x',
  ])('accepts %s', branch => {
    expect(checkGitBranch(branch)).toBe(branch);
  });

  it.each([
    '',
    '-x',
    '../x',
    'a..b',
    'a//b',
    'a/',
    'a.lock',
    'a.lock/b',
    'a/.hidden',
    'a.',
    'a/b.',
    'HEAD',
    'a@{1}',
    'a b',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[',
    'x'.repeat(101),
  ])('refuses %j', branch => {
    expect(() => checkGitBranch(branch)).toThrow(/is not a branch name/);
  });
});
