import { ociReferenceStringSchema, ociRepositoryStringSchema } from './schemas';

describe('reference zod schemas', () => {
  it('accepts valid references and reports the problem of invalid ones', () => {
    expect(ociReferenceStringSchema.parse('ghcr.io/org/model:v1')).toBe(
      'ghcr.io/org/model:v1',
    );
    const result = ociReferenceStringSchema.safeParse('ghcr.io/org/Model');
    expect(result.success).toBe(false);
    expect(result.error?.issues.map(i => i.message)).toEqual([
      'repository "org/Model" must be lowercase',
    ]);
    expect(ociReferenceStringSchema.safeParse(42).success).toBe(false);
  });

  it('accepts repositories only', () => {
    expect(
      ociRepositoryStringSchema.parse('registry.example.com/team/model'),
    ).toBe('registry.example.com/team/model');
    const result = ociRepositoryStringSchema.safeParse(
      'registry.example.com/team/model:v1',
    );
    expect(result.error?.issues.map(i => i.message)).toEqual([
      'a repository names no tag or digest, but this one names tag "v1"',
    ]);
  });
});
