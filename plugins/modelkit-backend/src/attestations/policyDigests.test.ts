import {
  ATTESTATION_VERIFICATION_STATES,
  ModelKitPolicyStatusResponse,
  ModelKitVersionsResponse,
} from '@kitstage/plugin-modelkit-common';
import { buildTestModelKit } from '@kitstage/plugin-modelkit-node/testUtils';
import { cachedReportDigests } from './__testUtils__/recordingCache';
import {
  AttestationsTestBackend,
  startAttestationsTestBackend,
} from './__testUtils__/startAttestationsTestBackend';

// Only versions of a ModelKit are verified: digests a caller names that its repository does not
// serve as a ModelKit never reach the verification queue or the report cache. The real catalog,
// permission backend and modelkit plugin, against real docker-registry processes; verifications
// show as referrers requests (every verification starts by looking up the digest's referrers)
// and as attestation reports written to the plugin's cache.

jest.setTimeout(180_000);

const API = '/api/modelkit/modelkits/default';
const zeroCounts = Object.fromEntries(
  ATTESTATION_VERIFICATION_STATES.map(state => [state, 0]),
);

/** A digest no registry serves. */
const unknownDigest = (i: number) =>
  `sha256:${(0xfeed0000 + i).toString(16).padStart(64, '0')}`;

