import { MemoryEntityNameStore } from '../state/EntityNameStore';
import { nameRepositories } from './nameRepositories';
import { RepositoryRead } from './readRepository';

// The naming of one sync against the in-memory name store (the store of a provider without a
// database); the database stores are tested with the provider on PostgreSQL and SQLite.

const modelKitRead = { status: 'modelkit' } as RepositoryRead;
const emptyRead: RepositoryRead = { status: 'empty', reason: 'it has no tags' };
const failedRead: RepositoryRead = {
  status: 'failed',
  error: new Error('500'),
};

function reads(
  entries: Record<string, RepositoryRead>,
): Map<string, RepositoryRead> {
  return new Map(Object.entries(entries));
}

describe('nameRepositories', () => {
  it('names on the first sync the ModelKits and the repositories that failed, as earlier versions did, and later only new ModelKits', async () => {
    const store = new MemoryEntityNameStore();
    const first = await nameRepositories({
      store,
      included: ['a/model', 'b/model', 'c/model'],
      reads: reads({
        'a/model': modelKitRead,
        'b/model': failedRead,
        'c/model': emptyRead,
      }),
    });
    expect(Object.fromEntries(first)).toEqual({
      'a/model': 'a-model',
      'b/model': 'b-model',
    });

    const later = await nameRepositories({
      store,
      included: ['a/model', 'b/model', 'c/model', 'd/model', 'e/other'],
      reads: reads({
        'a/model': modelKitRead,
        'b/model': modelKitRead,
        'c/model': emptyRead,
        'd/model': modelKitRead,
        'e/other': failedRead,
      }),
    });
    expect(Object.fromEntries(later)).toEqual({
      'a/model': 'a-model',
      'b/model': 'b-model',
      'd/model': 'model',
    });
  });

  it('names again the repositories whose name another instance took meanwhile', async () => {
    const store = new MemoryEntityNameStore();
    await store.claim(new Map([['seed', 'seed']]));
    let raced = false;
    const racing = {
      read: () => store.read(),
      claim: async (names: ReadonlyMap<string, string>) => {
        if (!raced) {
          raced = true;
          // Another instance names a repository of its own listing `model` first.
          await store.claim(new Map([['z/model', 'model']]));
        }
        await store.claim(names);
      },
    };
    const names = await nameRepositories({
      store: racing,
      included: ['seed', 'a/model'],
      reads: reads({ seed: modelKitRead, 'a/model': modelKitRead }),
    });
    expect(raced).toBe(true);
    expect(Object.fromEntries(names)).toEqual({
      seed: 'seed',
      'a/model': 'a-model',
    });
  });

  it('rejects when the store fails, so that the sync applies nothing', async () => {
    await expect(
      nameRepositories({
        store: {
          read: async () => {
            throw new Error('relation does not exist');
          },
          claim: async () => {},
        },
        included: ['a/model'],
        reads: reads({ 'a/model': modelKitRead }),
      }),
    ).rejects.toThrow('relation does not exist');
  });
});
