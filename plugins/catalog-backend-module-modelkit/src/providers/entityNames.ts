import { createHash } from 'node:crypto';

const MAX_NAME_LENGTH = 63;
const HASH_LENGTH = 8;

function shortHash(repository: string): string {
  return createHash('sha256')
    .update(repository)
    .digest('hex')
    .slice(0, HASH_LENGTH);
}

/**
 * Makes text a valid catalog entity name: letters, digits, `-`, `_` and `.`, starting and
 * ending with a letter or digit, at most 63 characters. Repository path components already
 * are (`[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*`), except for their length; a name cut to length
 * gets a hash of `key` so that two long names stay apart.
 */
function toEntityName(text: string, key: string): string {
  let name = text
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  if (name.length > MAX_NAME_LENGTH) {
    name = withHash(name, key);
  }
  return name || shortHash(key);
}

/** `name` cut so that `-<hash>` fits in 63 characters, then `-<hash>` appended. */
function withHash(name: string, key: string): string {
  const head = name
    .slice(0, MAX_NAME_LENGTH - HASH_LENGTH - 1)
    .replace(/[^A-Za-z0-9]+$/, '');
  return head ? `${head}-${shortHash(key)}` : shortHash(key);
}

function duplicates(names: Map<string, string>): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names.values()) {
    if (seen.has(name)) {
      repeated.add(name);
    }
    seen.add(name);
  }
  return repeated;
}

/**
 * Names the ModelKit entities of a registry's repositories, one per repository.
 *
 * @remarks
 *
 * A repository's entity is named after the last component of its path
 * (`kitstage-demo/sentiment-base` gives `sentiment-base`). When several repositories would get
 * the same name, each of them is named after its whole path instead, with `/` turned into `-`
 * (`team-a/model` and `team-b/model` give `team-a-model` and `team-b-model`). When names still
 * collide (`a-b/c` and `a/b-c`), or a name is longer than the 63 characters the catalog
 * allows, a short hash of the repository path is appended.
 *
 * The names depend only on the set of repositories, not on their order or on which of them
 * could be read, so every backend instance gives the same names. Adding a repository can rename
 * the ones it collides with; the provider then replaces their entities.
 *
 * @internal
 */
export function assignEntityNames(
  repositories: Iterable<string>,
): Map<string, string> {
  const all = [...new Set(repositories)].sort();
  const names = new Map<string, string>();
  for (const repository of all) {
    const last = repository.slice(repository.lastIndexOf('/') + 1);
    names.set(repository, toEntityName(last, repository));
  }
  const collided = duplicates(names);
  for (const repository of all) {
    if (collided.has(names.get(repository)!)) {
      names.set(
        repository,
        toEntityName(repository.replace(/\//g, '-'), repository),
      );
    }
  }
  const stillCollided = duplicates(names);
  for (const repository of all) {
    const name = names.get(repository)!;
    if (stillCollided.has(name)) {
      names.set(repository, withHash(name, repository));
    }
  }
  return names;
}
