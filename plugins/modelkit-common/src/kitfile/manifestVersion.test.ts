import {
  isSupportedKitfileManifestVersion,
  normalizeKitfileManifestVersion,
} from './manifestVersion';

describe('Kitfile manifest versions', () => {
  it.each(['1.0.0', 'v1.0.0', '1.0', 'v1.0', '1'])(
    'normalises %s to 1.0.0',
    version => {
      expect(isSupportedKitfileManifestVersion(version)).toBe(true);
      expect(normalizeKitfileManifestVersion(version)).toBe('1.0.0');
    },
  );

  it.each([
    '2.0.0',
    'v2',
    '1.1.0',
    '1.0.0.0',
    'V1.0.0',
    'latest',
    '',
    ' 1.0.0',
  ])('refuses %j', version => {
    expect(isSupportedKitfileManifestVersion(version)).toBe(false);
    expect(() => normalizeKitfileManifestVersion(version)).toThrow(
      `unsupported manifest version ${JSON.stringify(version)}`,
    );
  });
});
