const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

const unitFormat = new Intl.NumberFormat('en-US', {
  maximumFractionDigits: 1,
  useGrouping: false,
});

/**
 * Writes a size in bytes with binary units, as `kit list` does: `512 B`,
 * `1.5 MiB`, `3.2 GiB`.
 *
 * @public
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) {
    return '-';
  }
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Rounding can carry into the next unit: 1023.96 KiB is written 1 MiB.
  if (unit < BYTE_UNITS.length - 1 && Number(value.toFixed(1)) >= 1024) {
    value /= 1024;
    unit += 1;
  }
  const sign = bytes < 0 ? '-' : '';
  return `${sign}${unitFormat.format(value)} ${BYTE_UNITS[unit]}`;
}

/**
 * Writes a change in size with an explicit sign: `+12 MiB`, `-300 B`, `0 B`.
 *
 * @internal
 */
export function formatSizeDelta(bytes: number): string {
  if (bytes > 0) {
    return `+${formatBytes(bytes)}`;
  }
  return formatBytes(bytes);
}

const DIGEST_SHORT_HEX = 12;

/**
 * Shortens a digest to its algorithm and first twelve hex digits, the length
 * that container tools show: `sha256:dd9a77c1861b`.
 *
 * @public
 */
export function shortDigest(digest: string): string {
  const colon = digest.indexOf(':');
  if (colon < 0) {
    return digest.slice(0, DIGEST_SHORT_HEX);
  }
  return digest.slice(0, colon + 1 + DIGEST_SHORT_HEX);
}

/**
 * Shortens a `sha256:` digest to its first twelve hex digits without the
 * algorithm, for tight spaces such as buttons and table headers:
 * `dd9a77c1861b`.
 *
 * @public
 */
export function shortDigestHex(digest: string): string {
  return digest.replace(/^sha256:/, '').slice(0, DIGEST_SHORT_HEX);
}

const RELATIVE_UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/**
 * Parses an ISO 8601 timestamp, or returns undefined when it is missing or
 * not a date.
 *
 * @internal
 */
export function parseTimestamp(value: string | undefined): Date | undefined {
  if (!value) {
    return undefined;
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * Writes how long ago (or from now) a date is, in the largest whole unit:
 * `3 days ago`, `yesterday`, `in 2 hours`.
 *
 * @public
 */
export function formatRelativeTime(
  date: Date,
  now: Date = new Date(),
  locale?: string,
): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') {
      return format.format(Math.trunc(seconds / size), unit);
    }
  }
  return format.format(0, 'second');
}

/**
 * Writes a date and time in full, with its time zone, for tooltips next to a
 * relative time.
 *
 * @internal
 */
export function formatAbsoluteTime(date: Date, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'long',
  }).format(date);
}

/**
 * Writes a Kitfile value as it appears in a diff: strings as they are, other
 * values as compact JSON, and a missing value as an empty string.
 *
 * @internal
 */
export function formatKitfileValue(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  return JSON.stringify(value) ?? String(value);
}
