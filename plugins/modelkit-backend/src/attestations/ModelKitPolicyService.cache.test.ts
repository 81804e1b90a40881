import { CacheService } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject, JsonValue } from '@backstage/types';
import { parseAttestationPolicyConfig } from '@kitstage/plugin-modelkit-common';
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

// Whoever can write the shared cache must not be able to make a version pass its policy. The
// store is Backstage's own CacheManager (the `memory` store of `backend.cache`); verification
// is counted, so a report served from the cache is told from one verified again.

const SECRET = 'a-shared-secret-of-the-backend-instances';

const policies = parseAttestationPolicyConfig(
  {
    lifecycles: {
      production: { rules: [{ id: 'scan-clean', require: 'scan-evaluation' }] },
    },
  },
  'kitstage.policies',
);

/** Digest 1 has no evidence; digest 2 has a verified clean scan. Counts verifications. */
function countingVerifier() {
  const calls: string[] = [];
  const service: AttestationService = {
    async verifyVersion({ digest: d }) {
      calls.push(d);
      return reportOf(d, d === digest(2) ? [verifiedScan()] : []);
    },
    ...evaluatingPolicies(policies),
  };
  return { service, calls };
}

/** The plugin's cache from Backstage's CacheManager, remembering the keys written. */
function pluginCache() {
  const store = CacheManager.fromConfig(
    new ConfigReader({ backend: { cache: { store: 'memory' } } }),
  ).forPlugin('modelkit');
  const keys = new Map<string, string>();
  const cache: CacheService = {
    get: key => store.get(key),
    async set(key, value, options) {
      const digestOf = (value as any)?.report?.subject?.digest as
        | string
        | undefined;
      keys.set(digestOf ?? (value as any)?.subject?.digest, key);
      await store.set(key, value, options);
    },
    delete: key => store.delete(key),
    withOptions: () => cache,
  };
  return { cache, store, keyOf: (d: string) => keys.get(d)! };
}

/**
 * A counting verifier (optionally wrapped) and one shared plugin cache, with the verifications
 * so far, the store behind the cache, the key of each digest's entry, and new instances of the
 * service over both, as other backend instances would be.
 */
function setup(wrap?: (verifier: AttestationService) => AttestationService) {
  const verifier = countingVerifier();
  const { cache, store, keyOf } = pluginCache();
  const attestations = wrap ? wrap(verifier.service) : verifier.service;
  return {
    calls: verifier.calls,
    store,
    keyOf,
    /** A new instance with this cache secret (none: a key drawn per instance). */
    instance: (
      secret: string | undefined,
      logger = mockServices.logger.mock(),
    ) =>
      ModelKitPolicyService.create({
        attestations,
        cache,
        logger,
        config: { ...DEFAULT_ATTESTATIONS_CACHE_CONFIG, secret },
        fingerprint: 'f1',
      }),
  };
}

const request = (n: number) => ({
  repository: REPOSITORY,
  digest: digest(n),
  lifecycle: 'production',
});

/** The report inside a stored cache entry. */
function storedReport(entry: JsonValue | undefined): JsonObject {
  const value = entry as JsonObject;
  return (value.report ?? value) as JsonObject;
}

