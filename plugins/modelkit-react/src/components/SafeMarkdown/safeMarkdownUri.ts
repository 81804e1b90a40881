/** The URL schemes a model card may link to. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * Characters browsers drop or ignore inside a URL scheme (controls, spaces,
 * soft hyphens, zero-width and bidi marks, BOM), which attackers put into
 * `java\tscript:` and the like.
 */
const IGNORED_CHARACTERS =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u202a-\u202e\u2028\u2029\u2060\ufeff]/g;

/**
 * Rewrites a link or image address of untrusted Markdown to a safe one:
 * absolute `http:`, `https:` and `mailto:` addresses and in-page `#anchors`
 * are kept (normalized); everything else, including `javascript:`, `data:`,
 * `vbscript:`, `file:` in any spelling and relative paths that would resolve
 * against the portal, becomes the empty string, which renders no link.
 *
 * @public
 */
export function safeMarkdownUri(uri: string | undefined | null): string {
  const compact = String(uri ?? '').replace(IGNORED_CHARACTERS, '');
  if (compact.startsWith('#')) {
    return compact.length > 1 ? compact : '';
  }
  let parsed: URL;
  try {
    parsed = new URL(compact);
  } catch {
    return '';
  }
  return ALLOWED_PROTOCOLS.has(parsed.protocol) ? parsed.href : '';
}
