import {
  formatBytes,
  formatKitfileValue,
  formatRelativeTime,
  formatSizeDelta,
  parseTimestamp,
  shortDigest,
  shortDigestHex,
} from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1 KiB'],
    [1536, '1.5 KiB'],
    [17_408, '17 KiB'],
    [268 * 1024 * 1024, '268 MiB'],
    [284 * 1024 * 1024 + 41_310, '284 MiB'],
    [1024 * 1024 - 20, '1 MiB'],
    [5.25 * 1024 ** 3, '5.3 GiB'],
    [3 * 1024 ** 4, '3 TiB'],
  ])('writes %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('keeps the sign of a negative size', () => {
    expect(formatBytes(-300 * 1024)).toBe('-300 KiB');
  });

  it('writes a dash for a size that is not a number', () => {
    expect(formatBytes(Number.NaN)).toBe('-');
  });
});

describe('formatSizeDelta', () => {
  it('signs growth, shrinkage and no change', () => {
    expect(formatSizeDelta(12 * 1024 * 1024)).toBe('+12 MiB');
    expect(formatSizeDelta(-300 * 1024)).toBe('-300 KiB');
    expect(formatSizeDelta(228)).toBe('+228 B');
    expect(formatSizeDelta(0)).toBe('0 B');
  });
});

describe('shortDigest', () => {
  it('keeps the algorithm and twelve hex digits', () => {
    expect(
      shortDigest(
        'sha256:dd9a77c1861b2023f65d2ecc85f6a3982ebc72105652c9d8b8f99e5d04358356',
      ),
    ).toBe('sha256:dd9a77c1861b');
  });

  it('shortens text without an algorithm to twelve characters', () => {
    expect(shortDigest('dd9a77c1861b2023f65d')).toBe('dd9a77c1861b');
  });
});

describe('shortDigestHex', () => {
  it('drops the sha256 algorithm and keeps twelve hex digits', () => {
    expect(
      shortDigestHex(
        'sha256:dd9a77c1861b2023f65d2ecc85f6a3982ebc72105652c9d8b8f99e5d04358356',
      ),
    ).toBe('dd9a77c1861b');
  });

  it('shortens text without an algorithm to twelve characters', () => {
    expect(shortDigestHex('dd9a77c1861b2023f65d')).toBe('dd9a77c1861b');
  });
});

describe('formatRelativeTime', () => {
  const now = new Date('2025-06-01T12:00:00Z');

  it.each([
    ['2025-06-01T11:59:30Z', '30 seconds ago'],
    ['2025-06-01T11:15:00Z', '45 minutes ago'],
    ['2025-06-01T09:00:00Z', '3 hours ago'],
    ['2025-05-31T10:00:00Z', 'yesterday'],
    ['2025-05-20T09:30:00Z', 'last week'],
    ['2025-04-02T14:05:00Z', 'last month'],
    ['2024-12-03T17:45:00Z', '5 months ago'],
    ['2023-05-01T00:00:00Z', '2 years ago'],
    ['2025-06-01T14:00:00Z', 'in 2 hours'],
  ])('writes %s as %s', (timestamp, text) => {
    expect(formatRelativeTime(new Date(timestamp), now, 'en')).toBe(text);
  });
});

describe('parseTimestamp', () => {
  it('reads ISO 8601 timestamps and rejects the rest', () => {
    expect(parseTimestamp('2025-05-20T09:30:00Z')?.toISOString()).toBe(
      '2025-05-20T09:30:00.000Z',
    );
    expect(parseTimestamp('yesterday')).toBeUndefined();
    expect(parseTimestamp(undefined)).toBeUndefined();
    expect(parseTimestamp('')).toBeUndefined();
  });
});

describe('formatKitfileValue', () => {
  it('writes strings as they are and other values as JSON', () => {
    expect(formatKitfileValue('1.2.0')).toBe('1.2.0');
    expect(formatKitfileValue(3)).toBe('3');
    expect(formatKitfileValue(null)).toBe('null');
    expect(formatKitfileValue({ name: 'lora', path: 'a.bin' })).toBe(
      '{"name":"lora","path":"a.bin"}',
    );
    expect(formatKitfileValue(undefined)).toBe('');
  });
});
