import { Bundle, bundleFromJSON } from '@sigstore/bundle';
import { isCanonicalBase64 } from './dsseEnvelope';

function field(json: unknown, ...path: string[]): unknown {
  let value = json;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) {
      return undefined;
    }
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

const CHECKPOINT_SIGNATURE = /^\u2014 (\S+) (\S+)$/;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * Finds a bytes field that is not canonical base64. The protobuf JSON reader decodes base64
 * leniently; refusing other spellings of the same bytes keeps a changed bundle from reading
 * as the original.
 */
function strictBase64Problem(json: unknown): string | undefined {
  const checks: Array<[unknown, string]> = [
    [field(json, 'dsseEnvelope', 'payload'), 'dsseEnvelope.payload'],
    [
      field(json, 'messageSignature', 'signature'),
      'messageSignature.signature',
    ],
    [
      field(json, 'messageSignature', 'messageDigest', 'digest'),
      'messageSignature.messageDigest.digest',
    ],
    [
      field(json, 'verificationMaterial', 'certificate', 'rawBytes'),
      'verificationMaterial.certificate.rawBytes',
    ],
  ];
  list(field(json, 'dsseEnvelope', 'signatures')).forEach((signature, i) =>
    checks.push([field(signature, 'sig'), `dsseEnvelope.signatures[${i}].sig`]),
  );
  list(
    field(json, 'verificationMaterial', 'x509CertificateChain', 'certificates'),
  ).forEach((certificate, i) =>
    checks.push([
      field(certificate, 'rawBytes'),
      `verificationMaterial.x509CertificateChain.certificates[${i}].rawBytes`,
    ]),
  );
  list(
    field(
      json,
      'verificationMaterial',
      'timestampVerificationData',
      'rfc3161Timestamps',
    ),
  ).forEach((timestamp, i) =>
    checks.push([
      field(timestamp, 'signedTimestamp'),
      `verificationMaterial.timestampVerificationData.rfc3161Timestamps[${i}].signedTimestamp`,
    ]),
  );
  const entries = list(field(json, 'verificationMaterial', 'tlogEntries'));
  entries.forEach((entry, i) => {
    const at = `verificationMaterial.tlogEntries[${i}]`;
    checks.push(
      [field(entry, 'logId', 'keyId'), `${at}.logId.keyId`],
      [field(entry, 'canonicalizedBody'), `${at}.canonicalizedBody`],
      [
        field(entry, 'inclusionPromise', 'signedEntryTimestamp'),
        `${at}.inclusionPromise.signedEntryTimestamp`,
      ],
      [
        field(entry, 'inclusionProof', 'rootHash'),
        `${at}.inclusionProof.rootHash`,
      ],
    );
    list(field(entry, 'inclusionProof', 'hashes')).forEach((hash, h) =>
      checks.push([hash, `${at}.inclusionProof.hashes[${h}]`]),
    );
    const checkpoint = field(entry, 'inclusionProof', 'checkpoint', 'envelope');
    if (typeof checkpoint === 'string') {
      const separator = checkpoint.indexOf('\n\n');
      checkpoint
        .slice(separator < 0 ? checkpoint.length : separator + 2)
        .split('\n')
        .forEach(line => {
          const match = CHECKPOINT_SIGNATURE.exec(line);
          if (match) {
            checks.push([
              match[2],
              `${at}.inclusionProof.checkpoint signature`,
            ]);
          }
        });
    }
  });
  for (const [value, path] of checks) {
    if (
      value !== undefined &&
      (typeof value !== 'string' || !isCanonicalBase64(value))
    ) {
      return `${path} is not valid base64`;
    }
  }
  return undefined;
}

/**
 * Parses a Sigstore bundle (v0.1, v0.2 or v0.3) and checks the fields its version requires.
 * Never throws.
 *
 * @internal
 */
export function parseSigstoreBundle(
  content: Buffer,
): { ok: true; bundle: Bundle } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch {
    return { ok: false, reason: 'the Sigstore bundle is not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { ok: false, reason: 'the Sigstore bundle is not a JSON object' };
  }
  const base64 = strictBase64Problem(json);
  if (base64) {
    return { ok: false, reason: `the Sigstore bundle is invalid: ${base64}` };
  }
  try {
    return { ok: true, bundle: bundleFromJSON(json) };
  } catch (error) {
    const fields = (error as { fields?: string[] }).fields;
    return {
      ok: false,
      reason: `the Sigstore bundle is invalid: ${
        fields && fields.length > 0
          ? `missing or empty ${fields.slice(0, 5).join(', ')}`
          : (error as Error).message
      }`,
    };
  }
}
