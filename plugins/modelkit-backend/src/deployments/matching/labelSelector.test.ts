import { matchesLabelSelector, parseLabelSelector } from './labelSelector';

describe('parseLabelSelector', () => {
  it('parses equality, set-based and existence requirements', () => {
    expect(
      parseLabelSelector(
        'app=api, tier in (web, worker),env!=dev,track notin (canary),team,!legacy,x==y',
        'test',
      ).requirements,
    ).toEqual([
      { key: 'app', operator: 'in', values: ['api'] },
      { key: 'tier', operator: 'in', values: ['web', 'worker'] },
      { key: 'env', operator: 'notin', values: ['dev'] },
      { key: 'track', operator: 'notin', values: ['canary'] },
      { key: 'team', operator: 'exists' },
      { key: 'legacy', operator: 'doesnotexist' },
      { key: 'x', operator: 'in', values: ['y'] },
    ]);
  });

  it('accepts prefixed keys', () => {
    expect(
      parseLabelSelector('app.kubernetes.io/name=api', 'test').requirements,
    ).toEqual([
      { key: 'app.kubernetes.io/name', operator: 'in', values: ['api'] },
    ]);
  });

  it.each([
    ['', 'The annotation is empty; it must be a label selector'],
    [
      'app=a b',
      'The annotation is not a valid label selector: "app=a b" is not key=value, key!=value, key in (...), key notin (...), key or !key',
    ],
    [
      'app=ok,,tier=x',
      'The annotation is not a valid label selector: "" is empty',
    ],
    [
      'Bad Key=1',
      'The annotation is not a valid label selector: "Bad Key=1" is not key=value, key!=value, key in (...), key notin (...), key or !key',
    ],
    [
      'app=-bad',
      'The annotation is not a valid label selector: "app=-bad" has an invalid label value "-bad"',
    ],
    [
      'tier in (a,$b)',
      'The annotation is not a valid label selector: "tier in (a,$b)" has an invalid label value "$b"',
    ],
  ])('rejects %j naming the requirement', (text, message) => {
    expect(() => parseLabelSelector(text, 'The annotation')).toThrow(message);
  });
});

describe('matchesLabelSelector', () => {
  const selector = parseLabelSelector(
    'app=api,tier in (web,worker),env!=dev,!legacy',
    'test',
  );

  it('requires every requirement', () => {
    expect(
      matchesLabelSelector(selector, { app: 'api', tier: 'web', env: 'prod' }),
    ).toBe(true);
    expect(matchesLabelSelector(selector, { app: 'api', tier: 'worker' })).toBe(
      true,
    );
    expect(matchesLabelSelector(selector, { app: 'api', tier: 'db' })).toBe(
      false,
    );
    expect(
      matchesLabelSelector(selector, { app: 'api', tier: 'web', env: 'dev' }),
    ).toBe(false);
    expect(
      matchesLabelSelector(selector, {
        app: 'api',
        tier: 'web',
        legacy: 'true',
      }),
    ).toBe(false);
    expect(matchesLabelSelector(selector, undefined)).toBe(false);
  });
});
