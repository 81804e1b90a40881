/**
 * One challenge of a `WWW-Authenticate` header.
 *
 * @internal
 */
export interface AuthChallenge {
  /** The scheme, lowercased, e.g. `bearer` or `basic`. */
  scheme: string;
  /** The parameters, with lowercased names. */
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` header into its challenges (RFC 9110 section 11.6.1), including
 * quoted values with commas and escapes, e.g. `scope="repository:a:pull,push"`.
 *
 * @internal
 */
export function parseWwwAuthenticate(header: string): AuthChallenge[] {
  const challenges: AuthChallenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = () => {
    const start = i;
    while (i < n && /[!#$%&'*+\-.^_`|~0-9A-Za-z]/.test(header[i])) i++;
    return header.slice(start, i);
  };
  let current: AuthChallenge | undefined;
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const token = readToken();
    if (!token) {
      i++;
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current) {
      i++;
      skipSpace();
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < n && header[i] !== '"') {
          if (header[i] === '\\' && i + 1 < n) i++;
          value += header[i++];
        }
        i++;
      } else {
        // Unquoted values should be tokens; be lenient with URLs that were not quoted.
        const start = i;
        while (
          i < n &&
          header[i] !== ',' &&
          header[i] !== ' ' &&
          header[i] !== '\t'
        )
          i++;
        value = header.slice(start, i);
      }
      current.params[token.toLowerCase()] = value;
      continue;
    }
    current = { scheme: token.toLowerCase(), params: {} };
    challenges.push(current);
  }
  return challenges;
}
