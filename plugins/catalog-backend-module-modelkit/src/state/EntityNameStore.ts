/**
 * Where a registry entity provider keeps the entity name it gave each repository, so that an
 * entity is never renamed: not when other repositories appear, not after a restart, not on
 * another backend instance. A name stays with its repository also while the repository is
 * gone, so no other repository can take it over.
 *
 * Unlike the `ProviderStateStore`, the methods reject when the store fails: a sync that
 * cannot tell which names were given must not name entities.
 *
 * @internal
 */
export interface EntityNameStore {
  /** The name given to each repository, by repository (also of repositories gone since). */
  read(): Promise<Map<string, string>>;

  /**
   * Records names of repositories that have none. A row whose repository or name is already
   * recorded (by another backend instance meanwhile) is left out, so `read` says what was
   * kept.
   */
  claim(names: ReadonlyMap<string, string>): Promise<void>;
}

/**
 * The entity names of a provider without a database: kept in memory, so they hold for as long
 * as the backend runs.
 *
 * @internal
 */
export class MemoryEntityNameStore implements EntityNameStore {
  readonly #names = new Map<string, string>();

  async read(): Promise<Map<string, string>> {
    return new Map(this.#names);
  }

  async claim(names: ReadonlyMap<string, string>): Promise<void> {
    const used = new Set(
      [...this.#names.values()].map(n => n.toLocaleLowerCase('en-US')),
    );
    for (const [repository, name] of names) {
      const key = name.toLocaleLowerCase('en-US');
      if (!this.#names.has(repository) && !used.has(key)) {
        this.#names.set(repository, name);
        used.add(key);
      }
    }
  }
}
