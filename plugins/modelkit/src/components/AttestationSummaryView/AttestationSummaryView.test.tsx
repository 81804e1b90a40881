import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AttestationSummary,
  previewJson,
} from '@kitstage/plugin-modelkit-common';
import { configure, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  invalidSpdx,
  mismatchedSbom,
  tamperedScan,
  unsignedOther,
  untrustedProvenance,
  verifiedScan,
  verifiedVulns,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { AttestationSummaryView } from './AttestationSummaryView';

configure({ asyncUtilTimeout: 5_000 });

/** The accessible name of a group of findings of one severity. */
const FINDING_GROUP = /^(Error|Concern|Anomaly|Info) \(\d+\)$/;
jest.setTimeout(15_000);

function render(summary: AttestationSummary | undefined) {
  if (!summary) {
    throw new Error('the fixture has no summary');
  }
  return renderInTestApp(<AttestationSummaryView summary={summary} />);
}

/** The value element (`dd`) of the field with the given label. */
function field(label: string): HTMLElement {
  const value = screen.getByText(label, { selector: 'dt' }).nextElementSibling;
  if (!(value instanceof HTMLElement)) {
    throw new Error(`field ${label} has no value`);
  }
  return value;
}

/** The text of each cell of each body row of a table. */
function rows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      within(row)
        .getAllByRole('cell')
        .map(cell => cell.textContent ?? ''),
    );
}

