import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { createExtensionTester } from '@backstage/frontend-test-utils';
import { ModelKitDeploymentsClient } from '@kitstage/plugin-modelkit-common';
import { modelkitDeploymentsApiRef } from '@kitstage/plugin-modelkit-react';
import {
  fleetResponse,
  fleetServices,
} from '@kitstage/plugin-modelkit-react/testUtils';
import modelkitPlugin from './plugin';

describe('modelkitDeploymentsApi', () => {
  it('is the api:modelkit/deployments extension of the plugin', () => {
    const extension = modelkitPlugin.getExtension('api:modelkit/deployments');
    const factory = createExtensionTester(extension).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(modelkitDeploymentsApiRef);
    expect(modelkitDeploymentsApiRef.id).toBe('plugin.modelkit.deployments');
    expect(factory.deps).toEqual({
      discoveryApi: discoveryApiRef,
      fetchApi: fetchApiRef,
    });
  });

  it('provides a ModelKitDeploymentsClient that calls the modelkit backend through the fetch API', async () => {
    const extension = modelkitPlugin.getExtension('api:modelkit/deployments');
    const factory = createExtensionTester(extension).get(
      ApiBlueprint.dataRefs.factory,
    );
    const body = fleetResponse(fleetServices(3));
    const fetch = jest.fn(
      async (_input: RequestInfo | URL, _init?: RequestInit) =>
        ({ ok: true, json: async () => body } as Response),
    );
    const client = factory.factory({
      discoveryApi: {
        getBaseUrl: async (pluginId: string) =>
          `https://backstage.example.com/api/${pluginId}`,
      },
      fetchApi: { fetch },
    }) as ModelKitDeploymentsClient;

    expect(client).toBeInstanceOf(ModelKitDeploymentsClient);
    await expect(
      client.getFleetDeployments({
        owner: ['group:default/nlp-team'],
        status: ['degraded'],
      }),
    ).resolves.toEqual(body);
    expect(fetch).toHaveBeenCalledWith(
      'https://backstage.example.com/api/modelkit/deployments/fleet?owner=group%3Adefault%2Fnlp-team&status=degraded',
    );
  });
});
