import fs from 'node:fs/promises';
import path from 'node:path';
import { DemoDeployRepository } from './demoDeployHistory';
import { demoRepositoryFiles } from './overlayFiles';
import { runDemoGit } from './runDemoGit';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Reads the digest of each tagged manifest of an OCI image layout (its `index.json`), by
 * reference: `registry.example.com/kitstage-demo/support-sentiment:v1.0.0` → `sha256:…`.
 *
 * @param layoutDir - the OCI image layout directory.
 */
export async function readLayoutDigests(
  layoutDir: string,
): Promise<Map<string, string>> {
  const index = JSON.parse(
    await fs.readFile(path.join(layoutDir, 'index.json'), 'utf8'),
  ) as {
    manifests?: Array<{
      digest: string;
      annotations?: Record<string, string>;
    }>;
  };
  const digests = new Map<string, string>();
  for (const manifest of index.manifests ?? []) {
    const name = manifest.annotations?.['org.opencontainers.image.ref.name'];
    if (name) digests.set(name, manifest.digest);
  }
  return digests;
}

/** The commit message: the subject, the body, and the promote action's `Pin <reference>` lines. */
function commitMessage(
  subject: string,
  body: string | undefined,
  pins: string[],
): string {
  return [subject, body, pins.map(pin => `Pin ${pin}`).join('\n')]
    .filter(Boolean)
    .join('\n\n')
    .concat('\n');
}

/** The references of `after` that differ from those of `before` for the same environment. */
function changedReferences(
  before: Record<string, string>,
  after: Record<string, string>,
): string[] {
  return Object.entries(after)
    .filter(([environment, reference]) => before[environment] !== reference)
    .map(([, reference]) => reference);
}

/**
 * Writes the history of one demo deploy repository into a new bare repository `gitDir`, with
 * git plumbing only (no work tree, no hooks): for each commit, the repository's files
 * ({@link demoRepositoryFiles}) with each environment pinned to the digest of its tag, authored
 * and committed by the commit's demo user at its date, on `main`.
 *
 * @param options.digests - the digest of each `<repository>:<tag>` ({@link readLayoutDigests}).
 * @param options.now - the seeding time the commits' `daysAgo` count back from.
 */
export async function seedDeployRepository(options: {
  gitDir: string;
  repository: DemoDeployRepository;
  digests: Map<string, string>;
  now: Date;
}): Promise<void> {
  const { gitDir, repository, digests } = options;
  await fs.mkdir(gitDir, { recursive: true });
  await runDemoGit(gitDir, ['init', '--quiet', '--bare', '-b', 'main']);
  await runDemoGit(gitDir, ['config', 'http.receivepack', 'true']);
  const index = path.join(gitDir, 'kitstage-seed.index');
  const env = { GIT_INDEX_FILE: index };
  const midnight = Math.floor(options.now.getTime() / DAY_MS) * DAY_MS;
  let parent: string | undefined;
  let before: Record<string, string> = {};
  for (const [i, commit] of repository.commits.entries()) {
    const references: Record<string, string> = {};
    for (const [environment, tag] of Object.entries(commit.versions)) {
      const name = `${repository.modelKitRepository}:${tag}`;
      const digest = digests.get(name);
      if (!digest) {
        throw new Error(
          `The demo ModelKit layout has no ${name}, which the demo deploy repository ${repository.name} deploys`,
        );
      }
      references[environment] = `${repository.modelKitRepository}@${digest}`;
    }
    const files = demoRepositoryFiles(repository, references);
    const entries: string[] = [];
    for (const [file, content] of Object.entries(files)) {
      const oid = (
        await runDemoGit(gitDir, ['hash-object', '-w', '--stdin'], {
          input: content,
        })
      ).trim();
      entries.push(`100644 ${oid}\t${file}`);
    }
    await runDemoGit(gitDir, ['read-tree', '--empty'], { env });
    await runDemoGit(gitDir, ['update-index', '--add', '--index-info'], {
      env,
      input: `${entries.join('\n')}\n`,
    });
    const tree = (await runDemoGit(gitDir, ['write-tree'], { env })).trim();
    // Working hours, a little later for each commit, so that commits of one day keep their order.
    const date = new Date(
      midnight - commit.daysAgo * DAY_MS + (9 * 60 + i * 47) * 60 * 1000,
    ).toISOString();
    const pins = changedReferences(before, references);
    parent = (
      await runDemoGit(
        gitDir,
        ['commit-tree', tree, ...(parent ? ['-p', parent] : []), '-F', '-'],
        {
          input: commitMessage(commit.subject, commit.body, [...new Set(pins)]),
          env: {
            GIT_AUTHOR_NAME: commit.author.name,
            GIT_AUTHOR_EMAIL: commit.author.email,
            GIT_AUTHOR_DATE: date,
            GIT_COMMITTER_NAME: commit.author.name,
            GIT_COMMITTER_EMAIL: commit.author.email,
            GIT_COMMITTER_DATE: date,
          },
        },
      )
    ).trim();
    before = references;
  }
  if (parent) {
    await runDemoGit(gitDir, ['update-ref', 'refs/heads/main', parent]);
  }
  await fs.rm(index, { force: true });
}

/**
 * Seeds the demo deploy repositories as bare repositories `<directory>/<name>.git`. A
 * repository that already exists is kept as it is (with the user's promotions), unless
 * `reseed` is set: then it is deleted and written again from the demo history.
 *
 * @returns the names of the repositories written now.
 */
export async function seedDeployRepositories(options: {
  directory: string;
  repositories: DemoDeployRepository[];
  digests: Map<string, string>;
  reseed: boolean;
  now?: Date;
}): Promise<string[]> {
  const seeded: string[] = [];
  await fs.mkdir(options.directory, { recursive: true });
  for (const repository of options.repositories) {
    const gitDir = path.join(options.directory, `${repository.name}.git`);
    const exists = await fs
      .stat(path.join(gitDir, 'HEAD'))
      .then(() => true)
      .catch(() => false);
    if (exists && !options.reseed) continue;
    // Written aside and moved in place, so that an interrupted seeding is never kept.
    const partial = `${gitDir}.seeding`;
    await fs.rm(partial, { recursive: true, force: true });
    await seedDeployRepository({
      gitDir: partial,
      repository,
      digests: options.digests,
      now: options.now ?? new Date(),
    });
    await fs.rm(gitDir, { recursive: true, force: true });
    await fs.rename(partial, gitDir);
    seeded.push(repository.name);
  }
  return seeded;
}
