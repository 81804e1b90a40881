import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import yaml from 'yaml';
import { scaffolderModuleModelKit } from '../../module/scaffolderModuleModelKit';
import {
  createBareRepository,
  git,
  overlayPatch,
  PromotionWorld,
  startPromotionWorld,
} from './__testUtils__/promotionWorld';

jest.setTimeout(180_000);

const TEMPLATE = resolvePackagePath(
  '@kitstage/plugin-scaffolder-backend-module-modelkit',
  '../../templates/promote-modelkit/template.yaml',
);

// The promote-modelkit template, dry-run by the real scaffolder with the Kitstage module: the
// promotion clones the Component's deploy repository (a real bare repository, allowed by
// kitstage.promotion.allowedRemotes) and pins the overlay; the push step checks what it would
// push, with the inputs the template gives it, and pushes nothing in a dry run.
describe('the promote-modelkit template', () => {
  let world: PromotionWorld;
  let backend: TestBackend;
  let root: string;
  let bare: string;

  beforeAll(async () => {
    world = await startPromotionWorld();
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kitstage-template-'));
    bare = await createBareRepository(root, 'svc', `${world.repository}:v1`);
    backend = await startTestBackend({
      features: [
        scaffolderPlugin,
        githubModule,
        scaffolderModuleModelKit,
        catalogServiceMock.factory({
          entities: world.entities('production', {
            deployRepository: `file://${bare}#main`,
          }),
        }),
        mockServices.rootConfig.factory({
          data: world.configData({
            backend: { workingDirectory: root },
            integrations: { github: [{ host: 'github.com' }] },
            kitstage: { promotion: { allowedRemotes: [`file://${root}/`] } },
          }),
        }),
      ],
    });
  });

  afterAll(async () => {
    await backend?.stop();
    await world?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  async function dryRun(values: Record<string, unknown>) {
    const response = await request(backend.server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template: yaml.parse(fs.readFileSync(TEMPLATE, 'utf8')),
        values,
        secrets: {},
        directoryContents: [],
      });
    const files = new Map<string, string>();
    for (const file of response.body.directoryContents ?? []) {
      files.set(
        file.path,
        Buffer.from(file.base64Content, 'base64').toString('utf8'),
      );
    }
    const log = (response.body.log ?? [])
      .map((entry: any) => entry.body?.message)
      .join('\n');
    return { response, files, log };
  }

  it("promotes through the Component's deploy repository: gates, pinned overlay, the change alone under changes/", async () => {
    const { response, files, log } = await dryRun({
      component: 'component:default/support-sentiment',
      environment: 'production',
      version: 'v2',
      delivery: 'git',
    });
    expect(response.status).toBe(200);
    const pinned = overlayPatch(`${world.repository}@${world.digests.v2}`);
    expect(files.get('changes/deploy/overlays/production/modelkit.yaml')).toBe(
      pinned,
    );
    expect(files.get('repo/deploy/overlays/production/modelkit.yaml')).toBe(
      pinned,
    );
    expect(
      [...files.keys()].filter(file => file.startsWith('changes/')),
    ).toEqual(['changes/deploy/overlays/production/modelkit.yaml']);
    expect(log).toContain('Gates passed');
    expect(log).toContain(`Cloning file://${bare} (main)`);
    expect(log).toContain(
      `Dry run: would push deploy/overlays/production/modelkit.yaml to kitstage/promote-support-sentiment-production-${world.digests.v2.slice(
        'sha256:'.length,
        'sha256:'.length + 12,
      )} of file://${bare}, based on main`,
    );
    expect(
      (await git(bare, 'for-each-ref', '--format=%(refname)')).trim(),
    ).toBe('refs/heads/main');
    expect(response.body.output.text[0].content).toContain(
      'Attestations: 1 verified.',
    );
  });

  it('passes an override to the push step, which checks the gates again', async () => {
    const { response, log } = await dryRun({
      component: 'component:default/support-sentiment',
      environment: 'production',
      version: 'v3',
      overrideReason: 'Hotfix for incident 4711',
      delivery: 'git',
    });
    expect(response.status).toBe(200);
    expect(
      log.match(
        /Overriding refused gates of component:default\/support-sentiment in production/g,
      ),
    ).toHaveLength(2);
    expect(log).toContain(
      'Dry run: would push deploy/overlays/production/modelkit.yaml to kitstage/promote-support-sentiment-production-',
    );
  });

  it('stops at the gate for an unverified version and says why', async () => {
    const { response, log, files } = await dryRun({
      component: 'component:default/support-sentiment',
      environment: 'production',
      version: 'v3',
      delivery: 'git',
    });
    expect(JSON.stringify(response.body)).toMatch(
      /Attestation policy \\"production\\" is missing/,
    );
    expect(log).not.toContain('Gates passed');
    expect([...files.keys()].filter(f => f.startsWith('changes/'))).toEqual([]);
  });
});
