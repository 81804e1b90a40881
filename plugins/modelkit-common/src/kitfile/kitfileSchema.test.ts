import { kitfileSchema } from './kitfileSchema';

describe('kitfileSchema', () => {
  it('validates a Kitfile object directly, with field paths in its issues', () => {
    expect(
      kitfileSchema.safeParse({
        manifestVersion: '1.0.0',
        docs: [{ path: 'README.md' }],
      }).success,
    ).toBe(true);
    const result = kitfileSchema.safeParse({
      manifestVersion: '1.0.0',
      model: { path: 'm', parameters: { t: Number.NaN }, parts: [{}] },
    });
    expect(result.success).toBe(false);
    expect(
      result.error?.issues.map(issue => [issue.path.join('.'), issue.code]),
    ).toEqual([
      ['model.parts.0.path', 'invalid_type'],
      ['model.parameters.t', 'custom'],
    ]);
  });
});
