import {
  attestationTitleKey,
  formatDuration,
  formatThreshold,
  groupFindingsBySeverity,
  trustedSignerName,
  webUrl,
} from './attestations';

describe('webUrl', () => {
  it('keeps http and https addresses only', () => {
    expect(webUrl('https://ci.example.com/runs/1')).toBe(
      'https://ci.example.com/runs/1',
    );
    expect(webUrl('http://ci.example.com')).toBe('http://ci.example.com');
    expect(webUrl(['javascript', 'alert(1)'].join(':'))).toBeUndefined();
    expect(webUrl('data:text/html,hi')).toBeUndefined();
    expect(webUrl('pkg:github/aquasecurity/trivy')).toBeUndefined();
    expect(webUrl('https://a.example.com/x y')).toBeUndefined();
    expect(webUrl(undefined)).toBeUndefined();
  });
});

describe('formatThreshold', () => {
  it('writes lower, upper and both bounds with the unit', () => {
    expect(formatThreshold({ min: 0.9 })).toBe('≥ 0.9');
    expect(formatThreshold({ max: 0.01 }, 'ratio')).toBe('≤ 0.01 ratio');
    expect(formatThreshold({ min: 1, max: 5 }, 'ms')).toBe('1 – 5 ms');
    expect(formatThreshold(undefined)).toBeUndefined();
    expect(formatThreshold({})).toBeUndefined();
  });
});

describe('groupFindingsBySeverity', () => {
  it('puts the most severe first and keeps the order within a severity', () => {
    const groups = groupFindingsBySeverity([
      { severity: 'info', title: 'a' },
      { severity: 'error', title: 'b' },
      { severity: 'info', title: 'c' },
      { severity: 'concern', title: 'd' },
    ]);
    expect(groups.map(g => [g.severity, g.findings.map(f => f.title)])).toEqual(
      [
        ['error', ['b']],
        ['concern', ['d']],
        ['info', ['a', 'c']],
      ],
    );
  });
});

describe('formatDuration', () => {
  it('uses the two largest units', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(270_000)).toBe('4 min 30 s');
    expect(formatDuration(7_530_000)).toBe('2 h 5 min');
    expect(formatDuration(60_000)).toBe('1 min');
    expect(formatDuration(-1)).toBe('-');
  });
});

describe('attestationTitleKey', () => {
  it('names the family of the summary, also for invalid predicates', () => {
    expect(
      attestationTitleKey({
        kind: 'attestation',
        summary: {
          kind: 'invalid',
          predicateKind: 'cyclonedx',
          issues: [],
          predicate: { truncated: false, bytes: 2 },
        },
      }),
    ).toBe('sbom');
    expect(
      attestationTitleKey({
        kind: 'attestation',
        summary: { kind: 'signature' },
      }),
    ).toBe('signature');
    expect(attestationTitleKey({ kind: 'attestation' })).toBe('unread');
    expect(attestationTitleKey({ kind: 'signature' })).toBe('signature');
  });
});

describe('trustedSignerName', () => {
  it('names only a signer that matched a trusted key or identity', () => {
    expect(
      trustedSignerName({ type: 'public-key', trustedName: 'scanner' }),
    ).toBe('scanner');
    expect(
      trustedSignerName({ type: 'public-key', keyId: 'scanner' }),
    ).toBeUndefined();
    expect(
      trustedSignerName({ type: 'certificate', trustedName: '  ' }),
    ).toBeUndefined();
    expect(trustedSignerName(undefined)).toBeUndefined();
  });
});
