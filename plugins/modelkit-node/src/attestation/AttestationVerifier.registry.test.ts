import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  AttestationReport,
  AttestationTypes,
  evaluateAttestationPolicy,
  parseAttestationPolicyConfig,
} from '@kitstage/plugin-modelkit-common';
import { referrersTagFor } from '../registry/digest';
import {
  createRegistryService,
  StandaloneRegistryService,
} from '../registry/RegistryService';
import { OciSource } from '../registry/types';
import {
  buildTestModelKit,
  buildTestReferrer,
  buildTestReferrersIndex,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '../testing';
import {
  createTrustFixture,
  GITHUB_ISSUER,
  RELEASE_IDENTITY,
  scanPredicate,
  scanStatement,
} from './__testUtils__/fixtures';
import { CosignMediaTypes } from './cosignFormats';
import {
  buildAttestationReferrer,
  buildCosignAttestationImage,
  buildCosignSignatureImage,
  buildInTotoStatement,
  buildSimpleSigningPayload,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
} from './testing';

const run = promisify(execFile);
jest.setTimeout(90_000);

const REPOSITORY = 'team/support-sentiment';

describe('AttestationVerifier against docker-registry', () => {
  const { keys, sigstore, verifier } = createTrustFixture();
  const stranger = generateTestSigningKey('ecdsa-p256-sha256');
  let registry: TestRegistry;
  let service: StandaloneRegistryService;
  let source: OciSource;
  let v3: TestArtifact;
  let v2: TestArtifact;
  let report: AttestationReport;

  beforeAll(async () => {
    registry = await startTestRegistry();
    service = createRegistryService({
      config: new ConfigReader({
        kitstage: { registries: [registry.configEntry('test')] },
      }),
      logger: mockServices.rootLogger({ level: 'none' }),
    });
    source = service.getSource('test');
    const kitfile = (version: string) => ({
      package: { name: 'support-sentiment', version },
      model: { name: 'support-sentiment', path: 'model.safetensors' },
    });
    v3 = await buildTestModelKit({ kitfile: kitfile('3.0.0') });
    v2 = await buildTestModelKit({ kitfile: kitfile('2.0.0') });
    await registry.pusher.push(REPOSITORY, v3, ['v3']);
    await registry.pusher.push(REPOSITORY, v2, ['v2']);
    const digest = v3.digest;

    // cosign's tag scheme: sha256-<hex>.att with one DSSE layer per attestation.
    const provenance = sigstore.attest({
      statement: buildInTotoStatement({
        digests: [digest],
        predicateType: AttestationTypes.slsaProvenanceV1,
        predicate: {
          buildDefinition: {
            buildType: 'https://actions.github.io/buildtypes/workflow/v1',
            externalParameters: {
              workflow: {
                repository: 'https://github.com/acme/support-sentiment',
                ref: 'refs/heads/main',
              },
            },
            resolvedDependencies: [
              {
                uri: 'git+https://github.com/acme/support-sentiment@refs/heads/main',
                digest: {
                  gitCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c',
                },
              },
            ],
          },
          runDetails: {
            builder: { id: 'https://github.com/actions/runner/github-hosted' },
          },
        },
      }),
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const att = buildCosignAttestationImage([
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(digest),
          signers: [{ key: keys.ecdsa }],
        }),
        annotations: { predicateType: AttestationTypes.scanEvaluationV1 },
      },
      { envelope: provenance.envelope, annotations: provenance.annotations },
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(digest),
          signers: [{ key: stranger }],
        }),
      },
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(digest),
          signers: [{ key: stranger, keyid: 'ci-1' }],
        }),
      },
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(v2.digest),
          signers: [{ key: keys.ecdsa }],
        }),
      },
      {
        envelope: signDsseEnvelope({
          payload: scanStatement(digest),
          signers: [],
        }),
      },
      { envelope: '{"payloadType": "application/vnd.in-toto+json"' },
    ]);
    await registry.pusher.push(REPOSITORY, att, [cosignTagFor(digest, 'att')]);

    // sha256-<hex>.sig: a simple-signing signature.
    const payload = buildSimpleSigningPayload({
      reference: `${registry.host}/${REPOSITORY}`,
      digest,
    });
    await registry.pusher.push(
      REPOSITORY,
      buildCosignSignatureImage([
        { payload, signature: keys.ed25519.sign(payload).toString('base64') },
      ]),
      [cosignTagFor(digest, 'sig')],
    );

    // OCI 1.1 referrers, found through the referrers tag schema (distribution 2.8 has no API).
    const bundle = sigstore.bundle({
      statement: buildInTotoStatement({
        digests: [digest],
        predicateType: AttestationTypes.vulnsV02,
        predicate: {
          scanner: {
            uri: 'pkg:github/aquasecurity/trivy',
            version: '0.49.1',
            result: [],
          },
        },
      }),
      identity: RELEASE_IDENTITY,
      issuer: GITHUB_ISSUER,
    });
    const bundleReferrer = buildAttestationReferrer({
      subject: v3.descriptor,
      artifactType: CosignMediaTypes.sigstoreBundleV03,
      layers: [
        {
          content: JSON.stringify(bundle),
          mediaType: CosignMediaTypes.sigstoreBundleV03,
        },
      ],
      annotations: {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'org.opencontainers.image.created': '2026-03-01T10:06:00Z',
      },
    });
    const inTotoReferrer = buildAttestationReferrer({
      subject: v3.descriptor,
      artifactType: CosignMediaTypes.inTotoArtifact,
      layers: [
        {
          content: JSON.stringify(
            signDsseEnvelope({
              payload: buildInTotoStatement({
                digests: [digest],
                predicateType: 'https://cyclonedx.org/bom/v1.5',
                predicate: {
                  bomFormat: 'CycloneDX',
                  specVersion: '1.5',
                  components: [
                    {
                      name: 'torch',
                      licenses: [{ license: { id: 'BSD-3-Clause' } }],
                    },
                  ],
                },
              }),
              signers: [{ key: keys.rsaPss }],
            }),
          ),
          mediaType: CosignMediaTypes.dsseEnvelope,
        },
      ],
    });
    const sbomFile = buildTestReferrer({
      subject: v3.descriptor,
      artifactType: 'application/spdx+json',
      payload: '{"spdxVersion":"SPDX-2.3"}',
      payloadMediaType: 'application/spdx+json',
    });
    for (const referrer of [bundleReferrer, inTotoReferrer, sbomFile]) {
      await registry.pusher.push(REPOSITORY, referrer);
    }
    await registry.pusher.push(
      REPOSITORY,
      buildTestReferrersIndex([bundleReferrer, inTotoReferrer, sbomFile]),
      [referrersTagFor(digest)],
    );

    report = await verifier.verify({ source, repository: REPOSITORY, digest });
  });

  afterAll(async () => {
    await service?.close();
    await registry?.stop();
  });

  it('finds referrers first, then the cosign .att and .sig tags, in order', () => {
    expect(
      report.attestations.map(a => [a.discoveredVia, a.location.tag, a.kind]),
    ).toEqual([
      ['tag-schema', undefined, 'attestation'],
      ['tag-schema', undefined, 'attestation'],
      ...Array.from({ length: 7 }, () => [
        'cosign-tag',
        cosignTagFor(v3.digest, 'att'),
        'attestation',
      ]),
      ['cosign-tag', cosignTagFor(v3.digest, 'sig'), 'signature'],
    ]);
    expect(report.discovery).toEqual({ referrers: 'tag-schema', errors: [] });
    expect(report.otherReferrers).toEqual([
      expect.objectContaining({ artifactType: 'application/spdx+json' }),
    ]);
    expect(report.subject).toEqual({
      source: 'test',
      repository: `${registry.host}/${REPOSITORY}`,
      digest: v3.digest,
    });
  });

  it('ends each attestation in exactly one state, with its reason', () => {
    expect(report.attestations.map(a => [a.state, a.reason])).toEqual([
      [
        'verified',
        `signed by trusted identity release-workflow: ${RELEASE_IDENTITY} (issuer ${GITHUB_ISSUER}), in the transparency log; the statement names this version`,
      ],
      [
        'verified',
        'signed by trusted key pss-rsa (rsa-pss-sha256); the statement names this version',
      ],
      [
        'verified',
        'signed by trusted key release-ci (ecdsa-p256-sha256); the statement names this version',
      ],
      [
        'verified',
        expect.stringContaining('signed by trusted identity release-workflow'),
      ],
      [
        'untrusted-signer',
        expect.stringMatching(/^no trusted key \(release-ci/),
      ],
      [
        'invalid-signature',
        'the signature names key "ci-1" but does not verify with trusted key release-ci',
      ],
      [
        'subject-mismatch',
        `the statement is about ${v2.digest}, not this version (${v3.digest})`,
      ],
      ['unsigned', 'the envelope carries no signature'],
      ['malformed', 'the DSSE envelope is not JSON'],
      [
        'verified',
        'signed by trusted key scanner (ed25519); the signature names this version',
      ],
    ]);
    expect(report.counts).toEqual({
      verified: 5,
      'untrusted-signer': 1,
      'invalid-signature': 1,
      'subject-mismatch': 1,
      unsigned: 1,
      malformed: 1,
      'not-checked': 0,
    });
    expect(report.complete).toBe(true);
    expect(report.limits).toMatchObject({ maxAttestations: 100, omitted: 0 });
    expect(report.limits.bytesRead).toBeGreaterThan(0);
  });

  it('summarises predicates for people and feeds lineage from provenance', () => {
    const byType = (type: string) =>
      report.attestations.find(a => a.predicateType === type)!;
    expect(byType(AttestationTypes.vulnsV02).summary).toMatchObject({
      kind: 'vulnerabilities',
      vulnerabilities: { total: 0, resultsRead: true },
    });
    expect(byType('https://cyclonedx.org/bom/v1.5').summary).toMatchObject({
      kind: 'sbom',
      sbom: { format: 'cyclonedx', packageCount: 1 },
    });
    expect(byType(AttestationTypes.slsaProvenanceV1).summary).toMatchObject({
      kind: 'slsa-provenance',
      provenance: {
        sourceRepository: 'https://github.com/acme/support-sentiment',
        sourceCommit: '7f3c9a1e2b4d6f8091a2b3c4d5e6f708192a3b4c',
        builderId: 'https://github.com/actions/runner/github-hosted',
      },
    });
    expect(report.attestations[0].createdAt).toBe('2026-03-01T10:06:00Z');
    expect(report.attestations[3].createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('gives trusted attestations a cosign command built from parsed values', () => {
    const image = `${registry.host}/${REPOSITORY}@${v3.digest}`;
    expect(report.attestations[2].command?.text).toBe(
      `cosign verify-attestation --key release-ci.pub --type https://kitstage.dev/attestation/scan-evaluation/v1 --insecure-ignore-tlog=true --new-bundle-format=false ${image}`,
    );
    expect(report.attestations[0].command?.argv).toEqual([
      'cosign',
      'verify-attestation',
      '--certificate-identity',
      RELEASE_IDENTITY,
      '--certificate-oidc-issuer',
      GITHUB_ISSUER,
      '--trusted-root',
      'trusted_root.json',
      '--type',
      AttestationTypes.vulnsV02,
      image,
    ]);
    expect(report.attestations[9].command?.argv.slice(0, 4)).toEqual([
      'cosign',
      'verify',
      '--key',
      'scanner.pub',
    ]);
    expect(report.attestations[4].command).toBeUndefined();
    // A signature that claims a trusted key but does not check names no trusted signer.
    expect(report.attestations[5].command).toBeUndefined();
    expect(report.attestations[5].signer).toEqual({
      type: 'public-key',
      keyId: 'ci-1',
      algorithm: 'ecdsa-p256-sha256',
      fingerprint: expect.stringMatching(/^[a-f0-9]{64}$/),
    });
  });

  it('agrees with skopeo on where cosign stores attestations', async () => {
    const { stdout } = await run('skopeo', [
      'inspect',
      '--raw',
      '--tls-verify=false',
      `docker://${registry.host}/${REPOSITORY}:${cosignTagFor(
        v3.digest,
        'att',
      )}`,
    ]);
    const manifest = JSON.parse(stdout);
    expect(manifest.layers).toHaveLength(7);
    expect(report.attestations[2].location.manifestDigest).toBe(
      `sha256:${createHash('sha256').update(stdout).digest('hex')}`,
    );
  });

  it('evaluates the production policy on the verified evidence only', () => {
    const policies = parseAttestationPolicyConfig({
      lifecycles: {
        production: {
          rules: [
            {
              id: 'scan-clean',
              require: 'scan-evaluation',
              signers: ['release-ci'],
            },
            {
              id: 'provenance',
              require: 'slsa-provenance',
              sourceRepositories: ['https://github.com/acme/support-sentiment'],
            },
          ],
        },
      },
    });
    expect(
      evaluateAttestationPolicy({
        attestations: report.attestations,
        lifecycle: 'production',
        policies,
        complete: report.complete,
      }),
    ).toMatchObject({ status: 'passed', applies: true });
  });

  it('reports a version without attestations as empty and complete', async () => {
    const empty = await verifier.verify({
      source,
      repository: REPOSITORY,
      digest: v2.digest,
    });
    expect(empty.attestations).toEqual([]);
    expect(empty.complete).toBe(true);
    expect(empty.discovery).toEqual({ referrers: 'tag-schema', errors: [] });
  });

  it('refuses tags: attestations bind to digests', async () => {
    await expect(
      verifier.verify({ source, repository: REPOSITORY, digest: 'v3' }),
    ).rejects.toThrow(
      '"v3" is not a manifest digest (sha256:<64 hex>); attestations are verified against digests, not tags',
    );
  });

  it('ignores a referrer listed for another subject in the tag-schema index', async () => {
    const foreign = buildAttestationReferrer({
      subject: v3.descriptor,
      artifactType: CosignMediaTypes.inTotoArtifact,
      layers: [
        {
          content: JSON.stringify(
            signDsseEnvelope({
              payload: buildInTotoStatement({
                digests: [v2.digest],
                predicateType: AttestationTypes.scanEvaluationV1,
                predicate: scanPredicate(v2.digest),
              }),
              signers: [{ key: keys.ecdsa }],
            }),
          ),
          mediaType: CosignMediaTypes.dsseEnvelope,
        },
      ],
    });
    const v1 = await buildTestModelKit({
      kitfile: { package: { name: 'support-sentiment', version: '1.0.0' } },
    });
    await registry.pusher.push(REPOSITORY, v1, ['v1']);
    await registry.pusher.push(REPOSITORY, foreign);
    // Someone lists v3's referrer under v1's referrers tag.
    await registry.pusher.push(REPOSITORY, buildTestReferrersIndex([foreign]), [
      referrersTagFor(v1.digest),
    ]);
    const listed = await verifier.verify({
      source,
      repository: REPOSITORY,
      digest: v1.digest,
    });
    expect(listed.attestations).toEqual([]);
    expect(listed.discovery.errors).toEqual([
      {
        where: `referrer ${foreign.digest}`,
        message: `the referrer's subject is ${v3.digest}, not ${v1.digest}; it was ignored`,
      },
    ]);
    expect(listed.complete).toBe(false);
  });
});
