import { ConfigReader } from '@backstage/config';
import {
  CORPUS_CONFIG,
  REMOTE_BYPASS_CORPUS,
} from './__testUtils__/remoteBypassCorpus';
import { GitRemotePolicy } from './GitRemotePolicy';
import { isGitRemoteUnder, parseGitRemoteUrl } from './remoteUrl';

describe('the Git remote policy against the URL-bypass corpus', () => {
  const policy = GitRemotePolicy.fromConfig(new ConfigReader(CORPUS_CONFIG));
  const verdictOf = (url: string) => {
    try {
      return { allowed: policy.resolve(url).url };
    } catch (e) {
      return { refused: (e as Error).message, error: (e as Error).name };
    }
  };

  it.each(
    REMOTE_BYPASS_CORPUS.filter(c => c.verdict !== 'refused').map(
      c => [c.what, c] as const,
    ),
  )('allows %s, normalised', (_what, { url, verdict }) => {
    expect(verdictOf(url)).toEqual(verdict);
  });

  it.each(
    REMOTE_BYPASS_CORPUS.filter(c => c.verdict === 'refused').map(
      c => [c.what, c] as const,
    ),
  )('refuses %s with a clear error', (_what, { url }) => {
    expect(verdictOf(url)).toEqual({
      refused: expect.stringMatching(/Git remote/),
      error: expect.stringMatching(/^(InputError|NotAllowedError)$/),
    });
  });
});

describe('GitRemotePolicy', () => {
  it('sends the integration token only to an allowed remote on its host', () => {
    const policy = GitRemotePolicy.fromConfig(new ConfigReader(CORPUS_CONFIG));
    expect(policy.resolve('https://git.corp/ml/svc.git').authorization).toBe(
      `Basic ${Buffer.from('x-access-token:ghp_corpusToken').toString(
        'base64',
      )}`,
    );
    expect(
      policy.resolve('http://127.0.0.1:8080/repos/svc.git').authorization,
    ).toBeUndefined();
    expect(() => policy.resolve('https://git.corp/other/svc.git')).toThrow(
      'The Git remote https://git.corp/other/svc.git is not under kitstage.promotion.allowedRemotes',
    );
  });

  it('allows nothing without kitstage.promotion.allowedRemotes, even on an integration host', () => {
    const policy = GitRemotePolicy.fromConfig(
      new ConfigReader({ integrations: CORPUS_CONFIG.integrations }),
    );
    expect(() => policy.resolve('https://git.corp/ml/svc.git')).toThrow(
      /not under kitstage.promotion.allowedRemotes/,
    );
  });

  it('refuses an allowed remote in configuration that is not a plain URL, naming the key', () => {
    expect(() =>
      GitRemotePolicy.fromConfig(
        new ConfigReader({
          kitstage: { promotion: { allowedRemotes: ['git@git.corp:ml'] } },
        }),
      ),
    ).toThrow(
      /kitstage\.promotion\.allowedRemotes\[0\] "git@git\.corp:ml" is not a URL/,
    );
  });

  it('takes a Component remote from its deploy-repository annotation, with its branch', () => {
    const policy = GitRemotePolicy.fromConfig(new ConfigReader(CORPUS_CONFIG));
    // Registered from a file of the repository it names, on its branch (see
    // GitRemotePolicy.test.ts).
    const component = (
      annotations: Record<string, string>,
      location = 'url:https://git.corp/ml/svc/blob/main/catalog-info.yaml',
    ) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'svc',
        namespace: 'default',
        annotations: {
          ...annotations,
          'backstage.io/managed-by-location': location,
          'backstage.io/managed-by-origin-location': location,
        },
      },
      spec: {},
    });
    expect(
      policy.forComponent(
        component(
          {
            'kitstage.dev/deploy-repository':
              'https://git.corp/ml/svc.git#release',
          },
          'url:https://git.corp/ml/svc/blob/release/catalog-info.yaml',
        ),
      ),
    ).toMatchObject({ url: 'https://git.corp/ml/svc.git', branch: 'release' });
    expect(
      policy.forComponent(
        component({
          'backstage.io/source-location':
            'url:https://git.corp/ml/svc/tree/main/',
        }),
      ),
    ).toMatchObject({ url: 'https://git.corp/ml/svc.git', branch: 'main' });
    expect(() =>
      policy.forComponent(
        component({
          'kitstage.dev/deploy-repository':
            'https://git.corp.evil.net/ml/x.git',
        }),
      ),
    ).toThrow(
      'The kitstage.dev/deploy-repository annotation of component:default/svc https://git.corp.evil.net/ml/x.git is not under kitstage.promotion.allowedRemotes',
    );
    expect(() =>
      policy.forComponent(
        component({
          'kitstage.dev/deploy-repository':
            'https://git.corp/ml/svc.git#../../x',
        }),
      ),
    ).toThrow(/is not a branch name/);
  });

  it('compares whole path segments', () => {
    const allowed = parseGitRemoteUrl('https://git.corp/ml/');
    expect(
      isGitRemoteUnder(parseGitRemoteUrl('https://git.corp/ml'), allowed),
    ).toBe(true);
    expect(
      isGitRemoteUnder(parseGitRemoteUrl('https://git.corp/mlx/a'), allowed),
    ).toBe(false);
  });
});
