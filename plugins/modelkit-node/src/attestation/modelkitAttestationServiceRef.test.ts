import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  buildTestModelKit,
  startTestRegistry,
  TestArtifact,
  TestRegistry,
} from '../testing';
import { scanStatement } from './__testUtils__/fixtures';
import {
  AttestationService,
  modelkitAttestationServiceRef,
} from './modelkitAttestationServiceRef';
import {
  buildCosignAttestationImage,
  cosignTagFor,
  generateTestSigningKey,
  signDsseEnvelope,
} from './testing';

jest.setTimeout(60_000);

describe('modelkitAttestationServiceRef', () => {
  const key = generateTestSigningKey('ed25519');
  let registry: TestRegistry;
  let modelKit: TestArtifact;

  beforeAll(async () => {
    registry = await startTestRegistry();
    modelKit = await buildTestModelKit({
      kitfile: { package: { name: 'ranker' }, model: { path: 'model.onnx' } },
    });
    await registry.pusher.push('team/ranker', modelKit, ['v1']);
    await registry.pusher.push(
      'team/ranker',
      buildCosignAttestationImage([
        {
          envelope: signDsseEnvelope({
            payload: scanStatement(modelKit.digest),
            signers: [{ key }],
          }),
        },
      ]),
      [cosignTagFor(modelKit.digest, 'att')],
    );
  });

  afterAll(async () => {
    await registry?.stop();
  });

  async function start(config: JsonObject) {
    let service: AttestationService | undefined;
    const backend = await startTestBackend({
      features: [
        createBackendPlugin({
          pluginId: 'modelkit',
          register(env) {
            env.registerInit({
              deps: { attestations: modelkitAttestationServiceRef },
              async init({ attestations }) {
                service = attestations;
              },
            });
          },
        }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    });
    return { backend, service: service! };
  }

  it('verifies a version by repository reference and evaluates the lifecycle policy', async () => {
    const { backend, service } = await start({
      kitstage: {
        registries: [registry.configEntry('internal')],
        attestations: {
          keys: [{ name: 'scanner', publicKey: key.publicKeyPem }],
        },
        policies: {
          lifecycles: {
            production: {
              rules: [
                {
                  id: 'scan-clean',
                  require: 'scan-evaluation',
                  signers: ['scanner'],
                },
              ],
            },
          },
        },
      },
    });
    try {
      const report = await service.verifyVersion({
        repository: `${registry.host}/team/ranker`,
        digest: modelKit.digest,
      });
      expect(report.counts.verified).toBe(1);
      expect(report.subject.source).toBe('internal');
      expect(service.evaluatePolicy(report, 'production')).toMatchObject({
        status: 'passed',
        applies: true,
      });
      expect(service.evaluatePolicy(report, 'experimental')).toMatchObject({
        status: 'passed',
        applies: false,
      });
      expect(service.getTrustedSigners().keys).toEqual([
        expect.objectContaining({ name: 'scanner', algorithm: 'ed25519' }),
      ]);
      expect(service.getPolicies().lifecycles.production.rules).toHaveLength(1);

      await expect(
        service.verifyVersion({
          repository: 'elsewhere.example.com/team/ranker',
          digest: modelKit.digest,
        }),
      ).rejects.toMatchObject({
        name: 'NotFoundError',
        message:
          'No registry or image layout under kitstage.registries serves "elsewhere.example.com/team/ranker"',
      });
      await expect(
        service.verifyVersion({
          repository: `${registry.host}/Team/Ranker`,
          digest: modelKit.digest,
        }),
      ).rejects.toMatchObject({ name: 'InputError' });
    } finally {
      await backend.stop();
    }
  });

  it('fails the backend start on an invalid trusted key, naming the config key', async () => {
    await expect(
      start({
        kitstage: {
          registries: [registry.configEntry('internal')],
          attestations: { keys: [{ name: 'scanner', publicKey: 'oops' }] },
        },
      }),
    ).rejects.toThrow(
      'kitstage.attestations.keys[0].publicKey: is not a PEM public key',
    );
  });
});
