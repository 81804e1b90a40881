import {
  ATTESTATION_VERIFICATION_STATES,
  ModelKitAttestationsResponse,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import { cosignTagFor } from '@kitstage/plugin-modelkit-node/testUtils';
import { cachedReportDigests } from './__testUtils__/recordingCache';
import {
  byReleaseCi,
  byReleaseWorkflow,
  provenanceStatement,
  pushAtt,
  RELEASE_IDENTITY,
  scanStatement,
} from './__testUtils__/attestationScenarios';
import {
  AttestationsTestBackend,
  startAttestationsTestBackend,
  USERS,
} from './__testUtils__/startAttestationsTestBackend';

// The real catalog, permission backend and modelkit plugin in one test backend, verifying
// attestations pushed beside ModelKits in real docker-registry processes.

jest.setTimeout(180_000);

const API = '/api/modelkit/modelkits/default';
const zeroCounts = Object.fromEntries(
  ATTESTATION_VERIFICATION_STATES.map(state => [state, 0]),
);

describe('the attestation API', () => {
  let api: AttestationsTestBackend;

  beforeAll(async () => {
    api = await startAttestationsTestBackend();
  }, 180_000);

  afterAll(async () => {
    await api?.stop();
  });

  const repository = () => `${api.main.host}/team/sentiment`;

  describe('GET /modelkits/:namespace/:name/versions/:reference/attestations', () => {
    it('verifies every attestation of a version found every way, and passes the production policy', async () => {
      const { passing } = api.artifacts;
      const response = await api.get(
        `${API}/sentiment/versions/v1/attestations`,
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitAttestationsResponse;
      expect(body).toMatchObject({
        repository: repository(),
        reference: 'v1',
        digest: passing.digest,
        report: {
          subject: {
            source: 'main',
            repository: repository(),
            digest: passing.digest,
          },
          complete: true,
          discovery: { referrers: 'tag-schema', errors: [] },
          otherReferrers: [
            expect.objectContaining({ artifactType: 'application/spdx+json' }),
          ],
        },
      });
      expect(
        body.report.attestations.map(a => [
          a.discoveredVia,
          a.format,
          a.state,
          a.signer?.trustedName,
          a.summary?.kind,
        ]),
      ).toEqual(
        expect.arrayContaining([
          [
            'tag-schema',
            'sigstore-bundle',
            'verified',
            'release-workflow',
            'vulnerabilities',
          ],
          ['tag-schema', 'dsse-envelope', 'verified', 'legacy-rsa', 'sbom'],
          [
            'cosign-tag',
            'dsse-envelope',
            'verified',
            'release-ci',
            'scan-evaluation',
          ],
          [
            'cosign-tag',
            'dsse-envelope',
            'verified',
            'release-workflow',
            'slsa-provenance',
          ],
          [
            'cosign-tag',
            'cosign-simple-signing',
            'verified',
            'scanner',
            undefined,
          ],
        ]),
      );
      expect(body.report.attestations).toHaveLength(5);
      expect(body.report.counts).toEqual({ ...zeroCounts, verified: 5 });

      const provenance = body.report.attestations.find(
        a => a.summary?.kind === 'slsa-provenance',
      )!;
      expect(provenance.signer).toMatchObject({
        type: 'certificate',
        certificateSubject: RELEASE_IDENTITY,
      });
      expect(provenance.summary).toMatchObject({
        provenance: {
          sourceRepository: 'https://github.com/acme/support-sentiment',
        },
      });
      // A command to check it with cosign, naming the image by digest.
      expect(provenance.command?.argv).toEqual(
        expect.arrayContaining([
          'cosign',
          'verify-attestation',
          `${repository()}@${passing.digest}`,
        ]),
      );

      expect(body.policy).toMatchObject({
        lifecycle: 'production',
        applies: true,
        status: 'passed',
        message: 'All 2 rules of lifecycle production passed',
      });
      expect(body.policy.rules.map(r => [r.id, r.status])).toEqual([
        ['scan-clean', 'passed'],
        ['built-in-ci', 'passed'],
      ]);
    });

    it('ends attestations in every other state, with the reason, and never counts them as evidence', async () => {
      const { states, passing } = api.artifacts;
      const response = await api.get(
        `${API}/sentiment/versions/${encodeURIComponent(
          states.digest,
        )}/attestations`,
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitAttestationsResponse;
      expect(body.digest).toBe(states.digest);
      expect(body.report.attestations.map(a => [a.state, a.reason])).toEqual([
        ['untrusted-signer', expect.stringMatching(/^no trusted key/)],
        [
          'invalid-signature',
          'the signature names key "ci-1" but does not verify with trusted key release-ci',
        ],
        [
          'subject-mismatch',
          `the statement is about ${passing.digest}, not this version (${states.digest})`,
        ],
        ['unsigned', 'the envelope carries no signature'],
        ['malformed', 'the DSSE envelope is not JSON'],
        ['verified', expect.stringContaining('legacy-rsa')],
        ['not-checked', expect.stringContaining('6')],
      ]);
      expect(body.report.counts).toEqual({
        verified: 1,
        'untrusted-signer': 1,
        'invalid-signature': 1,
        'subject-mismatch': 1,
        unsigned: 1,
        malformed: 1,
        'not-checked': 1,
      });
      expect(body.report.complete).toBe(false);
      expect(body.report.limits).toMatchObject({
        maxAttestations: 6,
        reached: 'count',
      });
      // The clean scan beyond the limit was never checked: no pass on unseen evidence.
      expect(body.policy).toMatchObject({
        lifecycle: 'production',
        status: 'missing',
        failedRule: 'scan-clean',
      });
      expect(body.policy.message).toBe(
        'Rule scan-clean has no evidence: No verified scan evaluation from release-ci or scanner: 4 found but not verified (untrusted-signer, invalid-signature, subject-mismatch, unsigned)',
      );
    });

    it('fails the production policy naming the rule and the finding', async () => {
      const response = await api.get(
        `${API}/sentiment/versions/v2/attestations`,
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitAttestationsResponse;
      expect(body.report.counts).toEqual({ ...zeroCounts, verified: 2 });
      const scan = body.report.attestations.find(
        a => a.summary?.kind === 'scan-evaluation',
      )!;
      expect(scan.summary).toMatchObject({
        scanEvaluation: {
          findingCounts: { info: 1, anomaly: 0, concern: 1, error: 0 },
        },
      });
      expect(body.policy).toMatchObject({
        status: 'failed',
        failedRule: 'scan-clean',
        message:
          'Rule scan-clean failed: The verified scan evaluation signed by release-ci fails: modelscan reported 1 concern finding (first: Pickle opcode in tokenizer)',
      });
    });

    it('applies the entity lifecycle: experimental requires nothing', async () => {
      const response = await api.get(`${API}/lab/versions/v1/attestations`);
      expect(response.status).toBe(200);
      const body = response.body as ModelKitAttestationsResponse;
      expect(body.report.counts.verified).toBe(1);
      expect(body.policy).toEqual({
        lifecycle: 'experimental',
        applies: false,
        status: 'passed',
        message: 'No attestations are required for lifecycle experimental',
        rules: [],
      });
    });

    it('answers 404 for a tag that does not exist or names no ModelKit', async () => {
      const missing = await api.get(
        `${API}/sentiment/versions/v9/attestations`,
      );
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ name: 'NotFoundError' });
      expect(missing.body.error.message).toContain('v9');

      const image = await api.get(
        `${API}/sentiment/versions/runtime/attestations`,
      );
      expect(image.status).toBe(404);
      expect(image.body.error.name).toBe('NotFoundError');

      const att = await api.get(
        `${API}/sentiment/versions/${cosignTagFor(
          api.artifacts.passing.digest,
          'att',
        )}/attestations`,
      );
      expect(att.status).toBe(404);
    });

    it('answers 400 naming a malformed reference', async () => {
      const response = await api.get(
        `${API}/sentiment/versions/${encodeURIComponent(
          'sha256:xyz',
        )}/attestations`,
      );
      expect(response.status).toBe(400);
      expect(response.body.error).toEqual({
        name: 'InputError',
        message: expect.stringMatching(
          /^Invalid path: reference must be a tag .* got "sha256:xyz"$/,
        ),
      });
    });
  });

  describe('GET /modelkits/:namespace/:name/policy', () => {
    it('gives the policy status of several versions in one request, in the order asked', async () => {
      const { passing, concern, states } = api.artifacts;
      const digests = [states.digest, passing.digest, concern.digest];
      const response = await api.get(
        `${API}/sentiment/policy?digests=${[...digests, passing.digest].join(
          ',',
        )}`,
      );
      expect(response.status).toBe(200);
      const body = response.body as ModelKitPolicyStatusResponse;
      expect(body.repository).toBe(repository());
      expect(body.lifecycle).toBe('production');
      expect(
        body.items.map(i => [i.digest, i.status, i.failedRule, i.complete]),
      ).toEqual([
        [states.digest, 'missing', 'scan-clean', false],
        [passing.digest, 'passed', undefined, true],
        [concern.digest, 'failed', 'scan-clean', true],
      ]);
      expect(body.items[1]).toEqual({
        digest: passing.digest,
        status: 'passed',
        applies: true,
        message: 'All 2 rules of lifecycle production passed',
        counts: { ...zeroCounts, verified: 5 },
        complete: true,
        checkedAt: expect.any(String),
      });
    });

    it('serves checked digests from the cache without asking the registry again', async () => {
      const { passing, concern } = api.artifacts;
      await api.get(
        `${API}/sentiment/policy?digests=${passing.digest},${concern.digest}`,
      );
      const before = api.registryRequests('main');
      const again = await api.get(
        `${API}/sentiment/policy?digests=${passing.digest},${concern.digest}`,
      );
      const attestations = await api.get(
        `${API}/sentiment/versions/${encodeURIComponent(
          passing.digest,
        )}/attestations`,
      );
      expect(again.status).toBe(200);
      expect(attestations.status).toBe(200);
      // The attestations route resolves the digest (a cached manifest); nothing is re-verified.
      expect(api.registryRequests('main')).toBe(before);
    });

    it('rechecks a missing status soon, and keeps a passed one for the configured time', async () => {
      const { fresh } = api.artifacts;
      const path = `${API}/fresh/policy?digests=${fresh.digest}`;
      const first = await api.get(path);
      expect(first.body.items[0]).toMatchObject({
        status: 'missing',
        failedRule: 'scan-clean',
        counts: zeroCounts,
      });

      // A scan and provenance arrive: missing is cached for a second only (missingTtl).
      await pushAtt(api.main, 'team/fresh', fresh, [
        byReleaseCi(api.signers, scanStatement(fresh.digest)),
        byReleaseWorkflow(api.signers, provenanceStatement(fresh.digest)),
      ]);
      await new Promise(r => setTimeout(r, 1500));
      const second = await api.get(path);
      expect(second.body.items[0]).toMatchObject({
        status: 'passed',
        counts: { ...zeroCounts, verified: 2 },
      });

      // A later scan with a concern replaces them; passed stays cached for an hour (ttl).
      await pushAtt(api.main, 'team/fresh', fresh, [
        byReleaseCi(
          api.signers,
          scanStatement(fresh.digest, [
            { severity: 'concern', title: 'Pickle opcode' },
          ]),
        ),
        byReleaseWorkflow(api.signers, provenanceStatement(fresh.digest)),
      ]);
      await new Promise(r => setTimeout(r, 1500));
      const before = api.registryRequests('main');
      const third = await api.get(path);
      expect(third.body.items[0]).toEqual(second.body.items[0]);
      expect(api.registryRequests('main')).toBe(before);
    });

    it('answers an empty list for no digests, and 400 naming a bad or excess digest', async () => {
      const empty = await api.get(`${API}/sentiment/policy?digests=`);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({
        repository: repository(),
        lifecycle: 'production',
        items: [],
      });

      const bad = await api.get(
        `${API}/sentiment/policy?digests=${api.artifacts.passing.digest},latest`,
      );
      expect(bad.status).toBe(400);
      expect(bad.body.error).toEqual({
        name: 'InputError',
        message:
          'Invalid query: digests.1 must be a manifest digest (sha256: with 64 or sha512: with 128 lowercase hex digits), got "latest"',
      });

      const many = Array.from(
        { length: 101 },
        (_, i) => `sha256:${i.toString(16).padStart(64, '0')}`,
      );
      const tooMany = await api.get(
        `${API}/sentiment/policy?digests=${many.join(',')}`,
      );
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'Invalid query: digests must name at most 100 digests, got 101',
      );

      const absent = await api.get(`${API}/sentiment/policy`);
      expect(absent.status).toBe(400);
      expect(absent.body.error.message).toBe(
        'Invalid query: digests is required',
      );

      const twice = await api.get(
        `${API}/sentiment/policy?digests=a&digests=b`,
      );
      expect(twice.status).toBe(400);
      expect(twice.body.error.message).toMatch(
        /^Invalid query: digests must be given once, as a comma-separated list/,
      );
    });

    it('reports a registry that cannot be reached as missing evidence, never as passed', async () => {
      const { flaky } = api.artifacts;
      await api.doomed.stop();
      const response = await api.get(
        `${API}/flaky/policy?digests=${flaky.digest}`,
      );
      expect(response.status).toBe(200);
      const item = (response.body as ModelKitPolicyStatusResponse).items[0];
      expect(item).toMatchObject({
        digest: flaky.digest,
        status: 'missing',
        complete: false,
        counts: zeroCounts,
      });

      // Resolving a tag needs the registry: the attestations route answers 503.
      const attestations = await api.get(
        `${API}/flaky/versions/v1/attestations`,
      );
      expect(attestations.status).toBe(503);
      expect(attestations.body.error.name).toBe('ServiceUnavailableError');
    });
  });

  describe('GET /modelkits/:namespace/:name/policy/latest', () => {
    it('gives the newest version and its policy status', async () => {
      const response = await api.get(`${API}/sentiment/policy/latest`);
      expect(response.status).toBe(200);
      const body = response.body as ModelKitLatestPolicyStatusResponse;
      expect(body).toMatchObject({
        repository: repository(),
        lifecycle: 'production',
        version: {
          digest: api.artifacts.states.digest,
          tags: ['latest', 'v3'],
          version: '3.0.0',
        },
        policy: {
          digest: api.artifacts.states.digest,
          status: 'missing',
          failedRule: 'scan-clean',
        },
      });
    });
  });

  describe('authorization', () => {
    const paths = () => [
      `${API}/sentiment/versions/v1/attestations`,
      `${API}/sentiment/policy?digests=${api.artifacts.passing.digest}`,
      `${API}/sentiment/policy/latest`,
    ];

    it('answers 404 for an entity the caller may not read, without a registry request', async () => {
      const before = api.registryRequests('main');
      for (const path of paths()) {
        const response = await api.get(path, USERS.outsider);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 404,
        });
        expect(response.body.error).toEqual({
          name: 'NotFoundError',
          message:
            'No ModelKit entity modelkit:default/sentiment was found in the catalog',
        });
      }
      expect(api.registryRequests('main')).toBe(before);
    });

    it('answers 403 without kitstage.modelkit.read, without a registry request', async () => {
      const before = api.registryRequests('main');
      for (const path of paths()) {
        const response = await api.get(path, USERS.viewer);
        expect({ path, status: response.status }).toEqual({
          path,
          status: 403,
        });
        expect(response.body.error).toEqual({
          name: 'NotAllowedError',
          message:
            'Not allowed to read the registry data of modelkit:default/sentiment (permission kitstage.modelkit.read)',
        });
      }
      expect(api.registryRequests('main')).toBe(before);
    });

    it('answers 401 without credentials, and 404 for unknown entities and unconfigured registries', async () => {
      const none = await api.get(paths()[0], 'none');
      expect(none.status).toBe(401);

      const unknown = await api.get(`${API}/nothing/policy/latest`);
      expect(unknown.status).toBe(404);

      const elsewhere = await api.get(`${API}/elsewhere/policy/latest`);
      expect(elsewhere.status).toBe(404);
      expect(elsewhere.body.error.message).toBe(
        'modelkit:default/elsewhere is stored in "registry.unconfigured.example/team/model", but no registry for host "registry.unconfigured.example" is configured under kitstage.registries',
      );
    });
  });

  describe('the policy status seam of the deployment views', () => {
    it('evaluates the lifecycle policy of a running digest', async () => {
      const { passing, concern } = api.artifacts;
      const entity = {
        ref: 'modelkit:default/sentiment',
        lifecycle: 'production',
      };
      await expect(
        api.policyStatus.getPolicyStatus({
          repository: repository(),
          digest: passing.digest,
          entity,
        }),
      ).resolves.toEqual({
        status: 'passed',
        message: 'All 2 rules of lifecycle production passed',
        lifecycle: 'production',
      });
      await expect(
        api.policyStatus.getPolicyStatus({
          repository: repository(),
          digest: concern.digest,
          entity,
        }),
      ).resolves.toEqual({
        status: 'failed',
        message: expect.stringMatching(/^Rule scan-clean failed: /),
        lifecycle: 'production',
      });
    });

    it('verifies only versions of the repository: a running image or unknown digest is missing, unverified and uncached', async () => {
      // A cluster workload can name any digest of the repository: the container image
      // team/sentiment:runtime, or one the registry does not serve at all.
      const unknown = `sha256:${'ab'.repeat(32)}`;
      const entity = {
        ref: 'modelkit:default/sentiment',
        lifecycle: 'production',
      };
      const referrersBefore = api.registryRequests('main', 'referrers');
      const writesBefore = cachedReportDigests(api.cacheWrites).length;
      for (const [digest, why] of [
        [api.artifacts.image.digest, 'it is '],
        [unknown, 'serves no manifest with that digest'],
      ]) {
        const status = await api.policyStatus.getPolicyStatus({
          repository: repository(),
          digest,
          entity,
        });
        expect(status).toEqual({
          status: 'missing',
          message: expect.stringContaining(
            `${digest} is not a version of this ModelKit: `,
          ),
          lifecycle: 'production',
        });
        expect(status?.message).toContain(why);
      }
      expect(api.registryRequests('main', 'referrers')).toBe(referrersBefore);
      expect(cachedReportDigests(api.cacheWrites).slice(writesBefore)).toEqual(
        [],
      );
    });

    it('evaluates nothing, without a registry request, when no rule applies or no entity is known', async () => {
      const { lab, passing } = api.artifacts;
      const before = api.registryRequests('main');
      await expect(
        api.policyStatus.getPolicyStatus({
          repository: `${api.main.host}/team/lab`,
          digest: lab.digest,
          entity: { ref: 'modelkit:default/lab', lifecycle: 'experimental' },
        }),
      ).resolves.toBeUndefined();
      await expect(
        api.policyStatus.getPolicyStatus({
          repository: repository(),
          digest: passing.digest,
        }),
      ).resolves.toBeUndefined();
      expect(api.registryRequests('main')).toBe(before);
    });

    it('reports a repository no registry serves as missing, with the reason', async () => {
      await expect(
        api.policyStatus.getPolicyStatus({
          repository: 'registry.unconfigured.example/team/model',
          digest: api.artifacts.passing.digest,
          entity: {
            ref: 'modelkit:default/elsewhere',
            lifecycle: 'production',
          },
        }),
      ).resolves.toEqual({
        status: 'missing',
        message: expect.stringContaining(
          'No registry or image layout under kitstage.registries serves "registry.unconfigured.example/team/model"',
        ),
        lifecycle: 'production',
      });
    });
  });
});
