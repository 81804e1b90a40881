import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AttestationVerificationState,
  ModelKitAttestationsResponse,
  ModelKitLatestPolicyStatusResponse,
  ModelKitPolicyStatusResponse,
} from '@kitstage/plugin-modelkit-common';
import request from 'supertest';
import {
  DemoPortalBackend,
  startDemoPortalBackend,
} from '../__testUtils__/startDemoPortalBackend';

// The demo portal's own app-config.yaml, loaded by the real config loader, with the real
// catalog ingesting the demo OCI image layout and the modelkit plugin verifying its
// attestations with the committed demo key: every demo ModelKit version shows the states and
// policy status the demo promises. Relative paths in the config are resolved against the
// working directory, two levels below the repository root here as in packages/backend.

jest.setTimeout(180_000);

const API = '/api/modelkit/modelkits/default';

type Status = 'passed' | 'failed' | 'missing';

/** What each demo version shows: its attestation states (sorted), and its policy. */
const EXPECTED: Record<
  string,
  {
    lifecycle: string;
    versions: Record<
      string,
      {
        states: AttestationVerificationState[];
        policy: Status;
        failedRule?: string;
      }
    >;
  }
> = {
  'support-sentiment': {
    lifecycle: 'production',
    versions: {
      '2.0.0': {
        states: ['invalid-signature', 'unsigned'],
        policy: 'missing',
        failedRule: 'scan-clean',
      },
      '1.1.0': {
        states: ['verified', 'verified', 'verified'],
        policy: 'passed',
      },
      '1.0.0': {
        states: ['verified', 'verified'],
        policy: 'failed',
        failedRule: 'scan-clean',
      },
    },
  },
  'sentiment-base': {
    lifecycle: 'production',
    versions: {
      '2.0.0': { states: ['verified', 'verified'], policy: 'passed' },
      '1.1.0': {
        states: ['untrusted-signer'],
        policy: 'missing',
        failedRule: 'scan-clean',
      },
      '1.0.0': { states: [], policy: 'missing', failedRule: 'scan-clean' },
    },
  },
  'support-tickets': {
    lifecycle: 'production',
    versions: {
      '1.2.0': { states: ['verified'], policy: 'passed' },
      '1.1.0': { states: [], policy: 'missing', failedRule: 'scan-clean' },
      '1.0.0': { states: [], policy: 'missing', failedRule: 'scan-clean' },
    },
  },
  'product-reviews': {
    lifecycle: 'production',
    versions: {
      '2.0.0': { states: ['verified'], policy: 'passed' },
      '1.1.0': { states: [], policy: 'missing', failedRule: 'scan-clean' },
      '1.0.0': { states: [], policy: 'missing', failedRule: 'scan-clean' },
    },
  },
  'review-sentiment': {
    lifecycle: 'experimental',
    versions: {
      '0.3.0': { states: ['verified'], policy: 'passed' },
      '0.2.0': { states: [], policy: 'passed' },
      '0.1.0': { states: [], policy: 'passed' },
    },
  },
  'fraud-detector': {
    lifecycle: 'experimental',
    versions: {
      '1.2.0': { states: ['verified', 'unsigned'], policy: 'passed' },
      '1.1.0': { states: ['subject-mismatch', 'malformed'], policy: 'passed' },
      '1.0.0': { states: [], policy: 'passed' },
    },
  },
};

