import { createHash } from 'node:crypto';
import { AttestationTypes } from '@kitstage/plugin-modelkit-common';
import { OciMediaTypes } from '../../registry/manifest';
import { OciDescriptor } from '../../registry/types';
import { buildTestManifest, TestArtifact } from '../../testing/testArtifacts';
import { CosignMediaTypes } from '../cosignFormats';
import { preAuthEncoding } from '../dsseEnvelope';

/**
 * A DSSE envelope as JSON.
 *
 * @public
 */
export interface TestDsseEnvelope {
  /** The media type of the payload, e.g. `application/vnd.in-toto+json`. */
  payloadType: string;
  /** The payload, base64-encoded. */
  payload: string;
  /** The signatures over the DSSE pre-authentication encoding, each base64 with an optional key ID. */
  signatures: Array<{ keyid?: string; sig: string }>;
}

/**
 * Builds an in-toto Statement about one or more digests.
 *
 * @public
 */
export function buildInTotoStatement(options: {
  /** Subject digests (`sha256:…`). */
  digests: string[];
  predicateType: string;
  predicate?: Record<string, unknown>;
  /** `v1` (default) or the older `v0.1` statement type. */
  statementVersion?: 'v1' | 'v0.1';
  name?: string;
}): Record<string, unknown> {
  return {
    _type:
      options.statementVersion === 'v0.1'
        ? AttestationTypes.statementV01
        : AttestationTypes.statementV1,
    subject: options.digests.map(digest => {
      const [algorithm, hex] = digest.split(':');
      return {
        name: options.name ?? 'modelkit',
        digest: { [algorithm]: hex },
      };
    }),
    predicateType: options.predicateType,
    predicate: options.predicate ?? {},
  };
}

/**
 * Signs a payload into a DSSE envelope. Each signer signs the pre-authentication encoding,
 * unless `over: 'payload'` makes it sign the bare payload (a broken signer, for tests).
 *
 * @public
 */
export function signDsseEnvelope(options: {
  payload: Buffer | string | Record<string, unknown>;
  payloadType?: string;
  signers: Array<{
    key: { sign(data: Buffer): Buffer };
    keyid?: string;
    over?: 'pae' | 'payload';
  }>;
}): TestDsseEnvelope {
  const payloadType = options.payloadType ?? AttestationTypes.inTotoPayloadType;
  const payload = Buffer.isBuffer(options.payload)
    ? options.payload
    : Buffer.from(
        typeof options.payload === 'string'
          ? options.payload
          : JSON.stringify(options.payload),
      );
  const pae = preAuthEncoding(payloadType, payload);
  return {
    payloadType,
    payload: payload.toString('base64'),
    signatures: options.signers.map(signer => ({
      keyid: signer.keyid ?? '',
      sig: signer.key
        .sign(signer.over === 'payload' ? payload : pae)
        .toString('base64'),
    })),
  };
}

