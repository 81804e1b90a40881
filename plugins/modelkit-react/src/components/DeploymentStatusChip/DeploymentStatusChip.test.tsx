import { renderInTestApp } from '@backstage/frontend-test-utils';
import { DeploymentHealthStatus } from '@kitstage/plugin-modelkit-common';
import { screen } from '@testing-library/react';
import { DeploymentStatusChip } from './DeploymentStatusChip';

describe('DeploymentStatusChip', () => {
  it.each([
    ['healthy', 'Healthy'],
    ['progressing', 'Progressing'],
    ['degraded', 'Degraded'],
    ['suspended', 'Suspended'],
    ['not-deployed', 'Not deployed'],
    ['unknown', 'Unknown'],
  ] as const)('shows %s as "%s" with an icon', async (status, text) => {
    await renderInTestApp(<DeploymentStatusChip status={status} />);

    const label = await screen.findByText(text);
    const chip = label.closest('[data-status]')!;
    expect(chip).toHaveAttribute('data-status', status);
    expect(chip.querySelector('svg')).not.toBeNull();
  });

  it('gives each status its own look', async () => {
    await renderInTestApp(
      <>
        {(
          [
            'healthy',
            'progressing',
            'degraded',
            'suspended',
            'not-deployed',
            'unknown',
          ] as const
        ).map(status => (
          <DeploymentStatusChip key={status} status={status} />
        ))}
      </>,
    );

    await screen.findByText('Healthy');
    const classNames = Array.from(
      document.querySelectorAll('[data-status]'),
    ).map(chip => chip.className);
    expect(new Set(classNames).size).toBe(6);
  });

  it('shows a status it does not know, from a newer backend, as unknown', async () => {
    await renderInTestApp(
      <DeploymentStatusChip
        status={'rolling-back' as unknown as DeploymentHealthStatus}
      />,
    );

    expect(await screen.findByText('Unknown')).toBeInTheDocument();
  });

  it('shows a given label instead of the status word', async () => {
    await renderInTestApp(
      <DeploymentStatusChip status="degraded" label="3 Degraded" />,
    );

    const label = await screen.findByText('3 Degraded');
    expect(label.closest('[data-status]')).toHaveAttribute(
      'data-status',
      'degraded',
    );
  });
});
