import { initialEntityNames, newEntityNames } from './entityNames';

const VALID_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

describe('initialEntityNames (the names of the first sync, as earlier versions gave them)', () => {
  it('names each entity after the last component of its repository', () => {
    expect(
      Object.fromEntries(
        initialEntityNames([
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

  it('uses the whole path for repositories whose last components collide, as earlier versions did', () => {
    expect(
      Object.fromEntries(
        initialEntityNames(['team-a/model', 'team-b/model', 'model', 'other']),
      ),
    ).toEqual({
      'team-a/model': 'team-a-model',
      'team-b/model': 'team-b-model',
      model: 'model',
      other: 'other',
    });
  });

  it('appends a hash of the path when whole paths still collide', () => {
    const names = initialEntityNames(['a-b/c', 'a/b-c', 'z/b-c', 'x/c']);
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
    const names = initialEntityNames([long, longer]);
    for (const name of names.values()) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(VALID_NAME);
    }
    expect(names.get(long)).not.toEqual(names.get(longer));
  });

  it('keeps OCI name separators, which are valid in entity names', () => {
    const names = initialEntityNames(['ml/llama3.1__8b_instruct--q4']);
    expect(names.get('ml/llama3.1__8b_instruct--q4')).toBe(
      'llama3.1__8b_instruct--q4',
    );
  });

  it('gives the same names whatever the order of the listing', () => {
    const repositories = ['b/model', 'a/model', 'c/other', 'a-model'];
    const forward = initialEntityNames(repositories);
    const backward = initialEntityNames([...repositories].reverse());
    expect(Object.fromEntries(forward)).toEqual(Object.fromEntries(backward));
    expect(new Set(forward.values()).size).toBe(4);
  });
});

describe('newEntityNames', () => {
  it('names a new repository after the last component of its path when that name is free', () => {
    expect(
      Object.fromEntries(
        newEntityNames(
          ['kitstage-demo/support-tickets', 'ml/llama3.1__8b_instruct--q4'],
          ['sentiment-base'],
        ),
      ),
    ).toEqual({
      'kitstage-demo/support-tickets': 'support-tickets',
      'ml/llama3.1__8b_instruct--q4': 'llama3.1__8b_instruct--q4',
    });
  });

  it('never gives a taken name: a namespaced newcomer gets its whole path, a top-level one a hash', () => {
    const names = newEntityNames(
      ['fraud-detector', 'evil/fraud-detector'],
      ['fraud-detector'],
    );
    expect(names.get('evil/fraud-detector')).toBe('evil-fraud-detector');
    expect(names.get('fraud-detector')).toMatch(/^fraud-detector-[0-9a-f]{8}$/);
  });

  it('compares names ignoring case, as the catalog does', () => {
    expect(newEntityNames(['team/model'], ['Model']).get('team/model')).toBe(
      'team-model',
    );
  });

  it('gives a name several newcomers want to none of them, whatever their order', () => {
    const repositories = ['team-a/model', 'model', 'team-b/model', 'x/other'];
    const forward = newEntityNames(repositories, []);
    const backward = newEntityNames([...repositories].reverse(), []);
    expect(Object.fromEntries(forward)).toEqual(Object.fromEntries(backward));
    expect(forward.get('team-a/model')).toBe('team-a-model');
    expect(forward.get('team-b/model')).toBe('team-b-model');
    expect(forward.get('model')).toMatch(/^model-[0-9a-f]{8}$/);
    expect(forward.get('x/other')).toBe('other');
  });

  it('moves on past whole paths that are taken or collide, keeping every name valid and distinct', () => {
    const taken = ['c', 'x-c', 'b-c'];
    const long = `team/${'very-long-model-name-'.repeat(4)}v1`;
    const longer = `team/${'very-long-model-name-'.repeat(4)}v2`;
    const repositories = ['a-b/c', 'a/b-c', 'x/c', long, longer];
    const names = newEntityNames(repositories, taken);
    expect(names.get('a-b/c')).toMatch(/^a-b-c-[0-9a-f]{8}$/);
    expect(names.get('a/b-c')).toMatch(/^a-b-c-[0-9a-f]{8}$/);
    expect(names.get('x/c')).toMatch(/^x-c-[0-9a-f]{8}$/);
    const all = [...names.values(), ...taken].map(n => n.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
    for (const name of names.values()) {
      expect(name.length).toBeLessThanOrEqual(63);
      expect(name).toMatch(VALID_NAME);
    }
    expect([...names.keys()].sort()).toEqual([...repositories].sort());
  });

  it('says which repository found no free name', () => {
    // Take each name the repository is given, until none is left.
    const taken: string[] = [];
    const nameOf = () => newEntityNames(['a/model'], taken).get('a/model')!;
    for (let i = 0; i < 11; i++) {
      taken.push(nameOf());
    }
    expect(taken.slice(0, 3)).toEqual([
      'model',
      'a-model',
      expect.stringMatching(/^a-model-[0-9a-f]{8}$/),
    ]);
    expect(new Set(taken).size).toBe(11);
    expect(nameOf).toThrow('no free entity name for repository "a/model"');
  });
});
