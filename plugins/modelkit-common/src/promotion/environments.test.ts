import { parsePromotionEnvironments } from './environments';

describe('parsePromotionEnvironments', () => {
  it('reads environments with default overlay paths', () => {
    expect(
      parsePromotionEnvironments([
        { name: 'staging' },
        {
          name: 'production',
          policy: 'production',
          forbiddenLifecycles: ['experimental'],
          overlayPath: 'k8s/prod',
        },
      ]),
    ).toEqual([
      { name: 'staging', overlayPath: 'deploy/overlays/staging' },
      {
        name: 'production',
        overlayPath: 'k8s/prod',
        policy: 'production',
        forbiddenLifecycles: ['experimental'],
      },
    ]);
    expect(parsePromotionEnvironments(undefined)).toEqual([]);
  });

  it.each([
    [{ name: 'Prod' }, /\[0\]\.name/],
    [{ name: 'p', overlayPath: '../x' }, /overlayPath/],
    [{ name: 'p', overlayPath: '/abs' }, /overlayPath/],
    [{ name: 'p', forbiddenLifecycles: 'experimental' }, /forbiddenLifecycles/],
    [{ name: 'p', gate: true }, /unknown field "gate"/],
  ])('refuses %j', (entry, message) => {
    expect(() => parsePromotionEnvironments([entry])).toThrow(message);
  });

  it('refuses a repeated name', () => {
    expect(() =>
      parsePromotionEnvironments([{ name: 'a' }, { name: 'a' }]),
    ).toThrow(/more than once/);
  });
});
