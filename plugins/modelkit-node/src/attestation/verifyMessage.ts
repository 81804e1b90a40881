import { AttestationFormat } from '@kitstage/plugin-modelkit-common';
import { checkSignature, TrustContext } from './checkSignature';
import { AttestationLayerResult, notTrusted } from './layerResult';
import { SigningMaterial } from './signingMaterial';

/**
 * Verifies a signature over a message (a cosign simple-signing payload or the subject manifest
 * of a Sigstore message-signature bundle), then that the message names the subject digest.
 *
 * @internal
 */
export async function verifyMessage(options: {
  signature: Buffer | undefined;
  message: Buffer;
  material: SigningMaterial;
  format: AttestationFormat;
  describeSubject: () =>
    | { ok: true; digest: string }
    | { ok: false; reason: string };
  subjectDigest: string;
  context: TrustContext;
}): Promise<AttestationLayerResult> {
  const base = {
    kind: 'signature' as const,
    format: options.format,
    transparencyLog: false,
  };
  if (!options.signature || options.signature.length === 0) {
    return {
      ...base,
      state: 'unsigned',
      reason: 'the signature is empty',
      signatures: [],
    };
  }
  const check = checkSignature(
    {
      index: 0,
      signature: options.signature,
      keyHint: options.material.keyHint,
      signed: { type: 'message', message: options.message },
      ...(options.material.certificate
        ? { certificate: options.material.certificate }
        : {}),
      tlogEntries: options.material.tlogEntries,
      ...(options.material.timestampVerificationData
        ? {
            timestampVerificationData:
              options.material.timestampVerificationData,
          }
        : {}),
    },
    options.context,
  );
  if (check.outcome !== 'trusted') {
    return { ...base, ...notTrusted([check]), signatures: [check] };
  }
  const result = {
    ...base,
    signer: check.signer,
    signatures: [check],
    transparencyLog: check.signer?.type === 'certificate',
  };
  const subject = options.describeSubject();
  if (!subject.ok) {
    return { ...result, state: 'malformed', reason: subject.reason };
  }
  if (subject.digest !== options.subjectDigest) {
    return {
      ...result,
      state: 'subject-mismatch',
      reason: `the signature is for ${subject.digest.slice(
        0,
        80,
      )}, not this version (${options.subjectDigest})`,
    };
  }
  return {
    ...result,
    state: 'verified',
    reason: `${check.reason}; the signature names this version`,
  };
}
