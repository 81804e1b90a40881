import path from 'node:path';
import { createDemoModule } from './createDemoModule';
import {
  DEMO_AUTHORS,
  DEMO_DEPLOY_REPOSITORIES,
} from './gitHost/demoDeployHistory';
import { mergePromotionBranches } from './gitHost/mergePromotionBranches';
import {
  readLayoutDigests,
  seedDeployRepositories,
} from './gitHost/seedDeployRepositories';
import {
  DemoGitServer,
  startDemoGitServer,
} from './gitHost/startDemoGitServer';

/**
 * Serves the demo deploy repositories (one per demo Component of examples/entities.yaml, with
 * several weeks of promotions, one overridden gate and one roll back by the demo users) from a
 * loopback Git smart-HTTP server, `git http-backend`, for the demo portal only. Nothing starts
 * unless `kitstage.demo.gitHost` is configured:
 *
 * ```yaml
 * kitstage:
 *   demo:
 *     gitHost:
 *       port: 7110
 *       token: ${KITSTAGE_DEMO_GIT_TOKEN:-kitstage-demo-git}
 *       directory: ../../.demo-data/git      # relative to packages/backend
 *       modelKits: ../../examples/oci-layout # the digests the history pins
 *       reseed: false                        # true: start from the seeded history every time
 *       mergePushedBranches: true            # merge pushed promotion branches, as a reviewer
 *       createGroups: [projects]             # a push creates <group>/<name>.git, as on GitLab
 * ```
 *
 * The Components name `http://127.0.0.1:<port>/<name>.git#main` in their
 * `kitstage.dev/deploy-repository` annotation; Kitstage reaches the host as any Git host:
 * allowed by `kitstage.promotion.allowedRemotes`, with the token of the SCM integration
 * configured for `127.0.0.1:<port>`, which the host requires. The repositories are bare
 * repositories under `directory`, seeded when missing (or at every start with `reseed`);
 * otherwise they keep what was pushed to them. A push to a missing repository of a group of
 * `createGroups` creates it, as GitLab creates a project on its first push: that is where the
 * ModelKit project template publishes new projects (`kitstage:git:publish`), and the catalog
 * reads their `catalog-info.yaml` through the GitLab file API the host answers for Backstage's
 * GitLab URL reader. Every repository also has read-only web pages at GitLab's addresses
 * (`/<group>/<name>`, `…/-/blob/main/<file>`), marked as simulated. The server listens on
 * 127.0.0.1 only and stops with the backend.
 */
export const modelkitModuleDemoGitHost = createDemoModule({
  pluginId: 'modelkit',
  moduleId: 'kitstage-demo-git-host',
  configKey: 'gitHost',
  async start({ settings, logger }) {
    const directory = path.resolve(settings.getString('directory'));
    const seeded = await seedDeployRepositories({
      directory,
      repositories: DEMO_DEPLOY_REPOSITORIES,
      digests: await readLayoutDigests(
        path.resolve(settings.getString('modelKits')),
      ),
      reseed: settings.getOptionalBoolean('reseed') ?? false,
    });
    const createGroups = settings.getOptionalStringArray('createGroups') ?? [];
    for (const group of createGroups) {
      if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(group)) {
        throw new Error(
          `kitstage.demo.gitHost.createGroups: "${group}" is not a group name (lower-case letters, digits and "-")`,
        );
      }
    }
    const merge = settings.getOptionalBoolean('mergePushedBranches') ?? true;
    const server: DemoGitServer = await startDemoGitServer({
      root: directory,
      port: settings.getNumber('port'),
      token: settings.getString('token'),
      createGroups,
      afterPush: merge
        ? async gitDir => {
            try {
              const { merged, conflicting } = await mergePromotionBranches(
                gitDir,
                DEMO_AUTHORS.ada,
              );
              for (const branch of merged) {
                logger.info(
                  `Demo Git host merged ${branch} into main of ${path.basename(
                    gitDir,
                  )}`,
                );
              }
              for (const branch of conflicting) {
                logger.warn(
                  `Demo Git host left ${branch} of ${path.basename(
                    gitDir,
                  )} unmerged: it conflicts with main`,
                );
              }
            } catch (error) {
              logger.warn(
                `Demo Git host could not merge the promotion branches of ${gitDir}: ${error}`,
              );
            }
          }
        : undefined,
    });
    logger.info(
      `Demo Git host serves ${
        DEMO_DEPLOY_REPOSITORIES.length
      } deploy repositories of ${directory} at ${server.url}${
        createGroups.length
          ? `, creating repositories pushed to ${createGroups
              .map(group => `${server.url}/${group}/`)
              .join(', ')}`
          : ''
      } (${
        seeded.length ? `seeded now: ${seeded.join(', ')}` : 'kept as they were'
      })`,
    );
    return { stop: () => server.stop() };
  },
});

export default modelkitModuleDemoGitHost;
