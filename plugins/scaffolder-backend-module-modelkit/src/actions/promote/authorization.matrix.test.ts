import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ModelKitAccessService } from '@kitstage/plugin-modelkit-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { actionContext } from '../__testUtils__/actionContext';
import { recordingAuditor } from '../__testUtils__/auditor';
import {
  createBareRepository,
  git,
  PromotionWorld,
  startPromotionWorld,
  writeProject,
} from './__testUtils__/promotionWorld';
import { createPromoteModelKitAction } from './promoteModelKit';
import { createPushBranchAction } from './pushBranch';

// Both writing actions, as four callers, on three Components: one the caller may see, one the
// catalog hides from users, and one that serves a "shadow" ModelKit registered by hand (the
// Component is registered by hand too). The registry, the attestations and Git are real; the
// catalog and the permission policy are stand-ins that decide per entity, as the real ones do
// (the backend's matrix test runs the routes against the real catalog and permission backend).

jest.setTimeout(120_000);

const OWNER = 'user:default/alice';
const DENIED = 'user:default/mallory';
const SERVICE = 'external:report-job';
const NONE = 'none';
const CALLERS = [OWNER, DENIED, SERVICE, NONE] as const;
type Caller = (typeof CALLERS)[number];
type Column = 'visible' | 'hidden' | 'shadow';
const COLUMNS: Column[] = ['visible', 'hidden', 'shadow'];

/** What each caller gets, per Component: `ok` or the error's name. */
type Row = Record<Caller, [string, string, string]>;

const EXPECTED: Record<'promote' | 'push', Row> = {
  promote: {
    [OWNER]: ['ok', 'NotFoundError', 'NotAllowedError'],
    [DENIED]: ['NotAllowedError', 'NotFoundError', 'NotAllowedError'],
    // Refused before anything is read: a writer must be a user.
    [SERVICE]: ['NotAllowedError', 'NotAllowedError', 'NotAllowedError'],
    [NONE]: [
      'AuthenticationError',
      'AuthenticationError',
      'AuthenticationError',
    ],
  },
  push: {
    [OWNER]: ['ok', 'NotFoundError', 'NotAllowedError'],
    [DENIED]: ['NotAllowedError', 'NotFoundError', 'NotAllowedError'],
    [SERVICE]: ['NotAllowedError', 'NotAllowedError', 'NotAllowedError'],
    [NONE]: [
      'AuthenticationError',
      'AuthenticationError',
      'AuthenticationError',
    ],
  },
};

const HIDDEN = 'test.kitstage.dev/hidden';
const UNTRUSTED_LOCATION = 'url:https://git.example.com/someone/catalog.yaml';
const COMPONENTS: Record<Column, string> = {
  visible: 'component:default/support-sentiment',
  hidden: 'component:default/secret-svc',
  shadow: 'component:default/shadow-svc',
};

/** The owner may do everything; `mallory` may read entities but holds no Kitstage permission. */
const permissions: PermissionsService = {
  async authorize(requests, options) {
    const principal = options.credentials.principal as {
      type?: string;
      userEntityRef?: string;
    };
    return requests.map(() => ({
      result:
        principal.type === 'service' || principal.userEntityRef === OWNER
          ? AuthorizeResult.ALLOW
          : AuthorizeResult.DENY,
    })) as any;
  },
  async authorizeConditional() {
    throw new Error('not used');
  },
};

function credentialsOf(caller: Caller): BackstageCredentials {
  if (caller === NONE) return mockCredentials.none();
  if (caller === SERVICE) return mockCredentials.service(SERVICE);
  return mockCredentials.user(caller);
}

