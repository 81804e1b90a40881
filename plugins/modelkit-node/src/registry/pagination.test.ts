import { nextPageUrl } from './pagination';

describe('nextPageUrl', () => {
  const base = new URL('https://registry.example.com/v2/_catalog?n=100');

  it('resolves a relative next link against the response URL', () => {
    expect(
      nextPageUrl('</v2/_catalog?last=b&n=100>; rel="next"', base)?.href,
    ).toBe('https://registry.example.com/v2/_catalog?last=b&n=100');
  });

  it('picks rel=next among several links and relation lists', () => {
    expect(
      nextPageUrl(
        '<https://registry.example.com/v2/_catalog?last=a>; rel="prev", <https://cdn.example.com/page2>; rel="next last"',
        base,
      )?.href,
    ).toBe('https://cdn.example.com/page2');
    expect(nextPageUrl('</page3>;rel=next', base)?.href).toBe(
      'https://registry.example.com/page3',
    );
  });

  it('returns undefined without a next link', () => {
    expect(nextPageUrl(null, base)).toBeUndefined();
    expect(
      nextPageUrl('</v2/_catalog?last=a>; rel="prev"', base),
    ).toBeUndefined();
  });

  it('rejects invalid and oversized links', () => {
    expect(() => nextPageUrl('<http://[bad>; rel="next"', base)).toThrow(
      'invalid next URL',
    );
    expect(() =>
      nextPageUrl(`<${'x'.repeat(9000)}>; rel="next"`, base),
    ).toThrow('longer than 8192');
  });
});
