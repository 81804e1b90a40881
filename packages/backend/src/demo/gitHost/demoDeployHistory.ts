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

/**
 * The deploy repositories the demo Git host seeds. Where they end agrees with what the demo
 * clusters run (examples/demo-modelkits/README.md): support-sentiment 1.1.0 in production after
 * an overridden promotion of 2.0.0 was rolled back, 2.0.0 in staging.
 */
export const DEMO_DEPLOY_REPOSITORIES: DemoDeployRepository[] = [
  {
    name: 'support-sentiment-api',
    modelKitRepository: SUPPORT,
    style: 'deployment-env',
    commits: [
      {
        daysAgo: 63,
        author: DEMO_AUTHORS.ada,
        subject: 'Add the support-sentiment-api deploy overlays (#1)',
        versions: { staging: 'v1.0.0', production: 'v1.0.0' },
      },
      {
        daysAgo: 52,
        author: DEMO_AUTHORS.grace,
        subject: 'Promote support-sentiment v1.1.0 to staging (#2)',
        versions: { staging: 'v1.1.0', production: 'v1.0.0' },
      },
      {
        daysAgo: 45,
        author: DEMO_AUTHORS.linus,
        subject: 'Promote support-sentiment v1.1.0 to production (#3)',
        versions: { staging: 'v1.1.0', production: 'v1.1.0' },
      },
      {
        daysAgo: 30,
        author: DEMO_AUTHORS.linus,
        subject: 'Promote support-sentiment v2.0.0 to production (#4)',
        body: OVERRIDE_NOTE,
        versions: { staging: 'v1.1.0', production: 'v2.0.0' },
      },
      {
        daysAgo: 27,
        author: DEMO_AUTHORS.grace,
        subject: 'Roll back support-sentiment in production to v1.1.0 (#5)',
        body: 'v2.0.0 crash-loops under production traffic; back to the version that ran before.',
        versions: { staging: 'v1.1.0', production: 'v1.1.0' },
      },
      {
        daysAgo: 12,
        author: DEMO_AUTHORS.margaret,
        subject: 'Promote support-sentiment v2.0.0 to staging (#6)',
        versions: { staging: 'v2.0.0', production: 'v1.1.0' },
      },
    ],
  },
  {
    name: 'review-sentiment-service',
    modelKitRepository: REVIEW,
    style: 'kserve-storage-uri',
    commits: [
      {
        daysAgo: 58,
        author: DEMO_AUTHORS.ada,
        subject: 'Add the review-sentiment-service deploy overlays (#1)',
        versions: { staging: 'v0.1.0', production: 'v0.2.0' },
      },
      {
        daysAgo: 33,
        author: DEMO_AUTHORS.margaret,
        subject: 'Promote review-sentiment v0.2.0 to staging (#2)',
        versions: { staging: 'v0.2.0', production: 'v0.2.0' },
      },
      {
        daysAgo: 6,
        author: DEMO_AUTHORS.grace,
        subject: 'Promote review-sentiment v0.3.0 to staging (#3)',
        versions: { staging: 'v0.3.0', production: 'v0.2.0' },
      },
    ],
  },
  {
    name: 'fraud-scoring',
    modelKitRepository: FRAUD,
    style: 'deployment-env',
    commits: [
      {
        daysAgo: 49,
        author: DEMO_AUTHORS.alan,
        subject: 'Add the fraud-scoring deploy overlays (#1)',
        versions: { staging: 'v1.0.0', production: 'v1.1.0' },
      },
      {
        daysAgo: 21,
        author: DEMO_AUTHORS.alan,
        subject: 'Promote fraud-detector v1.1.0 to staging (#2)',
        versions: { staging: 'v1.1.0', production: 'v1.1.0' },
      },
      {
        daysAgo: 3,
        author: DEMO_AUTHORS.ada,
        subject: 'Promote fraud-detector v1.2.0 to staging (#3)',
        versions: { staging: 'v1.2.0', production: 'v1.1.0' },
      },
    ],
  },
];
