import { assignEntityNames } from './entityNames';

const VALID_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

describe('assignEntityNames', () => {
  it('names each entity after the last component of its repository', () => {
    expect(
      Object.fromEntries(
        assignEntityNames([
          'kitstage-demo/sentiment-base',
          'kitstage-demo/support-tickets',
          'fraud-detector',
        ]),
      ),
    ).toEqual({
      'kitstage-demo/sentiment-base': 'sentiment-base',
      'kitstage-demo/support-tickets': 'support-tickets',
      'fraud-detector': 'fraud-detector',
    });
  });

  it('uses the whole path for repositories whose last components collide', () => {
    expect(
      Object.fromEntries(
        assignEntityNames(['team-a/model', 'team-b/model', 'model', 'other']),
      ),
    ).toEqual({
      'team-a/model': 'team-a-model',
      'team-b/model': 'team-b-model',
      model: 'model',
      other: 'other',
    });
  });

  it('appends a hash of the path when whole paths still collide', () => {
    const names = assignEntityNames(['a-b/c', 'a/b-c', 'z/b-c', 'x/c']);
    const abc = names.get('a-b/c')!;
    const abc2 = names.get('a/b-c')!;
    expect(abc).toMatch(/^a-b-c-[0-9a-f]{8}$/);
    expect(abc2).toMatch(/^a-b-c-[0-9a-f]{8}$/);
    expect(abc).not.toEqual(abc2);
    expect(names.get('z/b-c')).toBe('z-b-c');
    expect(names.get('x/c')).toBe('x-c');
  });

  it('cuts names to the 63 characters the catalog allows, keeping long names apart', () => {
    const long = `team/${'very-long-model-name-'.repeat(4)}v1`;
    const longer = `team/${'very-long-model-name-'.repeat(4)}v2`;
    const names = assignEntityNames([long, longer]);
    for (const name of names.values()) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(VALID_NAME);
    }
    expect(names.get(long)).not.toEqual(names.get(longer));
  });

  it('keeps OCI name separators, which are valid in entity names', () => {
    const names = assignEntityNames(['ml/llama3.1__8b_instruct--q4']);
    expect(names.get('ml/llama3.1__8b_instruct--q4')).toBe(
      'llama3.1__8b_instruct--q4',
    );
  });

  it('gives the same names whatever the order of the listing', () => {
    const repositories = ['b/model', 'a/model', 'c/other', 'a-model'];
    const forward = assignEntityNames(repositories);
    const backward = assignEntityNames([...repositories].reverse());
    expect(Object.fromEntries(forward)).toEqual(Object.fromEntries(backward));
    expect(new Set(forward.values()).size).toBe(4);
  });
});
