import { InputError, NotAllowedError } from '@backstage/errors';
import { quoteInMessage } from '@kitstage/plugin-modelkit-common';

/**
 * A Git remote URL parsed and normalised for comparison: what Kitstage checks is exactly what
 * `git` is given ({@link GitRemoteUrl.href}).
 *
 * @public
 */
export interface GitRemoteUrl {
  /** `https`, `http` or `file`; no other transport is accepted. */
  scheme: 'https' | 'http' | 'file';
  /**
   * The host in lower case, internationalised names in punycode (as the WHATWG URL parser
   * maps them), without a trailing dot; empty for `file` remotes.
   */
  host: string;
  /** The port, with the scheme's default filled in (`443`, `80`); empty for `file`. */
  port: string;
  /**
   * The path segments, `.` and `..` resolved, each percent-decoded once; no empty segments
   * (a trailing slash is dropped).
   */
  segments: string[];
  /** The normalised URL: scheme, host (and a port other than the default), path. */
  href: string;
}

const DEFAULT_PORTS: Record<string, string> = { https: '443', http: '80' };

/**
 * Parses a Git remote URL (from configuration, an entity annotation or a template input) and
 * normalises it, refusing every form that could make a textual check and `git` disagree:
 * whitespace, control characters and backslashes, scp-like `user@host:path`, transports
 * other than `https`, `http` and `file`, user information (`user@` or `user:password@`),
 * queries and fragments, encoded slashes, backslashes and NULs, percent-encoding that is still
 * encoded after one decoding, and empty path segments.
 *
 * @param text - the URL.
 * @param what - what the URL is, for the error message, e.g. `The Git remote of component:default/svc`.
 * @throws InputError when it is not a URL of that shape; NotAllowedError for another transport.
 * @public
 */
export function parseGitRemoteUrl(
  text: string,
  what = 'The Git remote',
): GitRemoteUrl {
  if (typeof text !== 'string' || text.length === 0 || text.length > 2000) {
    throw new InputError(`${what} must be a URL of at most 2000 characters`);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f\\]/.test(text)) {
    throw new InputError(
      `${what} ${quoteInMessage(
        text,
        200,
      )} contains whitespace, a control character or a backslash`,
    );
  }
  if (/%(?:2f|5c|00)/i.test(text)) {
    throw new InputError(
      `${what} ${quoteInMessage(
        text,
        200,
      )} contains an encoded slash, backslash or NUL (%2F, %5C, %00)`,
    );
  }
  if (!text.includes('://')) {
    throw new InputError(
      `${what} ${quoteInMessage(
        text,
        200,
      )} is not a URL (scp-like user@host:path remotes are not supported); give an https:// URL`,
    );
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`${what} ${quoteInMessage(text, 200)} is not a URL`);
  }
  const scheme = url.protocol.slice(0, -1);
  if (scheme !== 'https' && scheme !== 'http' && scheme !== 'file') {
    throw new NotAllowedError(
      `${what} uses ${scheme}://, which is not supported; use https://`,
    );
  }
  if (url.username || url.password) {
    throw new InputError(
      `${what} must not carry user information (user@ or credentials); credentials come from the SCM integration`,
    );
  }
  if (url.search || url.hash || text.includes('?') || text.includes('#')) {
    throw new InputError(
      `${what} ${quoteInMessage(
        text,
        200,
      )} must not carry a query or a fragment`,
    );
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (scheme === 'file' && host) {
    throw new NotAllowedError(
      `${what} ${quoteInMessage(
        text,
        200,
      )} names a file:// remote on another host`,
    );
  }
  if (scheme !== 'file' && !host) {
    throw new InputError(`${what} ${quoteInMessage(text, 200)} has no host`);
  }
  const raw = url.pathname.split('/').slice(1);
  if (raw.length > 0 && raw[raw.length - 1] === '') raw.pop();
  const segments = raw.map(segment => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw new InputError(
        `${what} ${quoteInMessage(text, 200)} has malformed percent-encoding`,
      );
    }
    if (segment === '' || decoded === '.' || decoded === '..') {
      throw new InputError(
        `${what} ${quoteInMessage(
          text,
          200,
        )} has an empty, "." or ".." path segment`,
      );
    }
    if (/[/\\\0]/.test(decoded) || /%[0-9a-f]{2}/i.test(decoded)) {
      throw new InputError(
        `${what} ${quoteInMessage(
          text,
          200,
        )} has a path segment that is encoded twice or encodes a separator`,
      );
    }
    return decoded;
  });
  const port = url.port || DEFAULT_PORTS[scheme] || '';
  const authority =
    scheme === 'file'
      ? ''
      : `${host}${
          url.port && url.port !== DEFAULT_PORTS[scheme] ? `:${url.port}` : ''
        }`;
  const path = `/${raw.join('/')}`;
  return {
    scheme,
    host,
    port,
    segments,
    href: `${scheme}://${authority}${path}`,
  };
}

/**
 * Whether a remote is `allowed` or below it: same scheme, host and port, and the allowed path
 * segments are the first segments of the remote's (compared whole, never as text prefixes).
 *
 * @public
 */
export function isGitRemoteUnder(
  remote: GitRemoteUrl,
  allowed: GitRemoteUrl,
): boolean {
  return (
    remote.scheme === allowed.scheme &&
    remote.host === allowed.host &&
    remote.port === allowed.port &&
    allowed.segments.length <= remote.segments.length &&
    allowed.segments.every((segment, i) => remote.segments[i] === segment)
  );
}