function sha256(data: Buffer | string) {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function imageWithLayers(
  layers: Array<{
    content: Buffer;
    mediaType: string;
    annotations?: Record<string, string>;
  }>,
  extra: Record<string, unknown>,
  config: { content: Buffer; mediaType: string; data?: boolean },
): TestArtifact {
  return buildTestManifest(
    {
      schemaVersion: 2,
      mediaType: OciMediaTypes.imageManifest,
      ...(extra.artifactType ? { artifactType: extra.artifactType } : {}),
      config: {
        mediaType: config.mediaType,
        digest: sha256(config.content),
        size: config.content.byteLength,
        ...(config.data ? { data: config.content.toString('base64') } : {}),
      },
      layers: layers.map(layer => ({
        mediaType: layer.mediaType,
        digest: sha256(layer.content),
        size: layer.content.byteLength,
        ...(layer.annotations ? { annotations: layer.annotations } : {}),
      })),
      ...(extra.subject ? { subject: extra.subject } : {}),
      ...(extra.annotations ? { annotations: extra.annotations } : {}),
    },
    OciMediaTypes.imageManifest,
    [config.content, ...layers.map(layer => layer.content)],
  );
}

function cosignConfig(layers: Buffer[]): Buffer {
  return Buffer.from(
    JSON.stringify({
      architecture: '',
      created: '0001-01-01T00:00:00Z',
      history: [{ created: '0001-01-01T00:00:00Z' }],
      os: '',
      rootfs: {
        type: 'layers',
        diff_ids: layers.map(layer => sha256(layer)),
      },
      config: {},
    }),
  );
}

/**
 * The cosign tag of a digest: `sha256-<hex>.att` or `sha256-<hex>.sig`.
 *
 * @public
 */
export function cosignTagFor(digest: string, suffix: 'att' | 'sig'): string {
  return `${digest.replace(':', '-')}.${suffix}`;
}

/**
 * Builds the image cosign pushes under `sha256-<hex>.att`: one DSSE envelope layer per
 * attestation, with the (empty) signature annotation, the predicate type and any certificate
 * and Rekor bundle annotations.
 *
 * @public
 */
export function buildCosignAttestationImage(
  layers: Array<{
    envelope: TestDsseEnvelope | string | Buffer;
    annotations?: Record<string, string>;
  }>,
): TestArtifact {
  const contents = layers.map(layer =>
    Buffer.isBuffer(layer.envelope)
      ? layer.envelope
      : Buffer.from(
          typeof layer.envelope === 'string'
            ? layer.envelope
            : JSON.stringify(layer.envelope),
        ),
  );
  return imageWithLayers(
    layers.map((layer, index) => ({
      content: contents[index],
      mediaType: CosignMediaTypes.dsseEnvelope,
      annotations: {
        [CosignMediaTypes.signatureAnnotation]: '',
        ...layer.annotations,
      },
    })),
    {},
    { content: cosignConfig(contents), mediaType: OciMediaTypes.imageConfig },
  );
}

/**
 * Builds a cosign simple-signing payload for an image digest.
 *
 * @public
 */
export function buildSimpleSigningPayload(options: {
  reference: string;
  digest: string;
}): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': options.reference },
        image: { 'docker-manifest-digest': options.digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/**
 * Builds the image cosign pushes under `sha256-<hex>.sig`: simple-signing payload layers with
 * their base64 signature in the `dev.cosignproject.cosign/signature` annotation.
 *
 * @public
 */
export function buildCosignSignatureImage(
  layers: Array<{
    payload: Buffer;
    signature: string;
    annotations?: Record<string, string>;
  }>,
): TestArtifact {
  return imageWithLayers(
    layers.map(layer => ({
      content: layer.payload,
      mediaType: CosignMediaTypes.simpleSigning,
      annotations: {
        [CosignMediaTypes.signatureAnnotation]: layer.signature,
        ...layer.annotations,
      },
    })),
    {},
    {
      content: cosignConfig(layers.map(layer => layer.payload)),
      mediaType: OciMediaTypes.imageConfig,
    },
  );
}

/**
 * Builds an OCI 1.1 referrer holding attestation layers: a Sigstore bundle
 * (`artifactType: application/vnd.dev.sigstore.bundle.v0.3+json`) or DSSE envelopes
 * (`application/vnd.in-toto+json`, as cosign writes attestation referrers).
 *
 * @public
 */
export function buildAttestationReferrer(options: {
  subject: OciDescriptor;
  artifactType: string;
  layers: Array<{
    content: Buffer | string;
    mediaType: string;
    annotations?: Record<string, string>;
  }>;
  annotations?: Record<string, string>;
}): TestArtifact {
  const empty = Buffer.from('{}');
  return imageWithLayers(
    options.layers.map(layer => ({
      ...layer,
      content: Buffer.from(layer.content),
    })),
    {
      artifactType: options.artifactType,
      subject: {
        mediaType: options.subject.mediaType,
        digest: options.subject.digest,
        size: options.subject.size,
      },
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    { content: empty, mediaType: OciMediaTypes.emptyJson, data: true },
  );
}
