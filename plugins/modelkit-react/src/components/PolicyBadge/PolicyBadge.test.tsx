import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { PolicyBadge } from './PolicyBadge';

describe('PolicyBadge', () => {
  it.each([
    ['passed', 'Policy passed'],
    ['failed', 'Policy failed'],
  ] as const)('shows %s as "%s"', async (status, text) => {
    await renderInTestApp(<PolicyBadge policy={status} />);

    const label = await screen.findByText(text);
    expect(label.closest('[data-policy]')).toHaveAttribute(
      'data-policy',
      status,
    );
  });

  it('shows missing evidence as neither passed nor failed', async () => {
    const { container } = await renderInTestApp(
      <PolicyBadge policy="missing" />,
    );

    await waitFor(() =>
      expect(container.querySelector('[data-policy]')).toHaveAttribute(
        'data-policy',
        'missing',
      ),
    );
    expect(container.querySelector('[data-policy]')).not.toHaveTextContent(
      /Policy (passed|failed)/,
    );
  });

  it('never shows an unexpected status as passed', async () => {
    const { container } = await renderInTestApp(
      <PolicyBadge policy={'skipped' as unknown as 'passed'} />,
    );

    await waitFor(() =>
      expect(container.querySelector('[data-policy]')).toHaveAttribute(
        'data-policy',
        'missing',
      ),
    );
    expect(screen.queryByText('Policy passed')).toBeNull();
  });

  it('explains the outcome and the lifecycle in a tooltip', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <PolicyBadge
        policy={{
          status: 'failed',
          lifecycle: 'production',
          message: 'Rule signed-by-release failed: no signature.',
        }}
      />,
    );

    await user.hover(await screen.findByText('Policy failed'));
    expect(
      await screen.findByText(
        'Policy for production — Rule signed-by-release failed: no signature.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a lifecycle that requires nothing as no policy, never as passed', async () => {
    const user = userEvent.setup();
    await renderInTestApp(
      <PolicyBadge
        policy={{
          status: 'passed',
          applies: false,
          lifecycle: 'experimental',
          message: 'No attestations are required for lifecycle experimental',
        }}
      />,
    );

    const label = await screen.findByText('No policy');
    expect(label.closest('[data-policy]')).toHaveAttribute(
      'data-policy',
      'not-applicable',
    );
    expect(screen.queryByText('Policy passed')).toBeNull();
    await user.hover(label);
    expect(
      await screen.findByText(
        'Policy for experimental — No attestations are required for lifecycle experimental',
      ),
    ).toBeInTheDocument();
  });

  it('shows a policy that applies by its status', async () => {
    await renderInTestApp(
      <PolicyBadge
        policy={{
          status: 'passed',
          applies: true,
          lifecycle: 'production',
          message: 'All 2 rules of lifecycle production passed',
        }}
      />,
    );

    expect(
      (await screen.findByText('Policy passed')).closest('[data-policy]'),
    ).toHaveAttribute('data-policy', 'passed');
  });
});
