import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import request from 'supertest';
import {
  authWithActors,
  permissionPolicyModule,
  TestPermissionPolicy,
} from '../__testUtils__/permissionTestFeatures';
import { eventually } from '../__testUtils__/eventually';
import { searchModuleModelKitCollator } from './searchModuleModelKitCollator';

const root = resolve(__dirname, '../../../..');

jest.setTimeout(150_000);

/** Users of the test permission policy. */
const USERS = {
  /** May read every catalog entity. */
  reader: 'user:default/reader',
  /** May not read any catalog entity. */
  outsider: 'user:default/outsider',
  /** May read the catalog entities group:nlp-team owns, and no other. */
  nlpMember: 'user:default/nlp-member',
};

/**
 * The policy of the test permission backend: `catalog.entity.read` is denied to the outsider
 * and, through a catalog condition the catalog itself evaluates, allowed to the NLP team
 * member for the entities that group owns only.
 */
const TEST_POLICY = new TestPermissionPolicy([
  {
    user: USERS.outsider,
    permission: catalogEntityReadPermission,
    decision: 'deny',
  },
  {
    user: USERS.nlpMember,
    permission: catalogEntityReadPermission,
    decision: { ownedBy: ['group:default/nlp-team'] },
  },
]);

interface SearchResult {
  type: string;
  document: {
    title: string;
    location: string;
    framework: string;
    tags: string[];
    owner: string;
    authors: string[];
  };
}

describe('searchModuleModelKitCollator', () => {
  let backend: TestBackend;
  let previousCwd: string;
  let configDir: string;

  beforeAll(async () => {
    // The demo portal's app-config.yaml, as demoPortal.test.ts of the catalog module loads it:
    // its relative paths are relative to packages/backend. A second file only makes the
    // collator run every few seconds instead of every ten minutes.
    previousCwd = process.cwd();
    process.chdir(resolve(root, 'packages/backend'));
    configDir = mkdtempSync(join(tmpdir(), 'kitstage-search-'));
    const extra = join(configDir, 'app-config.test.yaml');
    writeFileSync(
      extra,
      JSON.stringify({
        search: {
          collators: {
            modelkit: {
              schedule: {
                frequency: { seconds: 3 },
                timeout: { minutes: 1 },
                initialDelay: { seconds: 1 },
              },
            },
          },
        },
      }),
    );
    backend = await startTestBackend({
      features: [
        rootConfigServiceFactory({
          argv: [
            '--config',
            resolve(root, 'app-config.yaml'),
            '--config',
            extra,
          ],
          watch: false,
        }),
        authWithActors,
        schedulerServiceFactory,
        catalogPlugin,
        catalogModuleModelKit,
        // The real permission backend (app-config.yaml enables permissions), so the search
        // backend filters results per user.
        permissionPlugin,
        permissionPolicyModule('search-test-policy', TEST_POLICY),
        // The real search plugin, with its default Lunr engine and its query route.
        searchPlugin,
        searchModuleModelKitCollator,
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await backend?.stop();
    process.chdir(previousCwd);
    rmSync(configDir, { recursive: true, force: true });
  }, 60_000);

  const query = (term: string, user: string) =>
    request(backend.server)
      .get('/api/search/query')
      .query({ term, 'types[0]': 'modelkit' })
      .set('authorization', mockCredentials.user.header(user));
  // The test collates every few seconds; Lunr swaps the index at the end of each run.
  const search = (
    term: string,
    user: string = USERS.reader,
  ): Promise<SearchResult[]> =>
    eventually(`an answer for ${term}`, async () => {
      const response = await query(term, user);
      return response.status === 200 ? response.body.results : undefined;
    });
  const locationsOf = (results: SearchResult[]) =>
    results.map(r => r.document.location).sort();

  it('indexes the demo ModelKits and finds them by framework and by tag', async () => {
    // Wait until a run of the collator has seen every demo ModelKit, with its annotations.
    const byFramework = await eventually(
      'the demo ModelKits in the search index',
      async () => {
        const results = await search('transformers');
        return results.some(
          r =>
            r.document.title === 'Support sentiment (fine-tune)' ||
            r.document.location ===
              '/catalog/default/modelkit/support-sentiment',
        )
          ? results
          : undefined;
      },
      100_000,
    );
    const locations = byFramework.map(r => r.document.location);
    expect(locations).toEqual(
      expect.arrayContaining([
        '/catalog/default/modelkit/sentiment-base',
        '/catalog/default/modelkit/support-sentiment',
      ]),
    );
    expect(byFramework.every(r => r.type === 'modelkit')).toBe(true);
    expect(
      byFramework.every(r => r.document.framework === 'transformers'),
    ).toBe(true);
    // The datasets have no framework, so a framework search does not find them.
    expect(locations).not.toContain(
      '/catalog/default/modelkit/support-tickets',
    );

    const fineTune = byFramework.find(
      r =>
        r.document.location === '/catalog/default/modelkit/support-sentiment',
    )!;
    expect(fineTune.document.owner).toMatch(/nlp-team$/);

    // The newest version's tag is one of the document's tags.
    expect(fineTune.document.tags).toContain(
      (fineTune.document as unknown as { latestVersion: string }).latestVersion,
    );
    expect(
      (fineTune.document as unknown as { latestVersion: string }).latestVersion,
    ).toMatch(/^v\d/);

    // A catalog tag of the demo data that only some ModelKits carry.
    const tag = 'safetensors';
    expect(fineTune.document.tags).toContain(tag);
    const byTag = await search(tag);
    expect(byTag.map(r => r.document.location)).toContain(
      '/catalog/default/modelkit/support-sentiment',
    );
    expect(byTag.every(r => r.document.tags.includes(tag))).toBe(true);

    const nothing = await search('zyxwvutsrq');
    expect(nothing).toEqual([]);
  });

  describe('visibility', () => {
    const transformers = [
      '/catalog/default/modelkit/review-sentiment',
      '/catalog/default/modelkit/sentiment-base',
      '/catalog/default/modelkit/support-sentiment',
    ];
    // Waits until a run of the collator has seen every demo ModelKit of the framework, and
    // returns what the reader, who may read every entity, finds.
    const readerResults = () =>
      eventually(
        'every transformers ModelKit in the search index',
        async () => {
          const results = await search('transformers', USERS.reader);
          const found = locationsOf(results);
          return transformers.every(l => found.includes(l))
            ? results
            : undefined;
        },
        100_000,
      );

    it('shows a user who may read every entity every ModelKit, without its authorization', async () => {
      const results = await readerResults();
      expect(locationsOf(results)).toEqual(transformers);
      // The authorization the search backend filters on never reaches the caller.
      expect(results.every(r => !('authorization' in r.document))).toBe(true);
    });

    it('shows a user only the ModelKits the catalog lets them read, document by document', async () => {
      await readerResults();
      // The NLP team member reads the two ModelKits group:nlp-team owns, not the base model
      // of group:ml-platform.
      const results = await search('transformers', USERS.nlpMember);
      expect(locationsOf(results)).toEqual([
        '/catalog/default/modelkit/review-sentiment',
        '/catalog/default/modelkit/support-sentiment',
      ]);
      expect(results.every(r => /nlp-team$/.test(r.document.owner))).toBe(true);
    });

    it('shows a user who may read no catalog entity no ModelKit', async () => {
      await readerResults();
      const response = await query('transformers', USERS.outsider);
      expect(response.status).toBe(200);
      expect(response.body.results).toEqual([]);
    });
  });
});
