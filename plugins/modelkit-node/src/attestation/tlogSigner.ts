import { X509Certificate as NodeX509Certificate } from 'node:crypto';
import type { TransparencyLogEntry } from '@sigstore/bundle';

/** The signer a transparency-log entry records: a DER certificate or DER public key. */
type RecordedSigner =
  | { type: 'certificate'; der: Buffer }
  | { type: 'public-key'; der: Buffer };

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

const PEM_BLOCK =
  /^\s*-----BEGIN (CERTIFICATE|PUBLIC KEY)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----\s*$/;

/** A Rekor v1 verifier: base64 of one PEM certificate or public key. */
function fromBase64Pem(value: unknown): RecordedSigner | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = PEM_BLOCK.exec(Buffer.from(value, 'base64').toString('utf8'));
  if (!match) {
    return undefined;
  }
  const der = Buffer.from(match[2].replace(/\r?\n/g, ''), 'base64');
  return {
    type: match[1] === 'CERTIFICATE' ? 'certificate' : 'public-key',
    der,
  };
}

/** A Rekor v2 verifier: `{ x509Certificate: { rawBytes } }` or `{ publicKey: { rawBytes } }`. */
function fromV2Verifier(value: unknown): RecordedSigner | undefined {
  const certificate = field(value, 'x509Certificate', 'rawBytes');
  if (typeof certificate === 'string') {
    return { type: 'certificate', der: Buffer.from(certificate, 'base64') };
  }
  const key = field(value, 'publicKey', 'rawBytes');
  if (typeof key === 'string') {
    return { type: 'public-key', der: Buffer.from(key, 'base64') };
  }
  return undefined;
}

/**
 * The signers a Rekor entry body records, by kind and version; undefined when the body does
 * not name them in a way read here.
 */
function recordedSigners(body: unknown): RecordedSigner[] | undefined {
  const kind = field(body, 'kind');
  const version = field(body, 'apiVersion');
  let signers: Array<RecordedSigner | undefined> | undefined;
  if (kind === 'intoto' && version === '0.0.2') {
    signers = list(
      field(body, 'spec', 'content', 'envelope', 'signatures'),
    )?.map(signature => fromBase64Pem(field(signature, 'publicKey')));
  } else if (kind === 'dsse' && version === '0.0.1') {
    signers = list(field(body, 'spec', 'signatures'))?.map(signature =>
      fromBase64Pem(field(signature, 'verifier')),
    );
  } else if (kind === 'hashedrekord' && version === '0.0.1') {
    signers = [
      fromBase64Pem(field(body, 'spec', 'signature', 'publicKey', 'content')),
    ];
  } else if (kind === 'dsse') {
    signers = list(field(body, 'spec', 'dsseV002', 'signatures'))?.map(
      signature => fromV2Verifier(field(signature, 'verifier')),
    );
  } else if (kind === 'hashedrekord') {
    signers = [
      fromV2Verifier(
        field(body, 'spec', 'hashedRekordV002', 'signature', 'verifier'),
      ),
    ];
  }
  if (!signers || signers.length === 0 || signers.some(s => !s)) {
    return undefined;
  }
  return signers as RecordedSigner[];
}

/** The DER SubjectPublicKeyInfo of a certificate, or undefined. */
function publicKeyOf(certificate: Buffer): Buffer | undefined {
  try {
    return new NodeX509Certificate(certificate).publicKey.export({
      type: 'spki',
      format: 'der',
    });
  } catch {
    return undefined;
  }
}

/**
 * Why transparency-log entries do not record the signing certificate (or its key) as their
 * signer, or undefined when each does. `@sigstore/verify` binds an entry to the signature and
 * the signed content only; the entry must also name this certificate, as cosign requires, so
 * that the log vouches for this signer and not another one with the same signature.
 *
 * @internal
 */
export function tlogSignerProblem(
  entries: readonly TransparencyLogEntry[],
  certificate: Uint8Array,
): string | undefined {
  let publicKey: Buffer | undefined;
  for (const entry of entries) {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(entry.canonicalizedBody).toString('utf8'));
    } catch {
      return 'the transparency-log entry body is not JSON';
    }
    const signers = recordedSigners(body);
    if (!signers) {
      return 'the transparency-log entry does not name its signer in a form read here';
    }
    for (const signer of signers) {
      if (signer.type === 'certificate') {
        if (!signer.der.equals(certificate)) {
          return 'the transparency-log entry records another certificate';
        }
      } else {
        publicKey ??= publicKeyOf(Buffer.from(certificate));
        if (!publicKey || !signer.der.equals(publicKey)) {
          return 'the transparency-log entry records another key than the certificate’s';
        }
      }
    }
  }
  return undefined;
}
