import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import catalogModuleModelKit from '@kitstage/plugin-catalog-backend-module-modelkit';
import request from 'supertest';
import { eventually } from '../__testUtils__/startApiTestBackend';
import { searchModuleModelKitCollator } from './searchModuleModelKitCollator';

const root = resolve(__dirname, '../../../..');

jest.setTimeout(150_000);

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
        mockServices.permissions.factory({ result: 'ALLOW' } as Parameters<
          typeof mockServices.permissions.factory
        >[0]),
        schedulerServiceFactory,
        catalogPlugin,
        catalogModuleModelKit,
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

  const query = (term: string) =>
    request(backend.server)
      .get('/api/search/query')
      .query({ term, 'types[0]': 'modelkit' })
      .set('authorization', mockCredentials.user.header());
  // The test collates every few seconds; Lunr swaps the index at the end of each run.
  const search = (term: string): Promise<SearchResult[]> =>
    eventually(`an answer for ${term}`, async () => {
      const response = await query(term);
      return response.status === 200 ? response.body.results : undefined;
    });

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
});
