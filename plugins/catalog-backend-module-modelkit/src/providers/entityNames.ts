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

/** The catalog compares entity names case-insensitively. */
function nameKey(name: string): string {
  return name.toLocaleLowerCase('en-US');
}

/** The last component of a repository path, as an entity name. */
function naturalName(repository: string): string {
  return toEntityName(
    repository.slice(repository.lastIndexOf('/') + 1),
    repository,
  );
}

/** The whole repository path with `/` turned into `-`, as an entity name. */
function pathName(repository: string): string {
  return toEntityName(repository.replace(/\//g, '-'), repository);
}

/**
 * The names a sync gave when nothing was recorded yet (the rule of earlier versions, kept for
 * the first sync after an upgrade so that no entity already in the catalog is renamed).
 *
 * @remarks
 *
 * A repository's entity is named after the last component of its path
 * (`kitstage-demo/sentiment-base` gives `sentiment-base`). When several repositories would get
 * the same name, each of them is named after its whole path instead, with `/` turned into `-`
 * (`team-a/model` and `team-b/model` give `team-a-model` and `team-b-model`). When names still
 * collide (`a-b/c` and `a/b-c`), or a name is longer than the 63 characters the catalog
 * allows, a short hash of the repository path is appended. The names depend only on the set of
 * repositories (every included one, ModelKit or not), not on their order.
 *
 * @internal
 */
export function initialEntityNames(
  repositories: Iterable<string>,
): Map<string, string> {
  const all = [...new Set(repositories)].sort();
  const names = new Map<string, string>();
  for (const repository of all) {
    names.set(repository, naturalName(repository));
  }
  const collided = duplicates(names);
  for (const repository of all) {
    if (collided.has(names.get(repository)!)) {
      names.set(repository, pathName(repository));
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

/** Extra hashed names tried after the usual ones, should a hash itself be taken. */
const EXTRA_ATTEMPTS = 8;

/** The names a new repository may get, best first, without repeats. */
function candidateNames(repository: string): string[] {
  const path = pathName(repository);
  const candidates = [
    naturalName(repository),
    path,
    withHash(path, repository),
  ];
  for (let attempt = 1; attempt <= EXTRA_ATTEMPTS; attempt++) {
    candidates.push(withHash(path, `${repository}#${attempt}`));
  }
  return [...new Set(candidates)];
}

/**
 * Names the entities of repositories that have no name yet, never giving a name that is
 * `taken` (the names other repositories were given, kept for as long as the provider runs) or
 * that another of the new repositories gets.
 *
 * @remarks
 *
 * Each new repository takes the first of its candidate names that is free: the last component
 * of its path (`team-a/model` gives `model`), then its whole path with `/` turned into `-`
 * (`team-a-model`), then that with a short hash of the path appended (`team-a-model-1f2e3d4c`,
 * also the second candidate of a top-level repository, whose whole path is its last
 * component). A name that several new repositories want at the same step goes to none of
 * them, so the result depends neither on the order of the repositories nor on which of them is
 * listed first. Names compare as the catalog compares them, ignoring case.
 *
 * @throws Error when a repository finds no free name (only when hashes collide many times).
 * @internal
 */
export function newEntityNames(
  repositories: Iterable<string>,
  taken: Iterable<string>,
): Map<string, string> {
  const used = new Set([...taken].map(nameKey));
  const waiting = new Map(
    [...new Set(repositories)].sort().map(r => [r, candidateNames(r)]),
  );
  const names = new Map<string, string>();
  for (let step = 0; waiting.size > 0; step++) {
    const wanted = new Map<string, string[]>();
    for (const [repository, candidates] of waiting) {
      const candidate = candidates[step];
      if (candidate === undefined) {
        throw new Error(
          `no free entity name for repository "${repository}"; tried ${candidates.join(
            ', ',
          )}`,
        );
      }
      if (!used.has(nameKey(candidate))) {
        const key = nameKey(candidate);
        wanted.set(key, [...(wanted.get(key) ?? []), repository]);
      }
    }
    for (const [key, wanting] of wanted) {
      if (wanting.length === 1) {
        const [repository] = wanting;
        names.set(repository, waiting.get(repository)![step]);
        waiting.delete(repository);
        used.add(key);
      }
    }
  }
  return names;
}
