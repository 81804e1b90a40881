/* eslint jest/expect-expect: ["warn", { "assertFunctionNames": ["expect", "expectRefused", "expectHostile"] }] */
import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  actionContext,
  ActionInput,
  loggedText,
} from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import {
  overlayPatch,
  PromotionWorld,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';

jest.setTimeout(120_000);

type JsonObject = Record<string, any>;

const OWNER = 'user:default/alice';
const STRANGER = 'user:default/mallory';
const ADMIN = 'user:default/root';
/** A service the permission policy allows everything, as a permissive policy would. */
const SERVICE = 'external:release-bot';

/**
 * Decides like the Kitstage policy helper would: everyone may read ModelKits, `alice` may
 * promote, `root` may promote and override, everyone else is denied.
 */
const permissions: PermissionsService = {
  async authorize(requests, options) {
    const principal = options.credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const user = principal.userEntityRef;
    return requests.map(request => {
      const name = request.permission.name;
      const allowed =
        principal.subject === SERVICE ||
        name === 'kitstage.modelkit.read' ||
        (name === 'kitstage.modelkit.promote' &&
          (user === OWNER || user === ADMIN)) ||
        (name === 'kitstage.modelkit.promote.override' && user === ADMIN);
      return { result: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY };
    }) as any;
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

describe('kitstage:modelkit:promote', () => {
  let world: PromotionWorld;
  let workspace: string;
  const overlay = () =>
    path.join(workspace, 'deploy/overlays/production/modelkit.yaml');

  beforeAll(async () => {
    world = await startPromotionWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });
  let audit: ReturnType<typeof recordingAuditor>;
  beforeEach(async () => {
    audit = recordingAuditor();
    workspace = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-promote-'));
    await writeProject(workspace, `${world.repository}:v1`);
  });
  afterEach(async () => {
    await fs.rm(workspace, { recursive: true, force: true });
  });

  async function run(
    input: ActionInput,
    options: {
      user?: string;
      credentials?: BackstageCredentials;
      lifecycle?: string;
      config?: JsonObject;
    } = {},
  ) {
    const config = world.config(options.config);
    const action = createPromoteModelKitAction({
      config,
      access: world.access({
        config,
        entities: world.entities(options.lifecycle),
        permissions,
      }),
      attestations: world.services.attestations,
      auditor: audit.auditor,
    });
    const ctx = actionContext(input, workspace);
    const credentials: BackstageCredentials =
      options.credentials ?? mockCredentials.user(options.user ?? OWNER);
    ctx.getInitiatorCredentials = async () => credentials as any;
    await action.handler(ctx as any);
    const outputs = Object.fromEntries(ctx.output.mock.calls);
    return { ctx, outputs };
  }

  const input = (extra: ActionInput = {}): ActionInput => ({
    component: 'component:default/support-sentiment',
    environment: 'production',
    version: 'v2',
    ...extra,
  });

  it('pins the production overlay to the digest of v2, changing only the reference lines', async () => {
    const before = await fs.readFile(overlay(), 'utf8');
    const { outputs, ctx } = await run(input());
    const pinned = `${world.repository}@${world.digests.v2}`;
    const after = await fs.readFile(overlay(), 'utf8');
    expect(after).toBe(overlayPatch(pinned));
    const changed = before
      .split('\n')
      .flatMap((line, i) => (line === after.split('\n')[i] ? [] : [i + 1]));
    expect(changed).toEqual([8, 13, 19]);
    expect(after.split('\n')[18]).toBe(
      `              value: ${pinned} # what the server reports`,
    );
    // The staging overlay is not touched.
    expect(
      await fs.readFile(
        path.join(workspace, 'deploy/overlays/staging/modelkit.yaml'),
        'utf8',
      ),
    ).toBe(overlayPatch(`${world.repository}:v1`));

    expect(outputs.files).toEqual(['deploy/overlays/production/modelkit.yaml']);
    expect(outputs.reference).toBe(pinned);
    expect(outputs.digest).toBe(world.digests.v2);
    expect(outputs.previousReferences).toEqual([`${world.repository}:v1`]);
    expect(outputs.title).toBe('Promote support-sentiment v2 to production');
    expect(outputs.overridden).toBe(false);
    expect(outputs.branchName).toBe(
      `kitstage/promote-support-sentiment-production-${world.digests.v2.slice(
        7,
        19,
      )}`,
    );
    // The body lists the version diff and the attestations of the target.
    expect(outputs.body).toContain(`\`${pinned}\``);
    expect(outputs.body).toContain(`\`model.path\` changed`);
    expect(outputs.body).toContain(`\`package.version\` changed`);
    expect(outputs.body).toContain('Attestations: 1 verified.');
    expect(outputs.body).toContain(
      'Policy: Attestation policy "production" passed',
    );
    expect(outputs.body).toMatch(/- verified: attestation .* by release/);
    expect(outputs.evaluation.allowed).toBe(true);
    expect(loggedText(ctx.logger)).toContain('Gates passed');
    expect(audit.events).toEqual([
      {
        eventId: 'modelkit-promote',
        severityLevel: 'medium',
        outcome: 'success',
        meta: {
          actor: OWNER,
          component: 'component:default/support-sentiment',
          modelKit: 'modelkit:default/support-sentiment',
          environment: 'production',
          version: 'v2',
          digest: world.digests.v2,
          reference: pinned,
          overridden: false,
          outcome: 'promoted',
          dryRun: false,
        },
      },
    ]);
  });

  it('accepts a digest and promotes to an environment without a policy', async () => {
    const { outputs } = await run(
      input({ environment: 'staging', version: world.digests.v3 }),
    );
    expect(outputs.files).toEqual(['deploy/overlays/staging/modelkit.yaml']);
    expect(outputs.body).toContain('attestations were not checked');
    expect(
      await fs.readFile(
        path.join(workspace, 'deploy/overlays/staging/modelkit.yaml'),
        'utf8',
      ),
    ).toBe(overlayPatch(`${world.repository}@${world.digests.v3}`));
  });

  describe('refuses before writing anything', () => {
    async function expectRefused(
      promise: Promise<unknown>,
      messages: Array<string | RegExp>,
    ) {
      const before = await fs.readFile(overlay(), 'utf8');
      const error = await promise.then(
        () => undefined,
        e => e as Error,
      );
      expect(error).toBeDefined();
      for (const message of messages) {
        expect(error!.message).toMatch(message);
      }
      expect(await fs.readFile(overlay(), 'utf8')).toBe(before);
      return error!;
    }

    it('a version without the evidence the production policy requires, and audits the refusal', async () => {
      const error = await expectRefused(run(input({ version: 'v3' })), [
        /refused:\n- Attestation policy "production" is missing/,
      ]);
      expect(error.name).toBe('NotAllowedError');
      expect(audit.events).toEqual([
        expect.objectContaining({
          eventId: 'modelkit-promote',
          outcome: 'fail',
          error: error.message,
          meta: expect.objectContaining({
            actor: OWNER,
            environment: 'production',
            digest: world.digests.v3,
            outcome: 'refused',
            refusals: [
              expect.stringMatching(
                /^Attestation policy "production" is missing/,
              ),
            ],
          }),
        }),
      ]);
    });

    it('a service principal, although the permission policy allows it to promote and override', async () => {
      const error = await expectRefused(
        run(input({ version: 'v3', overrideReason: 'release bot' }), {
          credentials: mockCredentials.service(SERVICE),
          lifecycle: 'experimental',
        }),
        [
          `Promoting component:default/support-sentiment needs a signed-in user; the service principal ${SERVICE} may not, unless its subject is listed under kitstage.authorization.servicePrincipals`,
        ],
      );
      expect(error.name).toBe('NotAllowedError');
      expect(audit.events[0]).toMatchObject({
        outcome: 'fail',
        meta: {
          actor: `service:${SERVICE}`,
          overrideReason: 'release bot',
          outcome: 'refused',
        },
      });
    });

    it('a hand-registered ModelKit that claims lifecycle production', async () => {
      const action = createPromoteModelKitAction({
        config: world.config(),
        access: world.access({
          config: world.config(),
          entities: world.entities('production', {
            modelKitLocation: 'url:https://github.com/mallory/x/catalog.yaml',
          }),
          permissions,
        }),
        attestations: world.services.attestations,
        auditor: audit.auditor,
      });
      const ctx = actionContext(input(), workspace);
      ctx.getInitiatorCredentials = async () =>
        mockCredentials.user(OWNER) as any;
      await expectRefused(action.handler(ctx as any), [
        'modelkit:default/support-sentiment is not from a configured registry',
      ]);
    });

    it('an experimental ModelKit in production, with every reason at once', async () => {
      await expectRefused(
        run(input({ version: 'v3' }), { lifecycle: 'experimental' }),
        [
          'has lifecycle "experimental", which may not reach production',
          'Attestation policy "production" is missing',
        ],
      );
    });

    it('a lifecycle outside the allowed list', async () => {
      await expectRefused(
        run(input(), {
          lifecycle: 'beta',
          config: {
            kitstage: {
              environments: [
                { name: 'production', allowedLifecycles: ['production'] },
              ],
            },
          },
        }),
        ['has lifecycle "beta"; production only allows production'],
      );
    });

    it('a user without the promote permission', async () => {
      await expectRefused(run(input(), { user: STRANGER }), [
        'You are not allowed to promote component:default/support-sentiment (permission kitstage.modelkit.promote)',
      ]);
    });

    it('an environment that is not configured', async () => {
      await expectRefused(run(input({ environment: 'qa' })), [
        'Environment "qa" is not configured under kitstage.environments',
      ]);
    });

    it('a tag the registry does not have', async () => {
      await expectRefused(run(input({ version: 'v9' })), [
        /Version "v9" of .* could not be resolved/,
      ]);
    });

    it('an override by a user without the override permission', async () => {
      await expectRefused(
        run(input({ version: 'v3', overrideReason: 'incident 4711' })),
        [
          'Attestation policy "production" is missing',
          'Overriding needs the permission kitstage.modelkit.promote.override',
        ],
      );
    });

    it('an override of a gate that cannot be overridden', async () => {
      await expectRefused(
        run(input({ version: 'v9', overrideReason: 'please' }), {
          user: ADMIN,
        }),
        ['could not be resolved', 'These gates cannot be overridden'],
      );
    });
  });

  it('overrides a refused gate with the override permission and writes the reason into the pull request', async () => {
    const { outputs, ctx } = await run(
      input({
        version: 'v3',
        overrideReason: 'Incident 4711 <script>\nscan reruns tonight',
      }),
      { user: ADMIN, lifecycle: 'experimental' },
    );
    expect(outputs.overridden).toBe(true);
    expect(await fs.readFile(overlay(), 'utf8')).toBe(
      overlayPatch(`${world.repository}@${world.digests.v3}`),
    );
    expect(outputs.overrideNote).toContain(
      `**Gate overridden** by ${ADMIN} (permission kitstage.modelkit.promote.override)`,
    );
    expect(outputs.overrideNote).toContain(
      '> Incident 4711 &lt;script&gt;\n> scan reruns tonight',
    );
    expect(outputs.overrideNote).toContain('which may not reach production');
    expect(outputs.body).toContain(outputs.overrideNote);
    expect(outputs.body).toContain('REFUSED policy');
    expect(loggedText(ctx.logger)).toContain('Overriding refused gates');
    expect(audit.events).toEqual([
      expect.objectContaining({
        outcome: 'success',
        meta: expect.objectContaining({
          actor: ADMIN,
          digest: world.digests.v3,
          overrideReason: 'Incident 4711 <script>\nscan reruns tonight',
          overridden: true,
          outcome: 'overridden',
          refusals: expect.arrayContaining([
            expect.stringContaining('which may not reach production'),
          ]),
        }),
      }),
    ]);
  });

  describe('hostile overlays', () => {
    async function expectHostile(message: RegExp) {
      const error = await run(input()).then(
        () => undefined,
        e => e as Error,
      );
      expect(error?.message).toMatch(message);
    }

    it('refuses an overlay file that is a symbolic link out of the repository', async () => {
      const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
      const target = path.join(outside, 'secret.yaml');
      await fs.writeFile(target, overlayPatch(`${world.repository}:v1`));
      await fs.rm(overlay());
      await fs.symlink(target, overlay());
      await expectHostile(
        /modelkit\.yaml is refused: it is a symbolic link, which may point outside/,
      );
      expect(await fs.readFile(target, 'utf8')).toBe(
        overlayPatch(`${world.repository}:v1`),
      );
      await fs.rm(outside, { recursive: true, force: true });
    });

    it('refuses an overlay directory reached through a symbolic link', async () => {
      const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'outside-'));
      await writeProject(outside, `${world.repository}:v1`);
      const overlays = path.join(workspace, 'deploy/overlays');
      await fs.rm(overlays, { recursive: true });
      await fs.symlink(path.join(outside, 'deploy/overlays'), overlays);
      await expectHostile(/goes through the symbolic link "deploy\/overlays"/);
      await fs.rm(outside, { recursive: true, force: true });
    });

    it('refuses YAML with anchors and aliases', async () => {
      await fs.writeFile(
        overlay(),
        `metadata:\n  annotations: &a\n    kitstage.dev/modelkit: ${world.repository}:v1\nspec:\n  template:\n    metadata:\n      annotations: *a\n`,
      );
      await expectHostile(/refused: it declares the anchor &a/);
    });

    it('refuses YAML with custom tags', async () => {
      await fs.writeFile(
        overlay(),
        `metadata:\n  annotations:\n    kitstage.dev/modelkit: !ref ${world.repository}:v1\n`,
      );
      await expectHostile(/refused: it uses the explicit tag !ref/);
    });

    it('refuses a huge file before reading it', async () => {
      await fs.writeFile(
        overlay(),
        `${overlayPatch(`${world.repository}:v1`)}# ${'x'.repeat(300_000)}\n`,
      );
      await expectHostile(/refused: it is \d+ bytes, more than the 262144/);
    });

    it('refuses an overlay that runs two different versions', async () => {
      await fs.writeFile(
        path.join(workspace, 'deploy/overlays/production/canary.yaml'),
        overlayPatch(`${world.repository}:v2`),
      );
      await expectHostile(
        /is ambiguous: it holds 2 different ModelKit references .*canary\.yaml:8/,
      );
    });

    it('refuses an overlay that deploys another ModelKit', async () => {
      await fs.writeFile(
        overlay(),
        overlayPatch(`${world.registry.host}/other/model:v1`),
      );
      await expectHostile(/deploys .*\/other\/model, not .*support-sentiment/);
    });

    it('refuses an overlay without any reference', async () => {
      await fs.writeFile(overlay(), 'apiVersion: v1\nkind: ConfigMap\n');
      await expectHostile(/holds no ModelKit reference/);
    });
  });
});
