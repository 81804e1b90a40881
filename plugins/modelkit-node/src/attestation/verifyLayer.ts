import { TrustContext } from './checkSignature';
import {
  CosignMediaTypes,
  isSigstoreBundleMediaType,
  parseSimpleSigning,
} from './cosignFormats';
import {
  decodeBase64Strict,
  dsseEnvelopeOf,
  parseDsseEnvelope,
} from './dsseEnvelope';
import { AttestationLayerResult, malformedLayer } from './layerResult';
import { bundleMaterial, cosignMaterial } from './signingMaterial';
import { parseSigstoreBundle } from './sigstoreBundle';
import { verifyEnvelope } from './verifyEnvelope';
import { verifyMessage } from './verifyMessage';

/**
 * One attestation or signature layer to verify.
 *
 * @public
 */
export interface AttestationLayer {
  /** The layer bytes: a DSSE envelope, a Sigstore bundle or a simple-signing payload. */
  content: Buffer;
  /** The layer media type; decides how `content` is read. */
  mediaType: string;
  /** The layer annotations (cosign keeps signatures, certificates and Rekor entries there). */
  annotations?: Record<string, string>;
}

/**
 * Verifies one attestation or signature layer against a manifest digest: reads it by its
 * media type (DSSE envelope, Sigstore bundle, cosign simple signing), checks every signature
 * and, for a trusted one, the payload type, statement and subject. Ends in exactly one state.
 *
 * @param loadSubjectManifest - Reads the raw subject manifest; only needed for Sigstore
 *   message-signature bundles, whose signature covers the manifest itself.
 * @internal
 */
export async function verifyLayer(
  layer: AttestationLayer,
  subjectDigest: string,
  context: TrustContext,
  loadSubjectManifest?: () => Promise<Buffer>,
): Promise<AttestationLayerResult> {
  // DSSE envelopes first: the most common layers, told apart by one comparison.
  if (layer.mediaType === CosignMediaTypes.dsseEnvelope) {
    let json: unknown;
    try {
      json = JSON.parse(layer.content.toString('utf8'));
    } catch {
      return malformedLayer(
        'dsse-envelope',
        'attestation',
        'the DSSE envelope is not JSON',
      );
    }
    const parsed = parseDsseEnvelope(json);
    if (!parsed.ok) {
      return malformedLayer('dsse-envelope', 'attestation', parsed.reason);
    }
    const material = cosignMaterial(layer.annotations);
    if (!material.ok) {
      return malformedLayer('dsse-envelope', 'attestation', material.reason);
    }
    return verifyEnvelope(
      parsed.envelope,
      material.material,
      'dsse-envelope',
      subjectDigest,
      context,
    );
  }

  if (isSigstoreBundleMediaType(layer.mediaType)) {
    const parsed = parseSigstoreBundle(layer.content);
    if (!parsed.ok) {
      return malformedLayer('sigstore-bundle', 'attestation', parsed.reason);
    }
    const bundle = parsed.bundle;
    const material = bundleMaterial(bundle);
    if (bundle.content.$case === 'dsseEnvelope') {
      const envelope = bundle.content.dsseEnvelope;
      return verifyEnvelope(
        dsseEnvelopeOf(
          envelope.payloadType,
          envelope.payload,
          envelope.signatures.map(s => ({
            keyid: s.keyid,
            sig: Buffer.from(s.sig),
          })),
        ),
        material,
        'sigstore-bundle',
        subjectDigest,
        context,
      );
    }
    const messageSignature = bundle.content.messageSignature;
    if (!loadSubjectManifest) {
      return malformedLayer(
        'sigstore-bundle',
        'signature',
        'a message-signature bundle needs the subject manifest, which was not given',
      );
    }
    const message = await loadSubjectManifest();
    return verifyMessage({
      signature: Buffer.from(messageSignature.signature),
      message,
      material,
      format: 'sigstore-bundle',
      subjectDigest,
      context,
      describeSubject: () => {
        const digest = messageSignature.messageDigest;
        return digest.algorithm === 1 && digest.digest.length === 32
          ? {
              ok: true,
              digest: `sha256:${Buffer.from(digest.digest).toString('hex')}`,
            }
          : {
              ok: false,
              reason: 'the bundle message digest is not a SHA-256 digest',
            };
      },
    });
  }

  if (layer.mediaType === CosignMediaTypes.simpleSigning) {
    const material = cosignMaterial(layer.annotations);
    if (!material.ok) {
      return malformedLayer(
        'cosign-simple-signing',
        'signature',
        material.reason,
      );
    }
    const encoded = layer.annotations?.[CosignMediaTypes.signatureAnnotation];
    const signature = encoded ? decodeBase64Strict(encoded) : Buffer.alloc(0);
    if (!signature) {
      return malformedLayer(
        'cosign-simple-signing',
        'signature',
        `the ${CosignMediaTypes.signatureAnnotation} annotation is not valid base64`,
      );
    }
    return verifyMessage({
      signature,
      message: layer.content,
      material: material.material,
      format: 'cosign-simple-signing',
      subjectDigest,
      context,
      describeSubject: () => parseSimpleSigning(layer.content),
    });
  }

  return malformedLayer(
    'dsse-envelope',
    'attestation',
    `the layer media type ${JSON.stringify(
      layer.mediaType.slice(0, 200),
    )} is not a DSSE envelope, Sigstore bundle or cosign signature`,
  );
}
