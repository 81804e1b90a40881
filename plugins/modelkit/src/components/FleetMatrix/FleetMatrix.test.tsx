import { renderInTestApp } from '@backstage/frontend-test-utils';
import { FleetDeploymentsResponse } from '@kitstage/plugin-modelkit-common';
import {
  fleetResponse,
  fleetServices,
} from '@kitstage/plugin-modelkit-react/testUtils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FleetMatrix } from './FleetMatrix';

const rows = fleetServices(60);

function renderMatrix(
  response: FleetDeploymentsResponse,
  page: number,
  paged: boolean,
) {
  const onPageChange = jest.fn();
  const onRowsPerPageChange = jest.fn();
  const rendered = renderInTestApp(
    <FleetMatrix
      clusters={response.clusters}
      services={response.services}
      matched={paged ? response.page.matched : undefined}
      page={page}
      rowsPerPage={25}
      rowsPerPageOptions={[25, 50]}
      onPageChange={onPageChange}
      onRowsPerPageChange={onRowsPerPageChange}
      deploymentsLink={ref => `/catalog/${ref}/deployments`}
    />,
  );
  return { ...rendered, onPageChange, onRowsPerPageChange };
}

/** The services of the shown rows. */
async function shownServices(): Promise<string[]> {
  const table = await screen.findByRole('table', {
    name: 'Services by cluster',
  });
  return within(table)
    .getAllByRole('rowheader')
    .map(cell => within(cell).getByRole('link').textContent ?? '');
}

describe('FleetMatrix', () => {
  it('shows the page the backend answered and counts every matching service', async () => {
    const second = fleetResponse(rows, { limit: 25, offset: 25 });
    const { onPageChange } = renderMatrix(second, 1, true);

    const names = await shownServices();
    expect(names).toHaveLength(25);
    expect(names[0]).toBe('svc-025');
    expect(names[24]).toBe('svc-049');
    expect(screen.getByText('26–50 of 60')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(onPageChange).toHaveBeenLastCalledWith(2);
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    expect(onPageChange).toHaveBeenLastCalledWith(0);
  });

  it('counts a filtered fleet by what matches, not by the rows of the page', async () => {
    const degraded = fleetResponse(rows, {
      status: ['degraded'],
      limit: 25,
      offset: 0,
    });
    renderMatrix(degraded, 0, true);
    const names = await shownServices();
    expect(names).toEqual(degraded.services.map(s => s.entity.name));
    expect(
      screen.getByText(`1–${names.length} of ${degraded.page.matched}`),
    ).toBeInTheDocument();
  });

  it('asks for the last page when the page asked for is past it', async () => {
    const past = fleetResponse(rows, { limit: 25, offset: 100 });
    expect(past.services).toEqual([]);
    const { onPageChange } = renderMatrix(past, 4, true);
    await screen.findByRole('table', { name: 'Services by cluster' });
    expect(onPageChange).toHaveBeenCalledWith(2);
  });

  it('pages every row itself when the backend answered them all', async () => {
    const all = fleetResponse(rows);
    expect(all.services).toHaveLength(60);
    renderMatrix(all, 2, false);
    expect(await shownServices()).toEqual(
      rows.slice(50).map(r => r.entity.name),
    );
    expect(screen.getByText('51–60 of 60')).toBeInTheDocument();
  });
});
