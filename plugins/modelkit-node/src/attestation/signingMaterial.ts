import type { Bundle, TransparencyLogEntry } from '@sigstore/bundle';
import { CosignMediaTypes, rekorBundleToTlogEntry } from './cosignFormats';
import { decodeBase64Strict } from './dsseEnvelope';

/**
 * What a signature is checked with, besides a trusted key: the signing certificate, the
 * transparency-log entries and timestamps, and the key hint of the signature.
 *
 * @internal
 */
export interface SigningMaterial {
  /** The DER signing certificate, for a keyless signature. */
  certificate?: Buffer;
  /** The transparency-log entries that record the signature. */
  tlogEntries: TransparencyLogEntry[];
  /** The signed timestamps of a Sigstore bundle. */
  timestampVerificationData?: Bundle['verificationMaterial']['timestampVerificationData'];
  /** The key hint of a bundle's public key, or empty. */
  keyHint: string;
}

const PEM_CERTIFICATE =
  /^\s*-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END CERTIFICATE-----/;

/** Reads the first PEM certificate, refusing base64 that is not the canonical encoding. */
function pemToDerStrict(text: string): Buffer | undefined {
  const match = PEM_CERTIFICATE.exec(text);
  return match ? decodeBase64Strict(match[1].replace(/\r?\n/g, '')) : undefined;
}

/**
 * The signing material of a cosign layer, from its certificate and Rekor bundle annotations.
 *
 * @internal
 */
export function cosignMaterial(
  annotations: Record<string, string> | undefined,
): { ok: true; material: SigningMaterial } | { ok: false; reason: string } {
  const certificatePem = annotations?.[CosignMediaTypes.certificateAnnotation];
  let certificate: Buffer | undefined;
  if (certificatePem) {
    try {
      certificate = pemToDerStrict(certificatePem);
    } catch {
      certificate = undefined;
    }
    if (!certificate || certificate.length === 0) {
      return {
        ok: false,
        reason: `the ${CosignMediaTypes.certificateAnnotation} annotation is not a PEM certificate`,
      };
    }
  }
  const tlogEntries: TransparencyLogEntry[] = [];
  const rekorBundle = annotations?.[CosignMediaTypes.bundleAnnotation];
  if (rekorBundle) {
    const entry = rekorBundleToTlogEntry(rekorBundle);
    if (!entry.ok) {
      return { ok: false, reason: entry.reason };
    }
    tlogEntries.push(entry.entry);
  }
  return {
    ok: true,
    material: certificate
      ? { certificate, tlogEntries, keyHint: '' }
      : { tlogEntries, keyHint: '' },
  };
}

/**
 * The signing material of a Sigstore bundle.
 *
 * @internal
 */
export function bundleMaterial(bundle: Bundle): SigningMaterial {
  const content = bundle.verificationMaterial.content;
  let certificate: Buffer | undefined;
  let keyHint = '';
  if (content.$case === 'certificate') {
    certificate = Buffer.from(content.certificate.rawBytes);
  } else if (content.$case === 'x509CertificateChain') {
    certificate = Buffer.from(
      content.x509CertificateChain.certificates[0].rawBytes,
    );
  } else {
    keyHint = content.publicKey.hint ?? '';
  }
  return {
    ...(certificate ? { certificate } : {}),
    tlogEntries: bundle.verificationMaterial.tlogEntries,
    timestampVerificationData:
      bundle.verificationMaterial.timestampVerificationData,
    keyHint,
  };
}