describe('ModelKitPolicyService with a shared cache', () => {
  it('serves a genuine entry to another instance with the same secret, without verifying again', async () => {
    const { calls, instance } = setup();
    await expect(
      instance(SECRET).getPolicyStatus(request(2)),
    ).resolves.toMatchObject({ status: 'passed' });
    await expect(
      instance(SECRET).getPolicyStatus(request(2)),
    ).resolves.toMatchObject({ status: 'passed' });
    expect(calls).toEqual([digest(2)]);
  });

  it('does not serve an entry whose verdict was edited in the store, and verifies again', async () => {
    const { calls, store, keyOf, instance } = setup();
    await instance(SECRET).getReport(request(1));
    const key = keyOf(digest(1));

    // Someone with write access to the cache marks a verified clean scan as present.
    const entry = (await store.get(key)) as JsonObject;
    const forged = reportOf(digest(1), [verifiedScan()]);
    Object.assign(storedReport(entry), forged);
    await store.set(key, entry);

    const logger = mockServices.logger.mock();
    await expect(
      instance(SECRET, logger).getPolicyStatus(request(1)),
    ).resolves.toMatchObject({ status: 'missing' });
    expect(calls).toEqual([digest(1), digest(1)]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(`${REPOSITORY}@${digest(1)}`),
    );
    // The re-verified report replaced the forgery.
    expect(storedReport(await store.get(key)).attestations).toEqual([]);
  });

  it('does not serve an entry copied from another digest', async () => {
    const { calls, store, keyOf, instance } = setup();
    const service = instance(SECRET);
    await service.getReport(request(1));
    await service.getReport(request(2));

    // The genuine entry of the passing digest, relabelled and copied over the failing one.
    const copy = (await store.get(keyOf(digest(2)))) as JsonObject;
    (storedReport(copy).subject as JsonObject).digest = digest(1);
    await store.set(keyOf(digest(1)), copy);

    await expect(
      instance(SECRET).getPolicyStatus(request(1)),
    ).resolves.toMatchObject({ status: 'missing' });
    expect(calls).toEqual([digest(1), digest(2), digest(1)]);
  });

  it('verifies again what an instance with another secret, or none, cached', async () => {
    const { calls, instance } = setup();
    await instance(SECRET).getReport(request(2));
    await instance(`${SECRET}-other`).getReport(request(2));
    // Without a secret each instance has its own key: it serves only what it cached itself.
    const own = instance(undefined);
    await own.getReport(request(2));
    await own.getReport(request(2));
    expect(calls).toEqual([digest(2), digest(2), digest(2)]);
  });

  it('does not serve a genuine entry replayed after it expired, and verifies again', async () => {
    const now = jest.spyOn(Date, 'now');
    try {
      const start = Date.parse('2026-03-01T10:00:00.000Z');
      now.mockReturnValue(start);
      let attested = true;
      const { calls, store, keyOf, instance } = setup(verifier => ({
        ...verifier,
        async verifyVersion(options) {
          const report = await verifier.verifyVersion(options);
          return attested ? report : reportOf(report.subject.digest, []);
        },
      }));
      await expect(
        instance(SECRET).getPolicyStatus(request(2)),
      ).resolves.toMatchObject({ status: 'passed' });
      const genuine = await store.get(keyOf(digest(2)));

      // Still fresh just before the TTL ends: served from the cache.
      now.mockReturnValue(start + DEFAULT_ATTESTATIONS_CACHE_CONFIG.ttlMs - 1);
      await expect(
        instance(SECRET).getPolicyStatus(request(2)),
      ).resolves.toMatchObject({ status: 'passed' });
      expect(calls).toEqual([digest(2)]);

      // The scan is deleted from the registry; once the entry expired, someone who can write the
      // cache writes the genuine entry back, with no TTL of the store.
      attested = false;
      now.mockReturnValue(start + DEFAULT_ATTESTATIONS_CACHE_CONFIG.ttlMs);
      await store.set(keyOf(digest(2)), genuine!);

      const logger = mockServices.logger.mock();
      await expect(
        instance(SECRET, logger).getPolicyStatus(request(2)),
      ).resolves.toMatchObject({ status: 'missing' });
      expect(calls).toEqual([digest(2), digest(2)]);
      expect(logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(`${REPOSITORY}@${digest(2)}.*expired`),
        ),
      );
    } finally {
      now.mockRestore();
    }
  });

  it('does not serve an entry whose expiry was moved, and verifies again', async () => {
    const { calls, store, keyOf, instance } = setup();
    await instance(SECRET).getReport(request(2));
    const key = keyOf(digest(2));
    const entry = (await store.get(key)) as JsonObject;
    expect(typeof entry.expiresAt).toBe('number');
    entry.expiresAt = (entry.expiresAt as number) + 365 * 24 * 3600_000;
    await store.set(key, entry);

    await instance(SECRET).getReport(request(2));
    expect(calls).toEqual([digest(2), digest(2)]);
  });

  it('keeps the secret out of the trust settings fingerprint', () => {
    const section = { keys: [{ name: 'release-ci' }] };
    expect(
      attestationConfigFingerprint({ ...section, cache: { secret: 'one' } }),
    ).toBe(
      attestationConfigFingerprint({ ...section, cache: { secret: 'two' } }),
    );
  });
});
