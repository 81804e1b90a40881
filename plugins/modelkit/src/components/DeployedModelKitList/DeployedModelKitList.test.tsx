import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { DeployedModelKit } from '@kitstage/plugin-modelkit-common';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  digests,
  FixtureModelKitApi,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { configure, screen, within } from '@testing-library/react';
import { DeployedModelKitList } from './DeployedModelKitList';

configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

const REPOSITORY = 'registry.example.com/kitstage-demo/support-sentiment';
const UNKNOWN = `sha256:${'e'.repeat(64)}`;

function running(
  digest: string,
  tag: string,
  digestFrom: 'reference' | 'registry',
): DeployedModelKit {
  return {
    reference: `${REPOSITORY}:${tag}@${digest}`,
    repository: REPOSITORY,
    tag,
    digest,
    digestFrom,
    pinnedByDigest: digestFrom === 'reference',
    entity: {
      ref: 'modelkit:default/support-sentiment',
      kind: 'ModelKit',
      namespace: 'default',
      name: 'support-sentiment',
    },
    foundIn: [],
    pods: 1,
  };
}

describe('DeployedModelKitList', () => {
  it('says which running digest is in no known registry, with the digest', async () => {
    const api = new FixtureModelKitApi();
    const listVersions = jest.spyOn(api, 'listVersions');
    await renderInTestApp(
      <DeployedModelKitList
        label="ModelKits"
        modelKits={[
          running(UNKNOWN, 'v1.2.1-hotfix', 'reference'),
          running(digests.v120, 'v1.2.0', 'reference'),
          running(digests.v110, 'v1.1.0', 'registry'),
        ]}
      />,
      {
        apis: [[modelkitApiRef, api]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const items = within(
      screen.getByRole('list', { name: 'ModelKits' }),
    ).getAllByRole('listitem');
    expect(
      await within(items[0]).findByText('Not in any known registry'),
    ).toBeInTheDocument();
    expect(within(items[0]).getByTitle(UNKNOWN)).toBeInTheDocument();
    expect(
      within(items[1]).queryByText('Not in any known registry'),
    ).toBeNull();
    expect(
      within(items[2]).queryByText('Not in any known registry'),
    ).toBeNull();
    // One listing for the three entries of the same ModelKit.
    expect(listVersions).toHaveBeenCalledTimes(1);
  });
});

describe('DeployedModelKitList with an Argo Rollouts canary', () => {
  it('names the stable and the canary version next to their traffic and where each was found', async () => {
    const stable: DeployedModelKit = {
      ...running(digests.v120, 'v1.2.0', 'reference'),
      rolloutRole: 'stable',
      trafficPercent: 80,
      foundIn: [
        {
          object: { kind: 'ReplicaSet', namespace: 'ml', name: 'fraud-6d9f' },
          via: 'oci-uri',
          field: 'spec.predictor.model.storageUri',
        },
      ],
    };
    const canary: DeployedModelKit = {
      ...running(digests.v110, 'v1.1.0', 'reference'),
      rolloutRole: 'canary',
      trafficPercent: 20,
      foundIn: [
        {
          object: { kind: 'ReplicaSet', namespace: 'ml', name: 'fraud-7c4b' },
          via: 'image-volume',
          field: 'spec.template.spec.volumes[0].image.reference',
        },
      ],
    };
    await renderInTestApp(
      <DeployedModelKitList label="ModelKits" modelKits={[stable, canary]} />,
      {
        apis: [[modelkitApiRef, new FixtureModelKitApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const items = within(
      screen.getByRole('list', { name: 'ModelKits' }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Argo Rollouts stable');
    expect(items[0]).toHaveTextContent('80 %');
    expect(items[0]).toHaveTextContent('oci:// URI');
    expect(items[1]).toHaveTextContent('Argo Rollouts canary');
    expect(items[1]).toHaveTextContent('20 %');
    expect(items[1]).toHaveTextContent('image volume');
  });
});
