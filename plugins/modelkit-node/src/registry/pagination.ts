import { TransportResponse } from './transportTypes';

const LINK_VALUE = /<([^>]*)>((?:\s*;\s*[^;,]*)*)/g;
const REL_PARAM = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;
const MAX_LINK_LENGTH = 8192;

/**
 * Reads the `rel="next"` target of a `Link` header (RFC 8288), resolved against the URL of
 * the response. Returns undefined when there is no next page.
 *
 * @throws Error when the header names a next page that is not a valid URL.
 * @internal
 */
export function nextPageUrl(
  header: string | null | undefined,
  base: URL,
): URL | undefined {
  if (!header) {
    return undefined;
  }
  if (header.length > MAX_LINK_LENGTH) {
    throw new Error(
      `the pagination Link header is longer than ${MAX_LINK_LENGTH} characters`,
    );
  }
  for (const match of header.matchAll(LINK_VALUE)) {
    const rel = REL_PARAM.exec(match[2]);
    const relations = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (relations.includes('next')) {
      try {
        return new URL(match[1], base);
      } catch {
        throw new Error(`the pagination Link header names an invalid next URL`);
      }
    }
  }
  return undefined;
}

/**
 * Walks a paginated listing: fetches `first`, yields each response, and follows its
 * `Link: <…>; rel="next"` until there is none or the caller stops. Refuses more than
 * `maxPages` pages (`too-many-pages`) and links that loop back (`invalid-response`).
 * Where a link may lead is checked by the transport's host policy.
 *
 * @internal
 */
export async function* walkPages(options: {
  first: URL;
  maxPages: number;
  /** The listing, for messages, e.g. `the tag list`. */
  what: string;
  fetch: (url: URL) => Promise<TransportResponse>;
  fail: (
    reason: 'too-many-pages' | 'invalid-response',
    detail: string,
    host?: string,
  ) => Error;
}): AsyncGenerator<TransportResponse> {
  const seen = new Set<string>();
  let url: URL | undefined = options.first;
  for (let page = 0; url; page++) {
    if (page >= options.maxPages) {
      throw options.fail(
        'too-many-pages',
        `${options.what} has more than ${options.maxPages} pages (limits.maxPages); refusing to use an incomplete listing`,
      );
    }
    if (seen.has(url.href)) {
      throw options.fail(
        'invalid-response',
        `the pagination of ${options.what} loops back to a page already read`,
      );
    }
    seen.add(url.href);
    const response = await options.fetch(url);
    yield response;
    try {
      url = nextPageUrl(response.headers.get('link'), response.url);
    } catch (error) {
      throw options.fail(
        'invalid-response',
        (error as Error).message,
        response.url.host,
      );
    }
  }
}
