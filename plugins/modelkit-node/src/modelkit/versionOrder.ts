type Semver = {
  core: [number, number, number];
  prerelease: Array<string | number>;
};

const SEMVER =
  /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseSemver(value: string | undefined): Semver | undefined {
  const match = value === undefined ? null : SEMVER.exec(value);
  if (!match) {
    return undefined;
  }
  return {
    core: [Number(match[1]), Number(match[2]), Number(match[3])],
    prerelease: match[4]
      ? match[4].split('.').map(p => (/^\d+$/.test(p) ? Number(p) : p))
      : [],
  };
}

/** Compares semantic versions by precedence; negative when `a` comes before `b`. */
function compareSemver(a: Semver, b: Semver): number {
  for (let i = 0; i < 3; i++) {
    if (a.core[i] !== b.core[i]) {
      return a.core[i] - b.core[i];
    }
  }
  if (!a.prerelease.length || !b.prerelease.length) {
    return b.prerelease.length - a.prerelease.length;
  }
  for (let i = 0; i < Math.max(a.prerelease.length, b.prerelease.length); i++) {
    const x = a.prerelease[i];
    const y = b.prerelease[i];
    if (x === undefined || y === undefined) {
      return x === undefined ? -1 : 1;
    }
    if (x !== y) {
      if (typeof x === 'number' && typeof y === 'number') {
        return x - y;
      }
      if (typeof x === 'number' || typeof y === 'number') {
        return typeof x === 'number' ? -1 : 1;
      }
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/**
 * Orders tags so that the newest-looking comes first: `latest`, then semantic versions from
 * the highest (`v2.0.0`, `1.10.0`, `1.9.0`, `1.0.0-rc.1`), then other tags in reverse
 * lexical order (so that dated tags put the latest date first).
 *
 * @internal
 */
export function compareTagsNewestFirst(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  if (a === 'latest' || b === 'latest') {
    return a === 'latest' ? -1 : 1;
  }
  const x = parseSemver(a);
  const y = parseSemver(b);
  if (x && y) {
    return compareSemver(y, x) || (a < b ? -1 : 1);
  }
  if (x || y) {
    return x ? -1 : 1;
  }
  return a < b ? 1 : -1;
}

/**
 * The highest semantic version among some candidates, for ordering versions that record no
 * creation time.
 *
 * @internal
 */
export function highestSemver(
  candidates: Array<string | undefined>,
): Semver | undefined {
  let best: Semver | undefined;
  for (const candidate of candidates) {
    const parsed = parseSemver(candidate);
    if (parsed && (!best || compareSemver(parsed, best) > 0)) {
      best = parsed;
    }
  }
  return best;
}

/**
 * The candidate that is the highest semantic version, as written.
 *
 * @internal
 */
export function highestSemverText(
  candidates: Array<string | undefined>,
): string | undefined {
  let best: { text: string; version: Semver } | undefined;
  for (const candidate of candidates) {
    const parsed = parseSemver(candidate);
    if (parsed && (!best || compareSemver(parsed, best.version) > 0)) {
      best = { text: candidate!, version: parsed };
    }
  }
  return best?.text;
}

/**
 * Whether a string is a semantic version (with an optional leading `v`).
 *
 * @internal
 */
export function isSemver(value: string): boolean {
  return parseSemver(value) !== undefined;
}

/**
 * Orders versions newest first: by creation time when both record one (a version without one
 * comes after those with one), then by the highest semantic version among the tags and the
 * Kitfile's `package.version`, then by digest so that the order is stable.
 *
 * @internal
 */
export function compareVersionsNewestFirst(
  a: { digest: string; created?: string; tags: string[]; version?: string },
  b: { digest: string; created?: string; tags: string[]; version?: string },
): number {
  const ta = a.created ? Date.parse(a.created) : NaN;
  const tb = b.created ? Date.parse(b.created) : NaN;
  if (!Number.isNaN(ta) || !Number.isNaN(tb)) {
    if (Number.isNaN(ta) || Number.isNaN(tb)) {
      return Number.isNaN(ta) ? 1 : -1;
    }
    if (ta !== tb) {
      return tb - ta;
    }
  }
  const va = highestSemver([...a.tags, a.version]);
  const vb = highestSemver([...b.tags, b.version]);
  if (va && vb) {
    const order = compareSemver(vb, va);
    if (order !== 0) {
      return order;
    }
  } else if (va || vb) {
    return va ? -1 : 1;
  }
  if (a.digest === b.digest) {
    return 0;
  }
  return a.digest < b.digest ? -1 : 1;
}
