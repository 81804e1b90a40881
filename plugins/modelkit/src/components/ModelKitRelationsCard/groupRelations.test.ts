import { groupRelations } from './groupRelations';

describe('groupRelations', () => {
  it('orders the ModelKit relation types first, then others alphabetically', () => {
    const groups = groupRelations([
      { type: 'partOf', targetRef: 'system:default/customer-insights' },
      { type: 'hasPart', targetRef: 'resource:default/bucket' },
      { type: 'dependencyOf', targetRef: 'component:default/sentiment-api' },
      { type: 'ownedBy', targetRef: 'group:default/nlp-team' },
      { type: 'apiProvidedBy', targetRef: 'component:default/gateway' },
      { type: 'dependsOn', targetRef: 'modelkit:default/sentiment-base' },
    ]);

    expect(groups.map(g => g.type)).toEqual([
      'dependsOn',
      'dependencyOf',
      'ownedBy',
      'partOf',
      'apiProvidedBy',
      'hasPart',
    ]);
  });

  it('deduplicates and sorts the targets of a type', () => {
    const [group] = groupRelations([
      { type: 'dependencyOf', targetRef: 'modelkit:default/review-sentiment' },
      { type: 'dependencyOf', targetRef: 'component:default/sentiment-api' },
      { type: 'dependencyOf', targetRef: 'modelkit:default/review-sentiment' },
      { type: 'dependencyOf', targetRef: 'modelkit:default/Agent-Sentiment' },
    ]);

    expect(group.targets).toEqual([
      { kind: 'component', namespace: 'default', name: 'sentiment-api' },
      { kind: 'modelkit', namespace: 'default', name: 'Agent-Sentiment' },
      { kind: 'modelkit', namespace: 'default', name: 'review-sentiment' },
    ]);
  });

  it('drops targets that are not entity references', () => {
    expect(
      groupRelations([
        { type: 'dependsOn', targetRef: 'not a ref:' },
        { type: 'dependsOn', targetRef: 'modelkit:default/sentiment-base' },
      ]),
    ).toEqual([
      {
        type: 'dependsOn',
        targets: [
          { kind: 'modelkit', namespace: 'default', name: 'sentiment-base' },
        ],
      },
    ]);
  });

  it('has no groups for an entity without relations', () => {
    expect(groupRelations(undefined)).toEqual([]);
    expect(groupRelations([])).toEqual([]);
  });
});
