/**
 * Configuration for the URL-bypass corpus: two allowed remotes without a trailing slash (so a
 * text prefix would also admit `ml-evil` and `demonic`), one loopback http remote, and a GitHub
 * integration with a token on the allowed host.
 */
export const CORPUS_CONFIG = {
  kitstage: {
    promotion: {
      allowedRemotes: [
        'https://git.corp/ml',
        'file:///srv/demo',
        'http://127.0.0.1:8080/repos/',
      ],
    },
  },
  integrations: {
    github: [{ host: 'git.corp', token: 'ghp_corpusToken' }],
  },
};

/** One remote of the corpus, and the verdict of the remote policy. */
export interface CorpusCase {
  what: string;
  url: string;
  /** `allowed` with the normalised URL git is given, or `refused`. */
  verdict: { allowed: string } | 'refused';
}

/** Git remote URLs that try to get past an allow list, each with its expected verdict. */
export const REMOTE_BYPASS_CORPUS: CorpusCase[] = [
  // Allowed, and normalised to what git is given.
  {
    what: 'an allowed remote',
    url: 'https://git.corp/ml/svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: 'upper-case host',
    url: 'https://GIT.CORP/ml/svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: 'trailing dot on the host',
    url: 'https://git.corp./ml/svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: 'the default port written out',
    url: 'https://git.corp:443/ml/svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: 'full-width letters (IDNA maps them to ASCII)',
    url: 'https://\uff47\uff49\uff54.corp/ml/svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: '".." that stays inside the allowed path',
    url: 'https://git.corp/ml/team/../svc.git',
    verdict: { allowed: 'https://git.corp/ml/svc.git' },
  },
  {
    what: 'an allowed file remote',
    url: 'file:///srv/demo/svc.git',
    verdict: { allowed: 'file:///srv/demo/svc.git' },
  },
  {
    what: 'an allowed loopback http remote',
    url: 'http://127.0.0.1:8080/repos/svc.git',
    verdict: { allowed: 'http://127.0.0.1:8080/repos/svc.git' },
  },
  {
    what: 'a decimal IPv4 host (the same address)',
    url: 'http://2130706433:8080/repos/svc.git',
    verdict: { allowed: 'http://127.0.0.1:8080/repos/svc.git' },
  },

  // Hosts.
  {
    what: 'an allowed host as a prefix of another host',
    url: 'https://git.corp.evil.net/ml/x.git',
    verdict: 'refused',
  },
  {
    what: 'the allowed host as user information',
    url: 'https://git.corp@evil.net/ml/x.git',
    verdict: 'refused',
  },
  {
    what: 'user information before the allowed host',
    url: 'https://evil.net@git.corp/ml/x.git',
    verdict: 'refused',
  },
  {
    what: 'credentials in the URL',
    url: 'https://user:pw@git.corp/ml/x.git',
    verdict: 'refused',
  },
  {
    what: 'a homoglyph host (Cyrillic i, punycode xn--gt-hoc.corp)',
    url: 'https://g\u0456t.corp/ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'another port',
    url: 'https://git.corp:8443/ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'an integration host outside the allowed paths',
    url: 'https://git.corp/other/svc.git',
    verdict: 'refused',
  },

  // Paths.
  {
    what: 'a path prefix that is not a whole segment',
    url: 'https://git.corp/ml-evil/x.git',
    verdict: 'refused',
  },
  {
    what: 'a file path prefix that is not a whole segment',
    url: 'file:///srv/demonic/x.git',
    verdict: 'refused',
  },
  {
    what: '".." out of the allowed directory',
    url: 'file:///srv/demo/../../home/app/other.git',
    verdict: 'refused',
  },
  {
    what: 'percent-encoded ".."',
    url: 'file:///srv/demo/%2e%2e/%2e%2e/home/app/other.git',
    verdict: 'refused',
  },
  {
    what: 'percent-encoded slashes',
    url: 'file:///srv/demo/..%2f..%2fhome/app/other.git',
    verdict: 'refused',
  },
  {
    what: 'percent-encoded upper-case slashes',
    url: 'https://git.corp/ml/..%2F..%2Fother.git',
    verdict: 'refused',
  },
  {
    what: 'double percent-encoding',
    url: 'https://git.corp/ml/svc%252F..%252Fx.git',
    verdict: 'refused',
  },
  {
    what: 'an encoded NUL',
    url: 'https://git.corp/ml/svc%00.git',
    verdict: 'refused',
  },
  {
    what: 'backslashes',
    url: 'https://git.corp/ml\\..\\other.git',
    verdict: 'refused',
  },
  {
    what: '".." out of an allowed http path',
    url: 'http://127.0.0.1:8080/repos/../admin.git',
    verdict: 'refused',
  },
  {
    what: 'an empty path segment',
    url: 'https://git.corp/ml//svc.git',
    verdict: 'refused',
  },
  {
    what: 'a query',
    url: 'https://git.corp/ml/svc.git?x=1',
    verdict: 'refused',
  },
  {
    what: 'a fragment',
    url: 'https://git.corp/ml/svc.git#main',
    verdict: 'refused',
  },
  {
    what: 'whitespace',
    url: 'https://git.corp/ml/svc.git --upload-pack=x',
    verdict: 'refused',
  },

  // Schemes.
  {
    what: 'http instead of https',
    url: 'http://git.corp/ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'file instead of https',
    url: 'file://git.corp/ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'https instead of file',
    url: 'https://srv/demo/svc.git',
    verdict: 'refused',
  },
  { what: 'ssh', url: 'ssh://git@git.corp/ml/svc.git', verdict: 'refused' },
  {
    what: 'an scp-like remote',
    url: 'git@git.corp:ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'an scp-like remote without a user',
    url: 'git.corp:ml/svc.git',
    verdict: 'refused',
  },
  {
    what: 'the ext transport',
    url: 'ext::sh -c touch% /tmp/pwned',
    verdict: 'refused',
  },
];
