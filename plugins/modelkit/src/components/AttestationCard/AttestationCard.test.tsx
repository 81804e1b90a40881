import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AttestationResult } from '@kitstage/plugin-modelkit-common';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  invalidSpdx,
  malformedEnvelope,
  mismatchedSbom,
  notChecked,
  scanCommand,
  tamperedScan,
  unsignedOther,
  untrustedProvenance,
  verifiedScan,
  verifiedVulns,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { captureClipboard } from '../../testUtils/captureClipboard';
import { AttestationCard } from './AttestationCard';

// The first render compiles the card's modules, which takes longer than the
// default wait of one second on a busy machine.
configure({ asyncUtilTimeout: 5_000 });
jest.setTimeout(15_000);

async function renderCard(attestation: AttestationResult) {
  await renderInTestApp(<AttestationCard attestation={attestation} />);
  return screen.findByRole('article');
}

/** The value element (`dd`) of the field with the given label in `root`. */
function field(root: HTMLElement, label: string): HTMLElement {
  const value = within(root).getByText(label, {
    selector: 'dt',
  }).nextElementSibling;
  if (!(value instanceof HTMLElement)) {
    throw new Error(`field ${label} has no value`);
  }
  return value;
}

describe('AttestationCard', () => {
  it('shows a verified attestation as verified, with its signer and reason', async () => {
    const card = await renderCard(verifiedScan);

    expect(card).toHaveAccessibleName('Scan evaluation: Verified');
    expect(card).toHaveAttribute('data-state', 'verified');
    const chip = within(card).getByText('Verified').closest('[data-state]');
    expect(chip).toHaveAttribute('data-state', 'verified');
    expect(chip?.querySelector('svg')).not.toBeNull();
    expect(
      within(card).getByText(`Why: ${verifiedScan.reason}`),
    ).toBeInTheDocument();
    expect(field(card, 'Signer')).toHaveTextContent('Trusted key scanner');
    expect(field(card, 'Signer')).toHaveTextContent(
      'ecdsa-p256-sha256 · key sha256:b5b5b5b5b5b5 · key ID scanner-2026',
    );
    expect(field(card, 'Predicate type')).toHaveTextContent(
      'https://kitstage.dev/attestation/scan-evaluation/v1',
    );
    expect(field(card, 'Found via')).toHaveTextContent('cosign tag');
    expect(field(card, 'Found via')).toHaveTextContent('DSSE envelope');
    // A verified attestation's summary is not marked as unconfirmed.
    expect(within(card).queryByText(/^Not confirmed/)).toBeNull();
  });

  it('names a keyless signer by its trusted name, identity and issuer', async () => {
    const card = await renderCard(verifiedVulns);

    expect(card).toHaveAccessibleName('Vulnerability scan: Verified');
    const signer = field(card, 'Signer');
    expect(signer).toHaveTextContent('Trusted identity release-workflow');
    expect(signer).toHaveTextContent(
      'Identity: https://github.com/acme/support-sentiment/.github/workflows/release.yml@refs/heads/main',
    );
    expect(signer).toHaveTextContent(
      'Issuer: https://token.actions.githubusercontent.com',
    );
    expect(signer).toHaveTextContent('Transparency log entry 118804211');
  });

  it.each([
    [
      'untrusted-signer',
      'SLSA provenance',
      untrustedProvenance,
      'Untrusted signer',
    ],
    ['untrusted-signer', 'SBOM', invalidSpdx, 'Untrusted signer'],
    ['invalid-signature', 'Scan evaluation', tamperedScan, 'Invalid signature'],
    ['subject-mismatch', 'SBOM', mismatchedSbom, 'Subject mismatch'],
    ['unsigned', 'Other attestation', unsignedOther, 'Unsigned'],
    ['malformed', 'Unread attestation', malformedEnvelope, 'Malformed'],
    ['not-checked', 'Unread attestation', notChecked, 'Not checked'],
  ] as const)(
    'shows a %s %s with its reason and never as verified',
    async (_state, title, attestation, state) => {
      const card = await renderCard(attestation);

      expect(card).toHaveAccessibleName(`${title}: ${state}`);
      expect(card).toHaveAttribute('data-state', attestation.state);
      expect(
        within(card).getByText(`Why: ${attestation.reason}`),
      ).toBeInTheDocument();
      const chip = within(card).getByText(state).closest('[data-state]');
      expect(chip).toHaveAttribute('data-state', attestation.state);
      expect(within(card).queryByText('Verified')).toBeNull();
      expect(within(card).queryByText(/\bverified\b/i)).toBeNull();
      expect(card.querySelector('[data-state="verified"]')).toBeNull();
      // Whatever the summary says, it is marked as what the attestation claims.
      expect(
        within(card).queryAllByText(/^Not confirmed: the summary below/),
      ).toHaveLength('summary' in attestation ? 1 : 0);
    },
  );

  it('gives the verified style to verified attestations only', async () => {
    const toneClasses = (chip: Element) =>
      [...chip.classList].filter(c =>
        /^makeStyles-(verified|danger|warning|neutral)-/.test(c),
      );

    const { unmount } = await renderInTestApp(
      <AttestationCard attestation={verifiedScan} />,
    );
    const verifiedChip = (
      await screen.findByRole('article', { name: 'Scan evaluation: Verified' })
    ).querySelector('.MuiChip-root')!;
    expect(toneClasses(verifiedChip)).toEqual([
      expect.stringMatching(/^makeStyles-verified-/),
    ]);
    unmount();

    for (const attestation of [
      untrustedProvenance,
      tamperedScan,
      mismatchedSbom,
      unsignedOther,
      malformedEnvelope,
      notChecked,
    ]) {
      const rendered = await renderInTestApp(
        <AttestationCard attestation={attestation} />,
      );
      const card = await screen.findByRole('article');
      const chip = card.querySelector('.MuiChip-root')!;
      expect(toneClasses(chip)).toEqual([
        expect.stringMatching(/^makeStyles-(danger|warning|neutral)-/),
      ]);
      rendered.unmount();
    }
  });

  it('calls a signer that is not trusted unknown, whatever it presents', async () => {
    const card = await renderCard(untrustedProvenance);

    const signer = field(card, 'Signer');
    expect(within(signer).getByText('Unknown')).toBeInTheDocument();
    expect(signer).toHaveTextContent(
      'Not a trusted signer. The signature presents (unconfirmed):',
    );
    expect(signer).toHaveTextContent(
      'Identity: https://github.com/someone/fork/.github/workflows/release.yml@refs/heads/main',
    );
    expect(signer).not.toHaveTextContent('Trusted identity');
  });

  it('calls the key of a signature that does not check unknown', async () => {
    const card = await renderCard(tamperedScan);

    const signer = field(card, 'Signer');
    expect(within(signer).getByText('Unknown')).toBeInTheDocument();
    expect(signer).toHaveTextContent('key ID scanner-2026');
    expect(signer).not.toHaveTextContent('Trusted key');
  });

  it('says when there is no signer at all', async () => {
    const card = await renderCard(unsignedOther);
    expect(field(card, 'Signer')).toHaveTextContent('None');
  });

  it('copies the exact cosign command and lists what it needs', async () => {
    const clipboard = captureClipboard();
    try {
      const user = userEvent.setup();
      const card = await renderCard(verifiedScan);

      expect(within(card).getByText(scanCommand.text)).toBeInTheDocument();
      expect(
        within(card).getByText(
          'Save the trusted public key "scanner" (from the portal configuration) as scanner.pub.',
        ),
      ).toBeInTheDocument();
      await user.click(
        within(card).getByRole('button', {
          name: 'Copy cosign command for Scan evaluation',
        }),
      );
      expect(clipboard.copied).toEqual([scanCommand.text]);
    } finally {
      clipboard.restore();
    }
  });

  it('offers no command when the backend gives none', async () => {
    const card = await renderCard(untrustedProvenance);
    expect(within(card).queryByText('Check it yourself')).toBeNull();
    expect(within(card).queryByRole('button', { name: /cosign/ })).toBeNull();
  });

  it('lists each signature of an envelope with its outcome', async () => {
    const card = await renderCard({
      ...verifiedScan,
      signatures: [
        {
          index: 0,
          outcome: 'invalid-signature',
          reason: 'does not verify with trusted key scanner',
        },
        ...verifiedScan.signatures.map(s => ({ ...s, index: 1 })),
      ],
    });

    const items = within(field(card, 'Signatures')).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Invalid signaturedoes not verify with trusted key scanner',
      'Trusted signersigned by trusted key scanner (ecdsa-p256-sha256)',
    ]);
  });

  it('shows a state it does not know as not checked', async () => {
    const card = await renderCard({
      ...verifiedScan,
      state: 'trusted-ish' as AttestationResult['state'],
    });
    expect(card).toHaveAccessibleName('Scan evaluation: Not checked');
    expect(within(card).queryByText('Verified')).toBeNull();
  });
});
