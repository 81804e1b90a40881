import { planRemovals, RepositoryOutcome } from './planRemovals';

const ingested = (entityRef: string): RepositoryOutcome => ({
  status: 'ingested',
  entityRef,
});

describe('planRemovals', () => {
  const previous = new Map<string, string | undefined>([
    ['modelkit:default/a', 'team/a'],
    ['modelkit:default/b', 'team/b'],
    ['modelkit:default/c', 'team/c'],
    ['modelkit:default/d', 'team/d'],
  ]);

  it('removes the entities of repositories the listing no longer has', () => {
    const plan = planRemovals({
      outcomes: new Map([
        ['team/a', ingested('modelkit:default/a')],
        ['team/b', ingested('modelkit:default/b')],
        ['team/c', ingested('modelkit:default/c')],
      ]),
      previous,
      maxRemovalShare: 0.5,
    });
    expect(plan).toEqual({
      removed: ['modelkit:default/d'],
      previousUnknown: false,
    });
  });

  it('keeps the entity of a repository that failed to read', () => {
    const plan = planRemovals({
      outcomes: new Map<string, RepositoryOutcome>([
        ['team/a', ingested('modelkit:default/a')],
        ['team/b', { status: 'failed' }],
        ['team/c', ingested('modelkit:default/c')],
        ['team/d', ingested('modelkit:default/d')],
      ]),
      previous,
      maxRemovalShare: 0.5,
    });
    expect(plan.removed).toEqual([]);
  });

  it('removes the entity of a repository read without a ModelKit, and the old name of a renamed one', () => {
    const plan = planRemovals({
      outcomes: new Map<string, RepositoryOutcome>([
        ['team/a', ingested('modelkit:default/team-a')],
        ['team/b', { status: 'skipped' }],
        ['team/c', ingested('modelkit:default/c')],
        ['team/d', ingested('modelkit:default/d')],
      ]),
      previous,
      maxRemovalShare: 0.5,
    });
    expect(plan.removed).toEqual(['modelkit:default/a', 'modelkit:default/b']);
  });

  it('refuses removals beyond the allowed share, and allows them up to it', () => {
    const outcomes = new Map([['team/a', ingested('modelkit:default/a')]]);
    expect(planRemovals({ outcomes, previous, maxRemovalShare: 0.5 })).toEqual({
      removed: [],
      refused: {
        removals: [
          'modelkit:default/b',
          'modelkit:default/c',
          'modelkit:default/d',
        ],
        previous: 4,
        maxRemovalShare: 0.5,
      },
      previousUnknown: false,
    });
    expect(
      planRemovals({ outcomes, previous, maxRemovalShare: 0.75 }).removed,
    ).toHaveLength(3);
  });

  it('refuses an empty listing that would remove everything', () => {
    const plan = planRemovals({
      outcomes: new Map(),
      previous,
      maxRemovalShare: 0.5,
    });
    expect(plan.removed).toEqual([]);
    expect(plan.refused?.removals).toHaveLength(4);
  });

  it('removes nothing when the previous entities are unknown', () => {
    expect(
      planRemovals({
        outcomes: new Map(),
        previous: undefined,
        maxRemovalShare: 1,
      }),
    ).toEqual({ removed: [], previousUnknown: true });
  });

  it('keeps entities whose repository cannot be told', () => {
    const plan = planRemovals({
      outcomes: new Map(),
      previous: new Map([['modelkit:default/x', undefined]]),
      maxRemovalShare: 1,
    });
    expect(plan.removed).toEqual([]);
  });
});