describe('the demo attestations with the demo portal configuration', () => {
  let demo: DemoPortalBackend;
  const get = (path: string) =>
    request(demo.backend.server)
      .get(path)
      .set('authorization', mockCredentials.user.header('user:default/guest'));

  beforeAll(async () => {
    demo = await startDemoPortalBackend();
    // The entity provider ingests the demo layout after its initial delay.
    const deadline = Date.now() + 120_000;
    for (const name of Object.keys(EXPECTED)) {
      while (
        (await get(`/api/catalog/entities/by-name/modelkit/default/${name}`))
          .status !== 200
      ) {
        if (Date.now() > deadline) {
          throw new Error(`modelkit:default/${name} was never ingested`);
        }
        await new Promise(r => setTimeout(r, 500));
      }
    }
  }, 180_000);

  afterAll(async () => {
    await demo?.stop();
  });

  it.each(Object.entries(EXPECTED))(
    '%s shows the promised states and policy status for every version',
    async (name, expected) => {
      const latest = await get(`${API}/${name}/policy/latest`);
      expect(latest.status).toBe(200);
      const newest = Object.keys(expected.versions)[0];
      expect(latest.body as ModelKitLatestPolicyStatusResponse).toMatchObject({
        repository: `registry.example.com/kitstage-demo/${name}`,
        lifecycle: expected.lifecycle,
        version: { version: newest, tags: ['latest', `v${newest}`] },
        policy: { status: expected.versions[newest].policy },
      });

      const digests: string[] = [];
      for (const [version, want] of Object.entries(expected.versions)) {
        const response = await get(
          `${API}/${name}/versions/v${version}/attestations`,
        );
        expect(response.status).toBe(200);
        const body = response.body as ModelKitAttestationsResponse;
        digests.push(body.digest);
        expect({
          version,
          states: body.report.attestations.map(a => a.state).sort(),
          complete: body.report.complete,
          discoveredVia: [
            ...new Set(body.report.attestations.map(a => a.discoveredVia)),
          ],
          policy: body.policy.status,
          failedRule: body.policy.failedRule,
          applies: body.policy.applies,
        }).toEqual({
          version,
          states: [...want.states].sort(),
          complete: true,
          discoveredVia: want.states.length > 0 ? ['layout'] : [],
          policy: want.policy,
          failedRule: want.failedRule,
          applies: expected.lifecycle === 'production',
        });
        for (const attestation of body.report.attestations) {
          // A trusted, valid signature about another version still names its signer.
          const signedByDemoKey =
            attestation.state === 'verified' ||
            attestation.state === 'subject-mismatch';
          const verified = attestation.state === 'verified';
          expect({
            state: attestation.state,
            signer: attestation.signer?.trustedName,
            verifyCommand: verified
              ? attestation.command?.text.includes(
                  'cosign verify-attestation --key kitstage-demo.pub',
                )
              : 'not offered',
          }).toEqual({
            state: attestation.state,
            signer: signedByDemoKey ? 'kitstage-demo' : undefined,
            verifyCommand: verified ? true : 'not offered',
          });
        }
      }

      // The versions table asks for all of them at once.
      const batch = await get(`${API}/${name}/policy?digests=${digests}`);
      expect(batch.status).toBe(200);
      expect(
        (batch.body as ModelKitPolicyStatusResponse).items.map(i => i.status),
      ).toEqual(Object.values(expected.versions).map(v => v.policy));
    },
  );

  it('tells why support-sentiment 1.0.0 fails and what 1.1.0 was built from', async () => {
    const failed = await get(
      `${API}/support-sentiment/versions/v1.0.0/attestations`,
    );
    expect(failed.body.policy.message).toBe(
      'Rule scan-clean failed: The verified scan evaluation signed by kitstage-demo fails: modelscan reported 1 concern finding (first: Prompt-injection probe succeeded in 4 of 200 attempts)',
    );

    const passed = (
      await get(`${API}/support-sentiment/versions/v1.1.0/attestations`)
    ).body as ModelKitAttestationsResponse;
    const kinds = passed.report.attestations.map(a => a.summary?.kind).sort();
    expect(kinds).toEqual(['sbom', 'scan-evaluation', 'slsa-provenance']);
    const provenance = passed.report.attestations.find(
      a => a.summary?.kind === 'slsa-provenance',
    );
    expect(provenance?.summary).toMatchObject({
      provenance: {
        sourceRepository: 'https://github.com/kitstage/kitstage-demo-models',
        sourceCommit: expect.stringMatching(/^[0-9a-f]{40}$/),
        sourceRef: 'refs/tags/support-sentiment-v1.1.0',
      },
    });
  });

  it('tells a tampered scan from an unsigned one in support-sentiment 2.0.0', async () => {
    const body = (
      await get(`${API}/support-sentiment/versions/v2.0.0/attestations`)
    ).body as ModelKitAttestationsResponse;
    expect(body.report.attestations.map(a => a.reason).sort()).toEqual([
      'the envelope carries no signature',
      'the signature names key "kitstage-demo" but does not verify with trusted key kitstage-demo',
    ]);
  });
});
