import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { modelkitApiRef } from '@kitstage/plugin-modelkit-react';
import {
  attestationApiData,
  attestationsResponseV110,
  digests,
  FixtureModelKitApi,
  policyNotApplicable,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { backendError, registryUnreachable } from '../../__fixtures__/errors';
import { fineTunedModelKit } from '../../__fixtures__/modelkits';
import { ModelKitSecurityContent } from './ModelKitSecurityContent';

const entityName = { namespace: 'default', name: 'support-sentiment' };

function renderContent(
  api = new FixtureModelKitApi(attestationApiData),
  path = '/',
) {
  return renderInTestApp(
    <EntityProvider entity={fineTunedModelKit}>
      <ModelKitSecurityContent />
    </EntityProvider>,
    { apis: [[modelkitApiRef, api]], initialRouteEntries: [path] },
  );
}

/** The card of the policy outcome, by its title. */
async function policyCard(title: string): Promise<HTMLElement> {
  const card = (await screen.findByText(title)).closest('.MuiCard-root');
  if (!(card instanceof HTMLElement)) {
    throw new Error(`no card is titled ${title}`);
  }
  return card;
}

// The first render of each file compiles the view's modules, which takes
// longer than the default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(20_000);

describe('ModelKitSecurityContent', () => {
  it('checks the newest version when the address names none', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const getAttestations = jest.spyOn(api, 'getAttestations');
    await renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'Attestations' }),
    ).toBeInTheDocument();
    expect(getAttestations).toHaveBeenCalledTimes(1);
    expect(getAttestations).toHaveBeenCalledWith(entityName, digests.v120);
    expect(screen.getByRole('combobox', { name: 'Version' })).toHaveValue(
      digests.v120,
    );

    const articles = screen.getAllByRole('article');
    expect(articles.map(a => a.getAttribute('aria-label'))).toEqual([
      'Vulnerability scan: Verified',
      'SLSA provenance: Untrusted signer',
      'Other attestation: Unsigned',
      'Unread attestation: Not checked',
      'Scan evaluation: Verified',
      'SBOM: Subject mismatch',
      'Scan evaluation: Invalid signature',
      'SBOM: Untrusted signer',
      'Unread attestation: Malformed',
    ]);
    // Exactly the verified attestations carry the verified state.
    expect(
      articles
        .filter(a => within(a).queryByText('Verified'))
        .map(a => a.getAttribute('data-state')),
    ).toEqual(['verified', 'verified']);
  });

  it('shows the policy status with the rule that failed and why', async () => {
    await renderContent();

    const policy = await policyCard('Policy for production');
    const summary = within(policy).getByText(
      'Rule scan-clean failed: The verified scan evaluation signed by scanner fails: modelscan reported 1 concern finding (first: Pickle file in code layer)',
    ).parentElement!;
    expect(
      within(summary).getByText('Policy failed').closest('[data-policy]'),
    ).toHaveAttribute('data-policy', 'failed');
    expect(
      within(policy).getByText('Failed rule: scan-clean'),
    ).toBeInTheDocument();

    const rules = within(policy).getByRole('table', { name: 'Policy rules' });
    const rows = within(rules)
      .getAllByRole('row')
      .slice(1)
      .map(row =>
        within(row)
          .getAllByRole('cell')
          .map(cell => cell.textContent),
      );
    expect(rows).toEqual([
      [
        'scan-cleanA verified scan evaluation without concerns or errors',
        'scan-evaluation',
        'Policy failed',
        'The verified scan evaluation signed by scanner fails: modelscan reported 1 concern finding (first: Pickle file in code layer)',
      ],
      [
        'no-critical-vulns',
        'vulnerabilities',
        'Policy failed',
        'The verified vulnerability scan signed by release-workflow fails: 1 critical vulnerabilities, more than the 0 allowed',
      ],
    ]);
  });

  it('counts the attestations per state and says the search is incomplete', async () => {
    await renderContent();

    const counts = await screen.findByRole('list', {
      name: 'Attestations by verification state',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Verified: 2',
      'Untrusted signer: 2',
      'Invalid signature: 1',
      'Subject mismatch: 1',
      'Unsigned: 1',
      'Malformed: 1',
      'Not checked: 3',
    ]);

    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('Incomplete');
    expect(note).toHaveTextContent(
      'Not every attestation could be checked, so more evidence may exist.',
    );
    expect(note).toHaveTextContent(
      'The limit of 8 attestations per version was reached.',
    );
    expect(note).toHaveTextContent(
      '2 attestations beyond the limit are not listed.',
    );
    expect(note).toHaveTextContent(
      `Looking in registry.example.com:5000/kitstage-demo/support-sentiment:sha256-${digests.v120.slice(
        7,
      )}.sig failed: HTTP 500 from the registry`,
    );
    expect(
      screen.getByText(
        '1 other artifact refers to this version and is not an attestation:',
      ),
    ).toBeInTheDocument();
  });

  it('opens the version named in the address and switches versions', async () => {
    const user = userEvent.setup();
    const api = new FixtureModelKitApi(attestationApiData);
    const getAttestations = jest.spyOn(api, 'getAttestations');
    await renderContent(api, '/?version=v1.1.0');

    expect(
      await screen.findByRole('heading', { name: 'No attestations' }),
    ).toBeInTheDocument();
    expect(getAttestations).toHaveBeenCalledWith(entityName, 'v1.1.0');
    expect(
      screen.getByText(
        'Rule scan-clean has no evidence: No verified scan evaluation from scanner',
      ),
    ).toBeInTheDocument();
    const summary = screen.getByText(
      'Rule scan-clean has no evidence: No verified scan evaluation from scanner',
    ).parentElement!;
    expect(
      within(summary).getByText('Evidence missing').closest('[data-policy]'),
    ).toHaveAttribute('data-policy', 'missing');
    expect(
      screen.getByText('Rule without verified evidence: scan-clean'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('note')).toBeNull();

    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Version' }),
      digests.v120,
    );
    expect(
      await screen.findByRole('article', { name: 'Scan evaluation: Verified' }),
    ).toBeInTheDocument();
    expect(getAttestations).toHaveBeenLastCalledWith(entityName, digests.v120);
  });

  it('shows a lifecycle without rules as not applicable, not as passed', async () => {
    await renderContent(
      new FixtureModelKitApi({
        ...attestationApiData,
        attestations: [
          { ...attestationsResponseV110, policy: policyNotApplicable },
        ],
      }),
      `/?version=${digests.v110}`,
    );

    const policy = await policyCard('Policy for experimental');
    expect(within(policy).getByText('No policy')).toBeInTheDocument();
    expect(screen.queryByText('Policy passed')).toBeNull();
    expect(
      screen.getByText(
        'No attestations are required for lifecycle experimental',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Policy rules' })).toBeNull();
  });

  it('shows why the attestations could not be checked', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    jest
      .spyOn(api, 'getAttestations')
      .mockRejectedValue(
        await registryUnreachable(
          `/api/modelkit/modelkits/default/support-sentiment/versions/${digests.v120}/attestations`,
        ),
      );
    await renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not check the attestations: Registry registry.example.com:5000 could not be reached: connect ECONNREFUSED 10.0.0.12:5000',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('article')).toBeNull();
    // The picker stays, so another version can be tried.
    expect(
      screen.getByRole('combobox', { name: 'Version' }),
    ).toBeInTheDocument();
  });

  it('shows why the versions could not be listed', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    jest.spyOn(api, 'listVersions').mockRejectedValue(
      await backendError({
        status: 403,
        statusText: 'Forbidden',
        name: 'NotAllowedError',
        message: 'You may not read ModelKit default/support-sentiment',
        url: '/api/modelkit/modelkits/default/support-sentiment/versions',
      }),
    );
    const getAttestations = jest.spyOn(api, 'getAttestations');
    await renderContent(api);

    expect(
      await screen.findByText(
        'Error: Could not list the versions: You may not read ModelKit default/support-sentiment',
      ),
    ).toBeInTheDocument();
    expect(getAttestations).not.toHaveBeenCalled();
    expect(screen.queryByRole('combobox', { name: 'Version' })).toBeNull();
  });

  it('refuses an address naming something that is not a version', async () => {
    const api = new FixtureModelKitApi(attestationApiData);
    const getAttestations = jest.spyOn(api, 'getAttestations');
    await renderContent(api, '/?version=..%2Fetc');

    expect(
      await screen.findByText(
        'Error: "../etc" in the address is not a tag or a digest of this ModelKit.',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Version' })).toBeVisible(),
    );
    expect(getAttestations).not.toHaveBeenCalled();
  });

  it('says when the ModelKit has no versions', async () => {
    const api = new FixtureModelKitApi({ ...attestationApiData, versions: [] });
    const getAttestations = jest.spyOn(api, 'getAttestations');
    await renderContent(api);

    expect(
      await screen.findByRole('heading', { name: 'No versions yet' }),
    ).toBeInTheDocument();
    expect(getAttestations).not.toHaveBeenCalled();
  });
});
