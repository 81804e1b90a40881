import { ConfigReader } from '@backstage/config';
import { readPrometheusConfig } from './config';

const read = (prometheus: unknown) =>
  readPrometheusConfig(new ConfigReader({ kitstage: { prometheus } } as any));

describe('readPrometheusConfig', () => {
  it('is undefined without kitstage.prometheus', () => {
    expect(readPrometheusConfig(new ConfigReader({}))).toBeUndefined();
  });

  it('applies the defaults', () => {
    const config = read({ url: 'http://prom.example:9090/base' })!;
    expect(config.url.href).toBe('http://prom.example:9090/base/');
    expect(config.auth).toEqual({ type: 'none' });
    expect(config.label).toBe('modelkit');
    expect(config.labelValue).toBe('name@digest');
    expect(config.window).toBe('5m');
    expect(config.timeoutMs).toBe(5000);
    expect(config.cacheTtlMs).toBe(15000);
    expect(config.queries.requestRate).toContain('modelkit_requests_total');
  });

  it('reads what the source is: its title and whether it is simulated', () => {
    expect(read({ url: 'http://p' })!.source).toEqual({ simulated: false });
    expect(
      read({ url: 'http://p', title: ' Demo Prometheus ', simulated: true })!
        .source,
    ).toEqual({ title: 'Demo Prometheus', simulated: true });
    expect(() => read({ url: 'http://p', title: ' ' })).toThrow(
      /kitstage.prometheus.title must not be empty/,
    );
    expect(() => read({ url: 'http://p', simulated: 'sometimes' })).toThrow(
      /kitstage.prometheus.simulated/,
    );
  });

  it('reads bearer and basic auth', () => {
    expect(read({ url: 'http://p', auth: { token: 't0k' } })!.auth).toEqual({
      type: 'bearer',
      token: 't0k',
    });
    expect(
      read({ url: 'http://p', auth: { username: 'u', password: 'p' } })!.auth,
    ).toEqual({ type: 'basic', username: 'u', password: 'p' });
    expect(() =>
      read({ url: 'http://p', auth: { token: 't', username: 'u' } }),
    ).toThrow(/either token/);
  });

  it('names each invalid value', () => {
    expect(() => read({ url: 'ftp://p' })).toThrow(/kitstage.prometheus.url/);
    expect(() => read({ url: 'http://u:p@p' })).toThrow(
      /must not carry credentials/,
    );
    expect(() =>
      read({ url: 'http://p', labels: { modelkit: 'a-b' } }),
    ).toThrow(/kitstage.prometheus.labels.modelkit/);
    expect(() =>
      read({ url: 'http://p', labels: { modelkitValue: 'name' } }),
    ).toThrow(/labels.modelkitValue/);
    expect(() => read({ url: 'http://p', window: '5 minutes' })).toThrow(
      /kitstage.prometheus.window/,
    );
    expect(() =>
      read({ url: 'http://p', metrics: { requests: 'a b' } }),
    ).toThrow(/metrics.requests/);
    expect(() =>
      read({ url: 'http://p', queries: { requestRate: 'sum(x)' } }),
    ).toThrow(/queries.requestRate must contain \{\{selector\}\}/);
    expect(() => read({ url: 'http://p', timeout: 'soon' })).toThrow(
      /kitstage.prometheus.timeout/,
    );
  });

  it('takes full query templates', () => {
    const config = read({
      url: 'http://p',
      queries: {
        requestRate: 'sum(rate(http_requests_total{{{selector}}}[{{window}}]))',
      },
    })!;
    expect(config.queries.requestRate).toBe(
      'sum(rate(http_requests_total{{{selector}}}[{{window}}]))',
    );
  });

  it('reads the namespace and cluster labels, or the one cluster a Prometheus holds', () => {
    expect(read({ url: 'http://p' })).toMatchObject({
      namespaceLabel: 'namespace',
      cluster: { label: 'cluster' },
    });
    expect(
      read({ url: 'http://p', labels: { namespace: 'ns', cluster: 'k8s' } }),
    ).toMatchObject({ namespaceLabel: 'ns', cluster: { label: 'k8s' } });
    expect(read({ url: 'http://p', cluster: 'prod-eu' })).toMatchObject({
      cluster: { only: 'prod-eu' },
    });
    expect(() =>
      read({ url: 'http://p', cluster: 'prod-eu', labels: { cluster: 'c' } }),
    ).toThrow(/^kitstage\.prometheus\.cluster names the one cluster/);
    expect(() =>
      read({ url: 'http://p', labels: { namespace: '__name__' } }),
    ).toThrow(
      'kitstage.prometheus.labels.namespace "__name__" is not a Prometheus label name',
    );
    expect(() =>
      read({ url: 'http://p', labels: { cluster: 'modelkit' } }),
    ).toThrow(/^kitstage\.prometheus\.labels must name a different label/);
  });
});
