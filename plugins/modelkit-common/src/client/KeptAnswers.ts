/** One answer kept for a conditional GET: the ETag it came with and its parsed body. */
export interface KeptAnswer {
  etag: string;
  body: unknown;
}

/** How many URLs one client keeps an answer for, the least recently used forgotten first. */
const DEFAULT_MAX_ENTRIES = 32;

/**
 * Whether an ETag is strong (`"…"`, not `W/"…"`): a route that sets a strong ETag answers
 * `If-None-Match` with 304 when nothing changed; Express's default ETags are weak.
 */
export function isStrongEtag(etag: string | null): etag is string {
  return etag !== null && /^"[^"]*"$/.test(etag);
}

/**
 * The last answer with a strong ETag per URL, so a client can send `If-None-Match` and use
 * the kept body when the backend answers 304. Bounded: the least recently used URL is
 * forgotten first.
 */
export class KeptAnswers {
  readonly #byUrl = new Map<string, KeptAnswer>();
  readonly #maxEntries: number;

  constructor(maxEntries = DEFAULT_MAX_ENTRIES) {
    this.#maxEntries = maxEntries;
  }

  /** The answer kept for a URL, now the most recently used. */
  get(url: string): KeptAnswer | undefined {
    const kept = this.#byUrl.get(url);
    if (kept) {
      this.#byUrl.delete(url);
      this.#byUrl.set(url, kept);
    }
    return kept;
  }

  /** Keeps an answer for a URL, in place of any earlier one. */
  keep(url: string, answer: KeptAnswer): void {
    this.#byUrl.delete(url);
    this.#byUrl.set(url, answer);
    while (this.#byUrl.size > this.#maxEntries) {
      const oldest = this.#byUrl.keys().next().value as string;
      this.#byUrl.delete(oldest);
    }
  }

  /** Forgets the answer kept for a URL. */
  forget(url: string): void {
    this.#byUrl.delete(url);
  }
}
