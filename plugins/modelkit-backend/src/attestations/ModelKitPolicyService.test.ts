import { CacheService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import type { JsonValue } from '@backstage/types';
import {
  AttestationReport,
  countAttestationStates,
  parseAttestationPolicyConfig,
} from '@kitstage/plugin-modelkit-common';
import type { AttestationService } from '@kitstage/plugin-modelkit-node';
import {
  digest,
  evaluatingPolicies,
  reportOf,
  REPOSITORY,
  verifiedScan,
} from './__testUtils__/policyReports';
import { attestationConfigFingerprint } from './attestationConfigFingerprint';
import { DEFAULT_ATTESTATIONS_CACHE_CONFIG } from './config';
import { ModelKitPolicyService } from './ModelKitPolicyService';

// A unit test of the cache, sharing and scheduling around verification; verification itself
// is faked here (the API tests run it against real registries).

const policies = parseAttestationPolicyConfig(
  {
    lifecycles: {
      production: {
        rules: [{ id: 'scan-clean', require: 'scan-evaluation' }],
      },
      experimental: { rules: [] },
    },
  },
  'kitstage.policies',
);

/** A fake verifier: answers with `reports[digest]` after `gate` opens, counting calls. */
function fakeAttestations(reports: Record<string, AttestationReport | Error>) {
  let open: () => void = () => {};
  const gate = new Promise<void>(resolve => {
    open = resolve;
  });
  const calls: string[] = [];
  let active = 0;
  let maxActive = 0;
  const service: AttestationService = {
    async verifyVersion({ digest: d }) {
      calls.push(d);
      active += 1;
      maxActive = Math.max(maxActive, active);
      try {
        await gate;
        const report = reports[d];
        if (report instanceof Error) {
          throw report;
        }
        return report ?? reportOf(d, []);
      } finally {
        active -= 1;
      }
    },
    ...evaluatingPolicies(policies),
  };
  return {
    service,
    calls,
    maxActive: () => maxActive,
    open: () => open(),
  };
}

/** A cache recording what was stored and for how long. */
function recordingCache() {
  const entries = new Map<string, JsonValue>();
  const ttls: Array<{ key: string; ttl: unknown }> = [];
  const cache: CacheService = {
    async get<T extends JsonValue>(key: string) {
      return entries.get(key) as T | undefined;
    },
    async set(key, value, options) {
      entries.set(key, value);
      ttls.push({ key, ttl: options?.ttl });
    },
    async delete(key) {
      entries.delete(key);
    },
    withOptions() {
      return cache;
    },
  };
  return { cache, entries, ttls };
}

function create(
  attestations: AttestationService,
  cache: CacheService,
  fingerprint = 'f1',
  concurrency = 2,
) {
  return ModelKitPolicyService.create({
    attestations,
    cache,
    logger: mockServices.logger.mock(),
    config: { ...DEFAULT_ATTESTATIONS_CACHE_CONFIG, concurrency },
    fingerprint,
  });
}

describe('ModelKitPolicyService', () => {
  it('shares one verification between concurrent requests for a digest, then serves the cache', async () => {
    const fake = fakeAttestations({
      [digest(1)]: reportOf(digest(1), [verifiedScan()]),
    });
    const { cache } = recordingCache();
    const service = create(fake.service, cache);
    const request = {
      repository: REPOSITORY,
      digest: digest(1),
      lifecycle: 'production',
    };
    const waiting = Promise.all(
      Array.from({ length: 5 }, () => service.getReport(request)),
    );
    fake.open();
    const reports = await waiting;
    expect(new Set(reports.map(r => r.subject.digest))).toEqual(
      new Set([digest(1)]),
    );
    expect(fake.calls).toEqual([digest(1)]);

    await expect(service.getPolicyStatus(request)).resolves.toMatchObject({
      status: 'passed',
    });
    expect(fake.calls).toEqual([digest(1)]);
  });

  it('verifies at most `concurrency` versions at a time, across requests', async () => {
    const fake = fakeAttestations({});
    const service = create(fake.service, recordingCache().cache, 'f1', 2);
    const pending = Array.from({ length: 7 }, (_, i) =>
      service.getPolicyStatus({
        repository: REPOSITORY,
        digest: digest(i),
        lifecycle: 'production',
      }),
    );
    await new Promise(r => setTimeout(r, 20));
    expect(fake.calls).toHaveLength(2);
    fake.open();
    const items = await Promise.all(pending);
    expect(items.map(i => i.digest)).toEqual(
      Array.from({ length: 7 }, (_, i) => digest(i)),
    );
    expect(fake.calls).toHaveLength(7);
    expect(fake.maxActive()).toBe(2);
  });

  it('keeps a passed report for ttl, and a missing or incomplete one for missingTtl', async () => {
    const fake = fakeAttestations({
      [digest(1)]: reportOf(digest(1), [verifiedScan()]),
      [digest(2)]: reportOf(digest(2), []),
      [digest(3)]: reportOf(digest(3), [verifiedScan()], false),
    });
    fake.open();
    const { cache, ttls } = recordingCache();
    const service = create(fake.service, cache);
    for (const n of [1, 2, 3]) {
      await service.getReport({
        repository: REPOSITORY,
        digest: digest(n),
        lifecycle: 'production',
      });
    }
    expect(ttls.map(t => t.ttl)).toEqual([
      DEFAULT_ATTESTATIONS_CACHE_CONFIG.ttlMs,
      DEFAULT_ATTESTATIONS_CACHE_CONFIG.missingTtlMs,
      DEFAULT_ATTESTATIONS_CACHE_CONFIG.missingTtlMs,
    ]);
  });

  it('never serves a report cached under other trust settings, or for another digest', async () => {
    const fake = fakeAttestations({});
    fake.open();
    const shared = recordingCache();
    const request = {
      repository: REPOSITORY,
      digest: digest(1),
      lifecycle: 'production',
    };
    await create(fake.service, shared.cache, 'f1').getReport(request);
    await create(fake.service, shared.cache, 'f2').getReport(request);
    expect(fake.calls).toEqual([digest(1), digest(1)]);
    expect(new Set(shared.ttls.map(t => t.key)).size).toBe(2);

    // A corrupted entry (another digest under this key) is verified again.
    const [key] = shared.entries.keys();
    shared.entries.set(key, reportOf(digest(9), []) as unknown as JsonValue);
    await create(fake.service, shared.cache, 'f1').getReport(request);
    expect(fake.calls).toHaveLength(3);
  });

  it('keys repositories case-insensitively by host only', async () => {
    const fake = fakeAttestations({});
    fake.open();
    const { cache, ttls } = recordingCache();
    const service = create(fake.service, cache);
    await service.getReport({
      repository: 'Registry.Example.com/team/sentiment',
      digest: digest(1),
      lifecycle: 'production',
    });
    await service.getReport({
      repository: REPOSITORY,
      digest: digest(1),
      lifecycle: 'production',
    });
    await service.getReport({
      repository: 'registry.example.com/team/Other',
      digest: digest(1),
      lifecycle: 'production',
    });
    expect(fake.calls).toHaveLength(2);
    expect(ttls).toHaveLength(2);
  });

  it('reports a version that cannot be checked as missing, with the error, and does not cache it', async () => {
    const fake = fakeAttestations({
      [digest(1)]: new NotFoundError(
        'No registry or image layout under kitstage.registries serves "x"',
      ),
    });
    fake.open();
    const { cache, ttls } = recordingCache();
    const service = create(fake.service, cache);
    await expect(
      service.getPolicyStatus({
        repository: REPOSITORY,
        digest: digest(1),
        lifecycle: 'production',
      }),
    ).resolves.toEqual({
      digest: digest(1),
      status: 'missing',
      applies: true,
      failedRule: 'scan-clean',
      message: `The attestations of ${digest(
        1,
      )} could not be checked: No registry or image layout under kitstage.registries serves "x"`,
      counts: countAttestationStates([]),
      complete: false,
      error: 'No registry or image layout under kitstage.registries serves "x"',
    });
    // A lifecycle without rules passes whatever happened, and says why it could not check.
    await expect(
      service.getPolicyStatus({
        repository: REPOSITORY,
        digest: digest(1),
        lifecycle: 'experimental',
      }),
    ).resolves.toMatchObject({
      status: 'passed',
      applies: false,
      error: expect.stringContaining('No registry'),
    });
    expect(ttls).toEqual([]);
    expect(service.appliesTo('production')).toBe(true);
    expect(service.appliesTo('experimental')).toBe(false);
  });

  it('stops waiting when the caller aborts, and still caches the verification for others', async () => {
    const fake = fakeAttestations({
      [digest(1)]: reportOf(digest(1), [verifiedScan()]),
    });
    const { cache, ttls } = recordingCache();
    const service = create(fake.service, cache);
    const controller = new AbortController();
    const request = {
      repository: REPOSITORY,
      digest: digest(1),
      lifecycle: 'production',
    };
    const aborted = service.getPolicyStatus({
      ...request,
      signal: controller.signal,
    });
    controller.abort(new Error('client went away'));
    await expect(aborted).rejects.toThrow('client went away');
    fake.open();
    await expect(service.getPolicyStatus(request)).resolves.toMatchObject({
      status: 'passed',
    });
    expect(fake.calls).toEqual([digest(1)]);
    expect(ttls).toHaveLength(1);
  });

  it('verifies anyway when the cache cannot be read or written', async () => {
    const fake = fakeAttestations({
      [digest(1)]: reportOf(digest(1), [verifiedScan()]),
    });
    fake.open();
    const broken: CacheService = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => {
        throw new Error('redis down');
      },
      delete: async () => {},
      withOptions: () => broken,
    };
    const logger = mockServices.logger.mock();
    const service = ModelKitPolicyService.create({
      attestations: fake.service,
      cache: broken,
      logger,
      config: DEFAULT_ATTESTATIONS_CACHE_CONFIG,
      fingerprint: 'f1',
    });
    await expect(
      service.getPolicyStatus({
        repository: REPOSITORY,
        digest: digest(1),
        lifecycle: 'production',
      }),
    ).resolves.toMatchObject({ status: 'passed' });
    expect(logger.warn).toHaveBeenCalledTimes(2);
  });

  it('fingerprints the attestation settings', () => {
    expect(attestationConfigFingerprint({ keys: [{ name: 'a' }] })).not.toBe(
      attestationConfigFingerprint({ keys: [{ name: 'b' }] }),
    );
    expect(attestationConfigFingerprint(undefined)).toMatch(/^[0-9a-f]{16}$/);
  });
});
