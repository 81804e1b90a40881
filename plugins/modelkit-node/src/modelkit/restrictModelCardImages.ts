/**
 * A host as images are compared by: parsed as a URL's host, lower-cased, IDN in punycode,
 * percent-encoding decoded, the trailing dot and a default port dropped (`host` or
 * `host:port`). Undefined when the text is not a bare host (a path, credentials, a wildcard).
 *
 * @public
 */
export function normalizeImageHost(host: string): string | undefined {
  if (!host || /[\s/\\@?#*]/.test(host)) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    return undefined;
  }
  return hostOf(url);
}

function hostOf(url: URL): string | undefined {
  const hostname = url.hostname.replace(/\.$/, '');
  if (!hostname) return undefined;
  return url.port ? `${hostname}:${url.port}` : hostname;
}

/**
 * Options of {@link restrictModelCardImages}.
 *
 * @public
 */
export interface RestrictModelCardImagesOptions {
  /**
   * Hosts images may load from (`host` or `host:port`), compared after
   * {@link normalizeImageHost}; entries that are not hosts match nothing.
   */
  allowedHosts: readonly string[];
}

// `![alt](destination "title")` in the plainest form only: no brackets, backslashes, backticks
// or `<` in the text, no spaces or parentheses in the destination. What this does not match
// is never kept as an image.
const PLAIN_IMAGE =
  /!\[([^[\]\\`<\n]*)\]\([ \t]*([^\s()<>\\`]+)(?:[ \t]+"([^"\\\n]*)")?[ \t]*\)/y;

/**
 * Rewrites untrusted Markdown so that images load only from allowed hosts. An image from any
 * other host becomes a link to its address (its text is the alt text), an image with a
 * relative path (nothing can serve it) becomes its alt text and path as text, and any other
 * `![` that could open an image (reference images, unusual syntax) loses its `!`.
 *
 * @remarks
 * The rewrite is fail-closed and runs on the text, so it holds for any CommonMark renderer: an
 * image can only start at a literal `![`, and the result has none except plain inline images
 * whose `http(s)` address, parsed as a URL, has an allowed host and no credentials. A `!` goes
 * with the whole run of `!` before its `[`, so removing it cannot make a new `![`, and the rest
 * of an image made a link is read again (its address may hold a `![`). It is one pass over the
 * text, in time linear in its length. Inside code, the same rewrite changes what is shown,
 * never what is loaded.
 *
 * @public
 */
export function restrictModelCardImages(
  markdown: string,
  options: RestrictModelCardImagesOptions,
): string {
  const allowed = new Set(
    options.allowedHosts
      .map(normalizeImageHost)
      .filter((h): h is string => h !== undefined),
  );
  const isAllowed = (destination: string): boolean => {
    // An entity before the query could decode to another host; after `?` it cannot.
    const query = destination.indexOf('?');
    if (destination.slice(0, query < 0 ? undefined : query).includes('&')) {
      return false;
    }
    const url = absoluteUrl(destination);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      return false;
    }
    if (url.username || url.password) return false;
    const host = hostOf(url);
    return host !== undefined && allowed.has(host);
  };

  let out = '';
  let from = 0;
  for (
    let at = markdown.indexOf('![', from);
    at >= 0;
    at = markdown.indexOf('![', from)
  ) {
    // The run of `!` this one ends, none of it written yet: each character is walked once.
    let run = at;
    while (run > from && markdown[run - 1] === '!') {
      run--;
    }
    out += markdown.slice(from, run);
    PLAIN_IMAGE.lastIndex = at;
    const match = PLAIN_IMAGE.exec(markdown);
    if (match && isAllowed(match[2])) {
      out += markdown.slice(run, at) + match[0];
      from = at + match[0].length;
    } else if (match && !absoluteUrl(match[2])) {
      const [whole, alt, destination] = match;
      out += `${markdown.slice(run, at)}${alt}${
        alt ? ' ' : ''
      }(\`${withoutImageOpeners(destination)}\`)`;
      from = at + whole.length;
    } else {
      // Not an image that may stay (one from another host becomes a link): the run of `!` is
      // dropped, and the rest is read on from its `[`, which no `!` now precedes.
      from = at + 1;
    }
  }
  return out + markdown.slice(from);
}

/** Drops every run of `!` that comes right before a `[`. */
function withoutImageOpeners(text: string): string {
  const parts = text.split('[');
  for (let i = 0; i < parts.length - 1; i++) {
    let end = parts[i].length;
    while (end > 0 && parts[i][end - 1] === '!') {
      end--;
    }
    parts[i] = parts[i].slice(0, end);
  }
  return parts.join('[');
}

function absoluteUrl(value: string): URL | undefined {
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
