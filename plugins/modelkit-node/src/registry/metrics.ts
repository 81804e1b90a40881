import { RegistryRequestCounts, RegistryRequestKind } from './types';

const KINDS: RegistryRequestKind[] = [
  'catalog',
  'tags',
  'manifest',
  'manifest-head',
  'blob',
  'referrers',
  'token',
];

/**
 * Counts the HTTP requests made for one registry.
 *
 * @internal
 */
export class RequestCounter {
  #total = 0;
  #challenges = 0;
  #retries = 0;
  readonly #byKind = Object.fromEntries(KINDS.map(kind => [kind, 0])) as Record<
    RegistryRequestKind,
    number
  >;

  request(kind: RegistryRequestKind) {
    this.#total += 1;
    this.#byKind[kind] += 1;
  }

  challenge() {
    this.#challenges += 1;
  }

  retry() {
    this.#retries += 1;
  }

  snapshot(registry: string): RegistryRequestCounts {
    return {
      registry,
      total: this.#total,
      byKind: { ...this.#byKind },
      challenges: this.#challenges,
      retries: this.#retries,
    };
  }
}
