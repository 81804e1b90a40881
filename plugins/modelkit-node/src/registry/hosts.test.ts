import type { LookupAddress } from 'node:dns';
import { classifyAddress, ForbiddenHostError, HostPolicy } from './hosts';

type FakeDns = Record<string, string[]>;

function resolverFor(dns: FakeDns) {
  return (
    hostname: string,
    _options: unknown,
    callback: (error: Error | null, addresses: LookupAddress[]) => void,
  ) => {
    const addresses = dns[hostname];
    if (!addresses) {
      callback(
        Object.assign(new Error(`ENOTFOUND ${hostname}`), {
          code: 'ENOTFOUND',
        }),
        [],
      );
      return;
    }
    callback(
      null,
      addresses.map(address => ({
        address,
        family: address.includes(':') ? 6 : 4,
      })),
    );
  };
}

function lookup(policy: HostPolicy, hostname: string, all = true) {
  return new Promise<{ error: Error | null; address: unknown }>(resolve => {
    policy.lookup(hostname, { all }, (error, address) =>
      resolve({ error, address }),
    );
  });
}

describe('classifyAddress', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['2606:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.0.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12::1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['fe80::1', 'link-local'],
    ['::ffff:10.0.0.1', 'private'],
    ['0.0.0.0', 'special'],
    ['224.0.0.1', 'special'],
    ['64:ff9b::a00:1', 'special'],
    ['not an address', 'special'],
  ])('classifies %s as %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('HostPolicy', () => {
  const registry = new URL('https://registry.example.com');

  it('allows the registry host and public hosts, refuses downgrades and other schemes', () => {
    const policy = new HostPolicy(registry.href, resolverFor({}));
    expect(() =>
      policy.checkUrl(new URL('https://registry.example.com/v2/'), registry),
    ).not.toThrow();
    expect(() =>
      policy.checkUrl(new URL('https://8.8.8.8/blob'), registry),
    ).not.toThrow();
    expect(() =>
      policy.checkUrl(new URL('http://cdn.example.com/blob'), registry),
    ).toThrow(
      'refusing to go from https (registry.example.com) to plain http (cdn.example.com)',
    );
    expect(() =>
      policy.checkUrl(new URL('ftp://cdn.example.com/blob'), registry),
    ).toThrow(ForbiddenHostError);
    expect(() =>
      policy.checkUrl(
        new URL('https://user:pw@cdn.example.com/blob'),
        registry,
      ),
    ).toThrow('embeds credentials');
    // From a plain http registry, plain http is no downgrade.
    const plain = new URL('http://registry.example.com');
    expect(() =>
      policy.checkUrl(new URL('http://8.8.8.8/blob'), plain),
    ).not.toThrow();
  });

  it('refuses literal private, loopback and link-local addresses for a public registry', () => {
    const policy = new HostPolicy(registry.href, resolverFor({}));
    for (const target of [
      'https://127.0.0.1/x',
      'https://[::1]/x',
      'https://10.0.0.1/x',
      'https://169.254.169.254/x',
      'https://[::ffff:127.0.0.1]/x',
    ]) {
      expect(() => policy.checkUrl(new URL(target), registry)).toThrow(
        ForbiddenHostError,
      );
    }
  });

  it('checks every address a name resolves to, so a mixed answer is refused', async () => {
    const policy = new HostPolicy(
      registry.href,
      resolverFor({
        'registry.example.com': ['93.184.216.34'],
        'cdn.example.com': ['93.184.216.35', '2606:4700::1'],
        'rebind.example.com': ['93.184.216.36', '127.0.0.1'],
        'metadata.example.com': ['169.254.169.254'],
      }),
    );
    await expect(lookup(policy, 'cdn.example.com')).resolves.toEqual({
      error: null,
      address: [
        { address: '93.184.216.35', family: 4 },
        { address: '2606:4700::1', family: 6 },
      ],
    });
    const single = await lookup(policy, 'cdn.example.com', false);
    expect(single).toEqual({ error: null, address: '93.184.216.35' });

    const rebind = await lookup(policy, 'rebind.example.com');
    expect(rebind.error).toBeInstanceOf(ForbiddenHostError);
    expect(rebind.error?.message).toContain('loopback address 127.0.0.1');
    const metadata = await lookup(policy, 'metadata.example.com');
    expect(metadata.error?.message).toContain(
      'link-local address 169.254.169.254',
    );
    const missing = await lookup(policy, 'missing.example.com');
    expect(missing.error?.message).toContain('ENOTFOUND');
  });

  it('allows the address classes the registry itself resolves to', async () => {
    const policy = new HostPolicy(
      'http://registry.internal:5000',
      resolverFor({
        'registry.internal': ['10.0.0.5'],
        'minio.internal': ['10.0.0.6'],
        'metadata.internal': ['169.254.169.254'],
      }),
    );
    // Before the registry was resolved, private hosts are refused.
    expect((await lookup(policy, 'minio.internal')).error).toBeInstanceOf(
      ForbiddenHostError,
    );
    expect((await lookup(policy, 'registry.internal')).error).toBeNull();
    expect(policy.allowedClasses.has('private')).toBe(true);
    expect((await lookup(policy, 'minio.internal')).error).toBeNull();
    expect(() =>
      policy.checkUrl(
        new URL('http://10.0.0.7/blob'),
        new URL('http://registry.internal:5000'),
      ),
    ).not.toThrow();
    // Link-local stays refused: the registry is not link-local.
    expect((await lookup(policy, 'metadata.internal')).error).toBeInstanceOf(
      ForbiddenHostError,
    );
  });

  it('treats a registry configured at a literal loopback address as allowing loopback', () => {
    const policy = new HostPolicy('http://127.0.0.1:5000', resolverFor({}));
    expect(policy.allowedClasses.has('loopback')).toBe(true);
    expect(() =>
      policy.checkUrl(
        new URL('http://127.0.0.1:6000/token'),
        new URL('http://127.0.0.1:5000'),
      ),
    ).not.toThrow();
    expect(() =>
      policy.checkUrl(
        new URL('http://10.0.0.1/x'),
        new URL('http://127.0.0.1:5000'),
      ),
    ).toThrow(ForbiddenHostError);
  });
});