describe('AttestationSummaryView', () => {
  describe('scan evaluations', () => {
    it('shows the tool and version, verdict, timing and scanned ModelKit', async () => {
      await render(verifiedScan.summary);

      expect(await screen.findByText('modelscan 0.8.1')).toHaveAttribute(
        'href',
        'https://github.com/protectai/modelscan',
      );
      expect(field('Result')).toHaveTextContent('Fail');
      expect(field('Scanned')).toHaveTextContent('took 4 min 30 s');
      expect(
        within(field('Scan run')).getByRole('link', {
          name: /^https:\/\/ci\.example\.com\/runs\/4711\b/,
        }),
      ).toBeInTheDocument();
      expect(field('Scanned ModelKit')).toHaveTextContent(
        'registry.example.com:5000/kitstage-demo/support-sentiment:v1.2.0',
      );
      expect(
        within(field('Scanned ModelKit')).getByText('sha256:dd9a77c1861b'),
      ).toBeInTheDocument();
      expect(
        screen.queryByText(/names another digest than this version/),
      ).toBeNull();
    });

    it('shows each metric against its threshold as pass or fail', async () => {
      await render(verifiedScan.summary);

      const table = await screen.findByRole('table', { name: 'Metrics' });
      expect(rows(table)).toEqual([
        ['accuracy', '0.93', '≥ 0.9', 'Pass'],
        ['toxicity-rate', '0.02 ratio', '≤ 0.01 ratio', 'Fail'],
        ['latency-p95', '41 ms', '-', 'No threshold'],
      ]);
      expect(
        screen.getByText('1 metric is outside its threshold'),
      ).toBeInTheDocument();
    });

    it('groups the findings by severity, most severe first', async () => {
      await render(verifiedScan.summary);

      expect(await screen.findByText('5 findings')).toBeInTheDocument();
      const counts = screen.getByRole('list', { name: 'Findings by severity' });
      expect(
        within(counts)
          .getAllByRole('listitem')
          .map(item => item.textContent),
      ).toEqual(['Error: 1', 'Concern: 1', 'Anomaly: 1', 'Info: 2']);

      const groups = screen.getAllByRole('region', { name: FINDING_GROUP });
      expect(groups.map(group => group.getAttribute('aria-label'))).toEqual([
        'Error (1)',
        'Concern (1)',
        'Anomaly (1)',
        'Info (2)',
      ]);
      const titles = (name: string) =>
        within(screen.getByRole('region', { name }))
          .getAllByRole('listitem')
          .map(item => item.firstChild?.textContent);
      expect(titles('Error (1)')).toEqual(['Adapter could not be scanned']);
      expect(titles('Concern (1)')).toEqual(['Pickle file in code layer']);
      expect(titles('Anomaly (1)')).toEqual([
        'Unusual tokenizer vocabulary size',
      ]);
      expect(titles('Info (2)')).toEqual([
        'Model uses safetensors',
        'Tokenizer files present',
      ]);

      const concern = screen.getByRole('region', { name: 'Concern (1)' });
      expect(concern).toHaveTextContent('MS-CONC-3 · unsafe-deserialization');
      expect(concern).toHaveTextContent('src/legacy.pkl:1');
      expect(concern).toHaveTextContent(
        'src/legacy.pkl can run code when it is loaded.',
      );
      expect(
        within(concern).getByRole('link', {
          name: /^https:\/\/example\.com\/advisories\/pickle\b/,
        }),
      ).toBeInTheDocument();
    });

    it('flags a scan of another digest and says how many findings are left out', async () => {
      const summary = verifiedScan.summary;
      if (summary?.kind !== 'scan-evaluation') {
        throw new Error('not a scan evaluation');
      }
      await render({
        ...summary,
        scanEvaluation: {
          ...summary.scanEvaluation,
          digestMatchesSubject: false,
          omittedFindings: 3,
        },
      });

      expect(
        await screen.findByText(
          'The scanner names another digest than this version: the result is not about this version.',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByText('3 more findings are not listed'),
      ).toBeInTheDocument();
    });

    it('shows a scan without findings as having none', async () => {
      await render(tamperedScan.summary);

      expect(await screen.findByText('0 findings')).toBeInTheDocument();
      expect(screen.queryAllByRole('region', { name: FINDING_GROUP })).toEqual(
        [],
      );
      expect(field('Result')).toHaveTextContent('Pass');
      expect(field('Result')).toHaveTextContent('The scanner declared: Pass');
    });
  });

  it('counts vulnerabilities by severity and lists them on demand', async () => {
    const user = userEvent.setup();
    await render(verifiedVulns.summary);

    expect(await screen.findByText('4 vulnerabilities')).toBeInTheDocument();
    const counts = screen.getByRole('list', {
      name: 'Vulnerabilities by severity',
    });
    expect(
      within(counts)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual([
      'Critical: 1',
      'High: 1',
      'Medium: 1',
      'Low: 1',
      'None: 0',
      'Unknown: 0',
    ]);
    expect(field('Database')).toHaveTextContent('v2-2025052006');
    expect(field('Scanner')).toHaveTextContent(
      'pkg:github/aquasecurity/trivy@244fd47e07d1004f0aed9 0.49.1',
    );
    expect(screen.getByText('GHSA-xxxx-yyyy-zzzz')).not.toBeVisible();
    await user.click(screen.getByText('List the vulnerabilities'));
    expect(screen.getByText('GHSA-xxxx-yyyy-zzzz')).toBeVisible();
  });

  it('says when vulnerability results cannot be read', async () => {
    const summary = verifiedVulns.summary;
    if (summary?.kind !== 'vulnerabilities') {
      throw new Error('not a vulnerability scan');
    }
    await render({
      ...summary,
      vulnerabilities: { ...summary.vulnerabilities, resultsRead: false },
    });

    expect(
      await screen.findByText(
        'The scanner results are in a format the portal cannot read, so there are no counts.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/vulnerabilities$/)).toBeNull();
  });

  it('shows the source repository, commit and builder of SLSA provenance', async () => {
    await render(untrustedProvenance.summary);

    expect(await screen.findByText('Source repository')).toBeInTheDocument();
    expect(
      within(field('Source repository')).getByRole('link'),
    ).toHaveAttribute('href', 'https://github.com/acme/support-sentiment');
    expect(within(field('Build run')).getByRole('link')).toHaveAttribute(
      'href',
      'https://github.com/acme/support-sentiment/actions/runs/42/attempts/1',
    );
    expect(field('Commit')).toHaveTextContent(
      '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c',
    );
    expect(field('Ref')).toHaveTextContent('refs/heads/main');
    expect(field('Builder')).toHaveTextContent(
      'https://github.com/actions/runner/github-hosted',
    );
    expect(field('Build type')).toHaveTextContent(
      'https://actions.github.io/buildtypes/workflow/v1',
    );
    expect(field('Dependencies')).toHaveTextContent('2');
    expect(field('SLSA provenance')).toHaveTextContent('v1');
  });

  it('shows the package count and licenses of an SBOM', async () => {
    await render(mismatchedSbom.summary);

    expect(await screen.findByText('CycloneDX 1.5')).toBeInTheDocument();
    expect(field('Packages')).toHaveTextContent('4');
    expect(field('Describes')).toHaveTextContent('support-sentiment 1.1.0');
    expect(field('Tools')).toHaveTextContent('cdxgen 10.2.0');
    const licenses = field('2 licenses');
    expect(
      within(licenses)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(['BSD-3-Clause (2 packages)', 'Apache-2.0 (1 package)']);
    expect(licenses).toHaveTextContent('1 package states no license');
  });

  it('keeps any other predicate as JSON that opens and closes', async () => {
    const user = userEvent.setup();
    await render(unsignedOther.summary);

    const toggle = await screen.findByRole('button', {
      name: 'Show predicate JSON',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/intendedUse/)).toBeNull();

    await user.click(toggle);
    const hide = screen.getByRole('button', { name: 'Hide predicate JSON' });
    expect(hide).toHaveAttribute('aria-expanded', 'true');
    const json = document.getElementById(hide.getAttribute('aria-controls')!);
    expect(json?.textContent).toBe(
      JSON.stringify(
        {
          intendedUse: 'Routing support tickets by sentiment',
          evaluation: { dataset: 'support-tickets-2025', f1: 0.91 },
        },
        null,
        2,
      ),
    );

    await user.click(hide);
    expect(
      screen.getByRole('button', { name: 'Show predicate JSON' }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(screen.queryByText(/intendedUse/)).toBeNull();
  });

  it('says when the JSON was cut short', async () => {
    const user = userEvent.setup();
    const preview = previewJson({ blob: 'x'.repeat(300) }, 100);
    await render({ kind: 'other', predicate: preview });

    await user.click(
      await screen.findByRole('button', { name: 'Show predicate JSON' }),
    );
    expect(
      screen.getByText(
        `Cut short: the predicate is ${preview.bytes} B in total.`,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/"blob": "xxx/)).toBeInTheDocument();
  });

  it('names the fields of a predicate that breaks its schema', async () => {
    await render(invalidSpdx.summary);

    expect(
      await screen.findByText('The predicate does not match the SBOM schema:'),
    ).toBeInTheDocument();
    expect(screen.getByText(/^predicate\.spdxVersion/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Show predicate JSON' }),
    ).toBeInTheDocument();
  });

  it('shows an image signature as carrying no predicate', async () => {
    await render({ kind: 'signature' });
    expect(
      await screen.findByText(
        'An image signature: it carries no predicate, only the signature over this version.',
      ),
    ).toBeInTheDocument();
  });
});
