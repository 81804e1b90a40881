import { PermissionsService } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import yaml from 'yaml';
import { actionContext } from '../__testUtils__/actionContext';
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

  function promote() {
    return createPromoteModelKitAction({
      config: world.config(),
      catalog: catalogServiceMock({ entities: world.entities() }),
      registry: world.services.registry,
      attestations: world.services.attestations,
      permissions: allowAll,
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

  it('validates the push-branch example up to the remote check', async () => {
    const action = createPushBranchAction({ config: world.config() });
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
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /git\.example\.com\/nlp\/support-sentiment\.git is neither on a host of an SCM integration/,
    );
  });
});
