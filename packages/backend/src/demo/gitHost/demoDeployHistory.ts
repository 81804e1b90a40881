/**
 * The demo deploy repositories and their history, as data: one repository per demo Component
 * of examples/entities.yaml, with the overlays `kitstage:modelkit:promote` edits
 * (`deploy/overlays/<environment>/`) and the commits a team makes over several weeks, by the
 * demo users of examples/org.yaml. Commit subjects and bodies are written as the promote
 * action writes them (`Promote <modelkit> <version> to <environment>`, `Pin <reference>`), as a
 * squash merge of its pull request (`… (#<n>)`) records them; the promotion history reader
 * reads the pull request number from there.
 */

/** A demo user, as in examples/org.yaml. */
export interface DemoAuthor {
  /** The display name. */
  name: string;
  /** The e-mail address. */
  email: string;
}

/** The demo users who author the seeded commits. */
export const DEMO_AUTHORS = {
  ada: { name: 'Ada Lovelace', email: 'ada@example.com' },
  grace: { name: 'Grace Hopper', email: 'grace@example.com' },
  linus: { name: 'Linus Pauling', email: 'linus@example.com' },
  margaret: { name: 'Margaret Hamilton', email: 'margaret@example.com' },
  alan: { name: 'Alan Turing', email: 'alan@example.com' },
} satisfies Record<string, DemoAuthor>;

/** How a demo service names its ModelKit in its overlays. */
export type DemoOverlayStyle = 'deployment-env' | 'kserve-storage-uri';

/** One commit of a demo deploy repository: the versions it leaves in effect. */
export interface DemoCommit {
  /** How many days before the seeding the commit was made. */
  daysAgo: number;
  /** Who made it. */
  author: DemoAuthor;
  /** The commit subject. */
  subject: string;
  /** More paragraphs of the message, if any (an override note, a roll back reason). */
  body?: string;
  /** The tag each environment's overlay runs after the commit, by environment name. */
  versions: Record<string, string>;
}

/** A demo deploy repository: `<name>.git` on the demo Git host. */
export interface DemoDeployRepository {
  /** The repository (and Component) name. */
  name: string;
  /** The OCI repository of the ModelKit, registry host included. */
  modelKitRepository: string;
  /** How the overlays name the ModelKit. */
  style: DemoOverlayStyle;
  /** Oldest first; the first commit creates the repository. */
  commits: DemoCommit[];
}

const SUPPORT = 'registry.example.com/kitstage-demo/support-sentiment';
const REVIEW = 'registry.example.com/kitstage-demo/review-sentiment';
const FRAUD = 'registry.example.com/kitstage-demo/fraud-detector';

/** The override note of a promotion that passed a refused gate, as the promote action writes it. */
const OVERRIDE_NOTE = [
  '### Override',
  '',
  '**Gate overridden** by user:default/linus (permission kitstage.modelkit.promote.override). Refused gates:',
  '',
  '- Attestation policy "production" is missing: Rule scan-clean has no evidence: No verified scan evaluation from kitstage-demo: 2 found but not verified (unsigned, invalid-signature)',
  '',
  'Reason:',
  '',
  '> The ticket backlog needs the v2.0.0 tokenizer today; the release pipeline re-signs',
  '> the scan tomorrow (NLP-142).',
].join('\n');

/** Why support-sentiment 2.0.0 was rolled back in production. */
const CRASH_LOOP_REASON =
  'v2.0.0 crash-loops under production traffic; back to the version that ran before.';

/** The pull request a commit merges, and the repository it is made in. */
interface DemoChangeContext {
  /** The repository (and Component) name. */
  name: string;
  /** The ModelKit's name: the last segment of its OCI repository. */
  modelKit: string;
  /** The pull request number, `1` for the first commit. */
  number: number;
  /** The versions in effect before the commit. */
  versions: Record<string, string>;
}

/** One commit of a demo history, written once the repository and pull request are known. */
type DemoChange = (context: DemoChangeContext) => DemoCommit;

/** The first commit: the overlays, added with each environment's first version. */
function addOverlays(
  daysAgo: number,
  author: DemoAuthor,
  versions: Record<string, string>,
): DemoChange {
  return ({ name, number }) => ({
    daysAgo,
    author,
    subject: `Add the ${name} deploy overlays (#${number})`,
    versions,
  });
}

/**
 * A commit that moves `environment` to `version`, as a squash merge of its pull request: a
 * promotion as the promote action writes it, or a roll back where `rollBack` is set.
 */
function deploy(
  daysAgo: number,
  author: DemoAuthor,
  environment: string,
  version: string,
  more: { body?: string; rollBack?: boolean } = {},
): DemoChange {
  return ({ modelKit, number, versions }) => ({
    daysAgo,
    author,
    subject: `${
      more.rollBack
        ? `Roll back ${modelKit} in ${environment} to ${version}`
        : `Promote ${modelKit} ${version} to ${environment}`
    } (#${number})`,
    ...(more.body ? { body: more.body } : {}),
    versions: { ...versions, [environment]: version },
  });
}

/**
 * A deploy repository whose commits are `changes`, oldest first, numbered as pull requests
 * from 1; `style` is `deployment-env` unless given.
 */
function deployRepository(
  name: string,
  modelKitRepository: string,
  changes: DemoChange[],
  style: DemoOverlayStyle = 'deployment-env',
): DemoDeployRepository {
  const modelKit = modelKitRepository.slice(
    modelKitRepository.lastIndexOf('/') + 1,
  );
  const commits: DemoCommit[] = [];
  for (const [index, change] of changes.entries()) {
    const versions = commits[commits.length - 1]?.versions ?? {};
    commits.push(change({ name, modelKit, number: index + 1, versions }));
  }
  return { name, modelKitRepository, style, commits };
}

const { ada, grace, linus, margaret, alan } = DEMO_AUTHORS;

/**
 * The deploy repositories the demo Git host seeds. Where they end agrees with what the demo
 * clusters run (examples/demo-modelkits/README.md): support-sentiment 1.1.0 in production after
 * an overridden promotion of 2.0.0 was rolled back, 2.0.0 in staging.
 */
export const DEMO_DEPLOY_REPOSITORIES: DemoDeployRepository[] = [
  deployRepository('support-sentiment-api', SUPPORT, [
    addOverlays(63, ada, { staging: 'v1.0.0', production: 'v1.0.0' }),
    deploy(52, grace, 'staging', 'v1.1.0'),
    deploy(45, linus, 'production', 'v1.1.0'),
    deploy(30, linus, 'production', 'v2.0.0', { body: OVERRIDE_NOTE }),
    deploy(27, grace, 'production', 'v1.1.0', {
      body: CRASH_LOOP_REASON,
      rollBack: true,
    }),
    deploy(12, margaret, 'staging', 'v2.0.0'),
  ]),
  deployRepository(
    'review-sentiment-service',
    REVIEW,
    [
      addOverlays(58, ada, { staging: 'v0.1.0', production: 'v0.2.0' }),
      deploy(33, margaret, 'staging', 'v0.2.0'),
      deploy(6, grace, 'staging', 'v0.3.0'),
    ],
    'kserve-storage-uri',
  ),
  deployRepository('fraud-scoring', FRAUD, [
    addOverlays(49, alan, { staging: 'v1.0.0', production: 'v1.1.0' }),
    deploy(21, alan, 'staging', 'v1.1.0'),
    deploy(3, ada, 'staging', 'v1.2.0'),
  ]),
];
