import { createHash } from 'node:crypto';

/**
 * A fingerprint of everything that changes verification outcomes: the whole
 * `kitstage.attestations` section (keys, keyless trust, limits).
 *
 * @internal
 */
export function attestationConfigFingerprint(section: unknown): string {
  // The cache's MAC key authenticates entries; it is no trust setting and stays out of keys.
  let settings = section ?? null;
  const cache = (settings as { cache?: unknown } | null)?.cache;
  if (cache && typeof cache === 'object' && 'secret' in cache) {
    const { secret: _secret, ...rest } = cache as Record<string, unknown>;
    settings = { ...(settings as object), cache: rest };
  }
  return createHash('sha256')
    .update(JSON.stringify(settings))
    .digest('hex')
    .slice(0, 16);
}
