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
