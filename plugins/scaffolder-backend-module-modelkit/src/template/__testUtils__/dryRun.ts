import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleModelKit } from '../../module/scaffolderModuleModelKit';

const PACKAGE = '@kitstage/plugin-scaffolder-backend-module-modelkit';

/**
 * The template under test, as the portal registers it.
 *
 * @internal
 */
export const TEMPLATE_DIR = resolvePackagePath(
  PACKAGE,
  '../../templates/modelkit-project',
);

function listFiles(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(full, base)
      : [path.relative(base, full)];
  });
}

/**
 * The template directory as the dry-run API takes it.
 *
 * @internal
 */
export function templateDirectoryContents() {
  return listFiles(TEMPLATE_DIR).map(file => ({
    path: file.split(path.sep).join('/'),
    base64Content: fs
      .readFileSync(path.join(TEMPLATE_DIR, file))
      .toString('base64'),
  }));
}

/**
 * The template entity.
 *
 * @internal
 */
export function loadTemplate() {
  return yaml.parse(
    fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
}

/**
 * A dry-run result: the files of the generated repository, and the task log.
 *
 * @internal
 */
export interface DryRunResult {
  status: number;
  body: any;
  files: Map<string, string>;
}

/**
 * Starts a backend with the real scaffolder, the GitHub publish actions, the Kitstage module and
 * a catalog holding the given entities, and returns a function that dry-runs a template.
 * `kitstage` is the `kitstage` section of the root config, such as `kitstage.environments`.
 *
 * @internal
 */
export async function startScaffolder(
  entities: Entity[],
  kitstage?: JsonObject,
) {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-dry-run-'));
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      githubModule,
      scaffolderModuleModelKit,
      catalogServiceMock.factory({ entities }),
      mockServices.rootConfig.factory({
        data: {
          backend: { workingDirectory: workDir },
          ...(kitstage ? { kitstage } : {}),
          integrations: {
            github: [{ host: 'github.com' }],
            // A self-hosted GitLab served over plain http, as the demo's Git host is.
            gitlab: [
              {
                host: '127.0.0.1:7110',
                baseUrl: 'http://127.0.0.1:7110',
                apiBaseUrl: 'http://127.0.0.1:7110/api/v4',
              },
            ],
          },
        },
      }),
    ],
  });

  async function dryRun(
    values: Record<string, unknown>,
    template = loadTemplate(),
  ): Promise<DryRunResult> {
    const response = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values,
        secrets: {},
        directoryContents: templateDirectoryContents(),
      });
    const files = new Map<string, string>();
    for (const file of response.body.directoryContents ?? []) {
      files.set(
        file.path,
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      );
    }
    return { status: response.status, body: response.body, files };
  }

  async function stop() {
    await backend.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }

  return { dryRun, stop };
}
