import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { ModelKitClient } from '@kitstage/plugin-modelkit-common';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import { FixtureModelKitApi } from '@kitstage/plugin-modelkit-react/testUtils';
import { modelkitApi } from './apis';
import modelkitPlugin from './plugin';

describe('modelkitApi', () => {
  it('is the api:modelkit extension of the plugin', () => {
    const extension = modelkitPlugin.getExtension('api:modelkit');
    expect(
      createExtensionTester(extension).get(ApiBlueprint.dataRefs.factory).api,
    ).toBe(modelkitApiRef);
    expect(modelkitApiRef.id).toBe('plugin.modelkit.service');
  });

  it('provides a ModelKitClient that calls the modelkit backend through the fetch API', async () => {
    const factory = createExtensionTester(modelkitApi).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(modelkitApiRef);
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });

    const page = await new FixtureModelKitApi().listVersions(
      { namespace: 'default', name: 'support-sentiment' },
      { limit: 3 },
    );
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        ({ ok: true, json: async () => page } as Response),
    );
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) =>
          `https://backstage.example.com/api/${pluginId}`,
      },
      fetchApi: { fetch },
    }) as ModelKitClient;

    expect(client).toBeInstanceOf(ModelKitClient);
    await expect(
      client.listVersions(
        { namespace: 'default', name: 'support-sentiment' },
        { cursor: 'page-3', limit: 3 },
      ),
    ).resolves.toEqual(page);
    expect(fetch).toHaveBeenCalledWith(
      'https://backstage.example.com/api/modelkit/modelkits/default/support-sentiment/versions?cursor=page-3&limit=3',
    );
  });
});
