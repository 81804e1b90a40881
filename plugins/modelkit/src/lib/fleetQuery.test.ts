import {
  readFleetQuery,
  toFleetDeploymentsQuery,
  writeFleetQuery,
} from './fleetQuery';

describe('readFleetQuery', () => {
  it('reads repeated owner, system and status parameters and the page', () => {
    expect(
      readFleetQuery(
        new URLSearchParams(
          'owner=group:default/nlp-team&owner=risk-team&system=fraud&status=healthy&status=degraded&page=3',
        ),
      ),
    ).toEqual({
      owner: ['group:default/nlp-team', 'risk-team'],
      system: ['fraud'],
      // Worst first, whatever the order in the address.
      status: ['degraded', 'healthy'],
      page: 2,
    });
  });

  it('drops empty, repeated and unknown values and bad pages', () => {
    expect(
      readFleetQuery(
        new URLSearchParams(
          'owner=&owner=a&owner=a&status=broken&status=healthy&status=healthy&page=-4',
        ),
      ),
    ).toEqual({ owner: ['a'], system: [], status: ['healthy'], page: 0 });
    expect(readFleetQuery(new URLSearchParams('page=two')).page).toBe(0);
    expect(readFleetQuery(new URLSearchParams('')).page).toBe(0);
  });
});

describe('writeFleetQuery', () => {
  it('writes the filters and keeps other parameters', () => {
    const params = writeFleetQuery(
      new URLSearchParams('tab=x&owner=old&page=4'),
      {
        owner: ['group:default/nlp-team'],
        system: [],
        status: ['degraded', 'unknown'],
        page: 0,
      },
    );
    expect(params.toString()).toBe(
      'tab=x&owner=group%3Adefault%2Fnlp-team&status=degraded&status=unknown',
    );
  });

  it('round-trips through readFleetQuery', () => {
    const query = {
      owner: ['a', 'b'],
      system: ['s'],
      status: ['suspended' as const],
      page: 5,
    };
    expect(
      readFleetQuery(writeFleetQuery(new URLSearchParams(), query)),
    ).toEqual(query);
  });
});

describe('toFleetDeploymentsQuery', () => {
  it('leaves out filters without values', () => {
    expect(
      toFleetDeploymentsQuery({
        owner: [],
        system: ['fraud'],
        status: [],
        page: 2,
      }),
    ).toEqual({ system: ['fraud'] });
  });
});
