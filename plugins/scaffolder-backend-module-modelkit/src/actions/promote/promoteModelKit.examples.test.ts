import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import {
  overlayPatch,
  PromotionWorld,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';
import { examples } from './promoteModelKit.examples';
import { createPushBranchAction } from './pushBranch';
import { pushBranchExamples } from './pushBranch.examples';

jest.setTimeout(120_000);

const allowAll: PermissionsService = {
  async authorize(requests) {
    return requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

describe('promotion action examples', () => {
  let world: PromotionWorld;
  let workspace: string;

  beforeAll(async () => {
    world = await startPromotionWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });
  beforeEach(async () => {
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-examples-'));
  });
  afterEach(async () => {
    await fs.rm(workspace, { recursive: true, force: true });
  });

  const step = (example: { example: string }) =>
    yaml.parse(example.example).steps[0];

  const DEPLOY_REPOSITORY = 'https://git.example.com/nlp/support-sentiment.git';

  function access() {
    return world.access({
      config: world.config(),
      entities: world.entities('production', {
        deployRepository: DEPLOY_REPOSITORY,
      }),
      permissions: allowAll,
    });
  }

  function promote() {
    return createPromoteModelKitAction({
      config: world.config(),
      access: access(),
      attestations: world.services.attestations,
      auditor: recordingAuditor().auditor,
    });
  }

  it('runs the fetch:plain example: the overlay is pinned and the change copied', async () => {
    const action = promote();
    const { input, action: id } = step(examples[0]);
    expect(id).toBe(action.id);
    await writeProject(path.join(workspace, 'repo'), `${world.repository}:v1`);
    const ctx = actionContext(input, workspace);
    ctx.getInitiatorCredentials = async () => mockCredentials.user() as any;
    await action.handler(ctx as any);
    const pinned = overlayPatch(`${world.repository}@${world.digests.v2}`);
    expect(
      await fs.readFile(
        path.join(
          workspace,
          'changes/deploy/overlays/production/modelkit.yaml',
        ),
        'utf8',
      ),
    ).toBe(pinned);
  });

  it('validates the checkout-and-override example and stops at its unknown digest before cloning', async () => {
    const action = promote();
    const { input } = step(examples[1]);
    const ctx = actionContext(input, workspace);
    ctx.getInitiatorCredentials = async () => mockCredentials.user() as any;
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /Version "sha256:5{64}" of .* could not be resolved[\s\S]*These gates cannot be overridden/,
    );
    expect(await fs.readdir(workspace)).toEqual([]);
  });

  it("validates the push-branch example up to the check of the Component's remote", async () => {
    const action = createPushBranchAction({
      config: world.config(),
      access: access(),
      attestations: world.services.attestations,
      auditor: recordingAuditor().auditor,
    });
    const { input, action: id } = step(pushBranchExamples[0]);
    expect(id).toBe(action.id);
    const ctx = actionContext(
      {
        ...input,
        branch: 'kitstage/promote-x',
        commitMessage: 'Promote',
      },
      workspace,
    );
    ctx.getInitiatorCredentials = async () => mockCredentials.user() as any;
    await expect(action.handler(ctx as any)).rejects.toThrow(
      `The kitstage.dev/deploy-repository annotation of component:default/support-sentiment ${DEPLOY_REPOSITORY} is not under kitstage.promotion.allowedRemotes`,
    );
  });
});