describe('authorization of the writing actions', () => {
  let world: PromotionWorld;
  let root: string;
  let bare: string;
  let entities: Entity[];

  beforeAll(async () => {
    world = await startPromotionWorld();
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'kitstage-matrix-'));
    bare = await createBareRepository(
      path.join(root, 'repos'),
      'svc',
      `${world.repository}:v1`,
    );
    const [component, modelKit] = world.entities('production', {
      deployRepository: `file://${bare}#main`,
    });
    const withName = (
      entity: Entity,
      name: string,
      annotations: Record<string, string>,
      spec: JsonObject = {},
    ): Entity => ({
      ...entity,
      metadata: {
        ...entity.metadata,
        name,
        annotations: { ...entity.metadata.annotations, ...annotations },
      },
      spec: { ...entity.spec, ...spec },
    });
    const untrusted = {
      'backstage.io/managed-by-location': UNTRUSTED_LOCATION,
      'backstage.io/managed-by-origin-location': UNTRUSTED_LOCATION,
    };
    entities = [
      component,
      modelKit,
      withName(component, 'secret-svc', { [HIDDEN]: 'true' }),
      withName(component, 'shadow-svc', untrusted, {
        dependsOn: ['modelkit:default/shadow'],
      }),
      withName(modelKit, 'shadow', untrusted),
    ];
  });

  afterAll(async () => {
    await world?.stop();
    await fs.rm(root, { recursive: true, force: true });
  });

  /** The catalog as a user sees it: entities with the hidden annotation are not there. */
  function access() {
    const config = world.config({
      kitstage: { promotion: { allowedRemotes: [`file://${root}/repos/`] } },
    });
    const catalog = catalogServiceMock({ entities });
    const getEntityByRef = catalog.getEntityByRef.bind(catalog);
    catalog.getEntityByRef = (async (ref, options) => {
      const entity = await getEntityByRef(ref, options);
      const credentials =
        options && 'credentials' in options ? options.credentials : undefined;
      const principal = credentials?.principal as
        | Partial<BackstageUserPrincipal>
        | undefined;
      return entity?.metadata.annotations?.[HIDDEN] &&
        principal?.type === 'user'
        ? undefined
        : entity;
    }) as typeof catalog.getEntityByRef;
    return {
      config,
      access: ModelKitAccessService.create({
        config,
        catalog,
        permissions,
        registries: world.services.registry,
      }),
    };
  }

  async function outcome(run: () => Promise<unknown>): Promise<string> {
    try {
      await run();
      return 'ok';
    } catch (error) {
      return (error as Error).name;
    }
  }

  const cells = (['promote', 'push'] as const).flatMap(action =>
    CALLERS.flatMap(caller =>
      COLUMNS.map(
        (column, i) =>
          [action, caller, column, EXPECTED[action][caller][i]] as const,
      ),
    ),
  );

  it.each(cells)(
    '%s as %s on the %s Component: %s',
    async (action, caller, column, expected) => {
      const { config, access: service } = access();
      const audit = recordingAuditor();
      const workspace = await fs.mkdtemp(path.join(root, 'workspace-'));
      // The project pins v2 by digest, the remote v1: a push has something to change.
      await writeProject(workspace, `${world.repository}@${world.digests.v2}`);
      const headsBefore = await git(
        bare,
        'for-each-ref',
        '--format=%(refname)',
        'refs/heads',
      );
      const credentials = credentialsOf(caller);
      const result = await outcome(async () => {
        if (action === 'promote') {
          const ctx = actionContext(
            {
              component: COMPONENTS[column],
              environment: 'production',
              version: 'v2',
            },
            workspace,
          );
          ctx.getInitiatorCredentials = async () => credentials as any;
          await createPromoteModelKitAction({
            config,
            access: service,
            attestations: world.services.attestations,
            auditor: audit.auditor,
          }).handler(ctx as any);
        } else {
          const ctx = actionContext(
            {
              component: COMPONENTS[column],
              branch: `promote/matrix-${caller.replace(/\W/g, '-')}-${column}`,
              baseBranch: 'main',
              commitMessage: 'Pin production',
              files: ['deploy/overlays/production/modelkit.yaml'],
            },
            workspace,
          );
          ctx.getInitiatorCredentials = async () => credentials as any;
          await createPushBranchAction({
            config,
            access: service,
            attestations: world.services.attestations,
            auditor: audit.auditor,
          }).handler(ctx as any);
        }
      });
      expect(result).toBe(expected);
      // A refused action changes nothing on the remote.
      const headsAfter = await git(
        bare,
        'for-each-ref',
        '--format=%(refname)',
        'refs/heads',
      );
      expect(headsAfter !== headsBefore).toBe(
        action === 'push' && expected === 'ok',
      );
    },
  );
});
