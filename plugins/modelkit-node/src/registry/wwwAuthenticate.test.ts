import { parseWwwAuthenticate } from './wwwAuthenticate';

describe('parseWwwAuthenticate', () => {
  it('reads Bearer challenges with quoted, comma-holding parameters', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:team/model:pull,push"',
      ),
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.example.com/token',
          service: 'registry.example.com',
          scope: 'repository:team/model:pull,push',
        },
      },
    ]);
  });

  it('reads several challenges, unquoted values and escapes', () => {
    expect(
      parseWwwAuthenticate(
        'Basic realm="a \\"quoted\\" realm", Bearer realm=https://x/token, error=invalid_token',
      ),
    ).toEqual([
      { scheme: 'basic', params: { realm: 'a "quoted" realm' } },
      {
        scheme: 'bearer',
        params: { realm: 'https://x/token', error: 'invalid_token' },
      },
    ]);
  });
});