describe('which digests the policy routes verify', () => {
  let api: AttestationsTestBackend;

  beforeAll(async () => {
    api = await startAttestationsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  const repository = () => `${api.main.host}/team/sentiment`;

  /** A GET as the reader, with what it changed: registry requests by kind, reports cached. */
  async function measure(path: string) {
    const count = () => ({
      total: api.registryRequests('main'),
      manifest: api.registryRequests('main', 'manifest'),
      referrers: api.registryRequests('main', 'referrers'),
      cached: cachedReportDigests(api.cacheWrites).length,
    });
    const before = count();
    const result = await api.get(path);
    const after = count();
    return {
      result,
      requests: after.total - before.total,
      manifestRequests: after.manifest - before.manifest,
      referrersRequests: after.referrers - before.referrers,
      cached: cachedReportDigests(api.cacheWrites).slice(before.cached),
    };
  }

  it('verifies every version the versions table lists once, then answers from the cache', async () => {
    const { passing, concern, states } = api.artifacts;
    const listing = await api.get(`${API}/sentiment/versions`);
    expect(listing.status).toBe(200);
    const digests = (listing.body as ModelKitVersionsResponse).items.map(
      v => v.digest,
    );
    expect(digests).toEqual([states.digest, concern.digest, passing.digest]);

    const first = await measure(
      `${API}/sentiment/policy?digests=${digests.join(',')}`,
    );
    expect(first.result.status).toBe(200);
    const items = (first.result.body as ModelKitPolicyStatusResponse).items;
    expect(items.map(i => [i.digest, i.status, i.error])).toEqual([
      [states.digest, 'missing', undefined],
      [concern.digest, 'failed', undefined],
      [passing.digest, 'passed', undefined],
    ]);
    expect(first.referrersRequests).toBeGreaterThanOrEqual(3);
    expect([...first.cached].sort()).toEqual([...digests].sort());

    const again = await measure(
      `${API}/sentiment/policy?digests=${digests.join(',')}`,
    );
    expect(again.result.body).toEqual(first.result.body);
    expect(again.requests).toBe(0);
    expect(again.cached).toEqual([]);
  });

  it('answers a digest that is no version of the ModelKit in its item, without verifying or caching it', async () => {
    const { lab, image, passing } = api.artifacts;
    const unknown = unknownDigest(0);
    const named = [unknown, lab.digest, image.digest, passing.digest];
    const { result, manifestRequests, referrersRequests, cached } =
      await measure(`${API}/sentiment/policy?digests=${named.join(',')}`);
    expect(result.status).toBe(200);
    const body = result.body as ModelKitPolicyStatusResponse;
    expect(body.repository).toBe(repository());
    const notVersion = (digest: string, why: string) => ({
      digest,
      status: 'missing',
      applies: true,
      message: `The attestations of ${digest} could not be checked: ${digest} is not a version of this ModelKit: ${why}`,
      failedRule: 'scan-clean',
      counts: zeroCounts,
      complete: false,
      error: `${digest} is not a version of this ModelKit: ${why}`,
    });
    expect(body.items).toEqual([
      notVersion(
        unknown,
        `${repository()} serves no manifest with that digest`,
      ),
      // A ModelKit, but of another repository.
      notVersion(
        lab.digest,
        `${repository()} serves no manifest with that digest`,
      ),
      notVersion(image.digest, 'it is a container image, not a ModelKit'),
      expect.objectContaining({ digest: passing.digest, status: 'passed' }),
    ]);
    expect(body.items[3].error).toBeUndefined();
    // At most one manifest lookup per digest (the listed ones come from the cache), and no
    // verification: no referrers lookup, no report cached.
    expect(manifestRequests).toBeLessThanOrEqual(3);
    expect(referrersRequests).toBe(0);
    expect(cached).toEqual([]);
  });

  it('costs one manifest request per unknown digest, however many a reader names', async () => {
    const many = Array.from({ length: 100 }, (_, i) => unknownDigest(i + 1));
    for (let round = 0; round < 2; round++) {
      const { result, requests, manifestRequests, referrersRequests, cached } =
        await measure(`${API}/sentiment/policy?digests=${many.join(',')}`);
      expect(result.status).toBe(200);
      const items = (result.body as ModelKitPolicyStatusResponse).items;
      expect(items.map(i => i.digest)).toEqual(many);
      expect(
        items.filter(i =>
          i.error?.endsWith(
            `is not a version of this ModelKit: ${repository()} serves no manifest with that digest`,
          ),
        ),
      ).toHaveLength(100);
      expect({ requests, manifestRequests, referrersRequests }).toEqual({
        requests: 100,
        manifestRequests: 100,
        referrersRequests: 0,
      });
      expect(cached).toEqual([]);
    }
  });

  it('answers a lifecycle that requires nothing with its own outcome, still naming the digest as no version', async () => {
    const unknown = unknownDigest(500);
    const { result, referrersRequests, cached } = await measure(
      `${API}/lab/policy?digests=${unknown}`,
    );
    expect(result.status).toBe(200);
    expect((result.body as ModelKitPolicyStatusResponse).items).toEqual([
      {
        digest: unknown,
        status: 'passed',
        applies: false,
        message: 'No attestations are required for lifecycle experimental',
        counts: zeroCounts,
        complete: false,
        error: `${unknown} is not a version of this ModelKit: ${api.main.host}/team/lab serves no manifest with that digest`,
      },
    ]);
    expect(referrersRequests).toBe(0);
    expect(cached).toEqual([]);
  });

  it('still verifies a new version named beside unknown digests', async () => {
    const added = await buildTestModelKit({
      kitfile: {
        package: { name: 'sentiment', version: '0.9.0', license: 'MIT' },
        model: { name: 'sentiment', path: 'model/weights.safetensors' },
      },
      files: { 'model/weights.safetensors': 'sentiment 0.9.0' },
      annotations: {
        'org.opencontainers.image.created': '2025-12-01T08:00:00Z',
      },
    });
    await api.main.pusher.push('team/sentiment', added, ['v0']);
    const unknown = unknownDigest(600);
    const { result, referrersRequests, cached } = await measure(
      `${API}/sentiment/policy?digests=${unknown},${added.digest}`,
    );
    expect(result.status).toBe(200);
    const items = (result.body as ModelKitPolicyStatusResponse).items;
    expect(items.map(i => [i.digest, i.status, i.complete])).toEqual([
      [unknown, 'missing', false],
      [added.digest, 'missing', true],
    ]);
    expect(items[0].error).toMatch(/is not a version of this ModelKit/);
    expect(items[1].error).toBeUndefined();
    expect(items[1].checkedAt).toEqual(expect.any(String));
    expect(referrersRequests).toBeGreaterThan(0);
    expect(cached).toEqual([added.digest]);
  });

  it('answers 404 naming a digest that is no version on the attestations route, without verifying it', async () => {
    const { lab, image } = api.artifacts;
    for (const digest of [unknownDigest(700), lab.digest, image.digest]) {
      const { result, referrersRequests, cached } = await measure(
        `${API}/sentiment/versions/${encodeURIComponent(digest)}/attestations`,
      );
      expect({ digest, status: result.status }).toEqual({
        digest,
        status: 404,
      });
      expect(result.body.error.name).toBe('NotFoundError');
      expect(result.body.error.message).toContain(digest);
      expect({ digest, referrersRequests, cached }).toEqual({
        digest,
        referrersRequests: 0,
        cached: [],
      });
    }
  });
});
