import { isUtf8 } from 'node:buffer';
import {
  AttestationFormat,
  AttestationKind,
  AttestationSignatureCheck,
  AttestationTypes,
  classifyPredicateType,
  parseInTotoStatement,
  statementNamesDigest,
  summarizeStatement,
} from '@kitstage/plugin-modelkit-common';
import { checkSignature, SignatureInput, TrustContext } from './checkSignature';
import { DsseEnvelope, payloadIsSigned } from './dsseEnvelope';
import { AttestationLayerResult, notTrusted } from './layerResult';
import { SigningMaterial } from './signingMaterial';

/**
 * The most signatures checked in one envelope; an envelope with more is malformed.
 *
 * @internal
 */
export const MAX_SIGNATURES_PER_ENVELOPE = 16;
const MAX_SUBJECTS = 20;
const IN_TOTO_PAYLOAD_TYPE = AttestationTypes.inTotoPayloadType;

/**
 * The payload as text when it is UTF-8 without a byte order mark (Buffer decodes it faster
 * than the `TextDecoder` of `parseInTotoStatement`), else as it is, for `parseInTotoStatement`
 * to decode (dropping a byte order mark) or refuse.
 */
function payloadText(payload: Buffer): Buffer | string {
  return payload[0] !== 0xef && isUtf8(payload)
    ? payload.toString('utf8')
    : payload;
}

/**
 * Verifies a DSSE envelope: every signature against the trust, then, for a trusted one, the
 * payload type, the in-toto statement and that it names the subject digest.
 *
 * @internal
 */
export function verifyEnvelope(
  envelope: DsseEnvelope,
  material: SigningMaterial,
  format: AttestationFormat,
  subjectDigest: string,
  context: TrustContext,
): AttestationLayerResult {
  if (!payloadIsSigned(envelope)) {
    throw new Error(
      'The DSSE payload to read is not the one its signatures are checked over',
    );
  }
  const statement =
    envelope.payloadType === IN_TOTO_PAYLOAD_TYPE
      ? parseInTotoStatement(payloadText(envelope.payload))
      : undefined;
  // One object, its members set in the order of the result (the caller's own).
  const withContent = {
    format,
    payloadType: envelope.payloadType,
    transparencyLog: false,
  } as AttestationLayerResult;
  let kind: AttestationKind = 'attestation';
  if (statement?.ok) {
    const read = statement.statement;
    withContent.statementType = read._type;
    withContent.predicateType = read.predicateType;
    const count = Math.min(read.subject.length, MAX_SUBJECTS);
    const subjects: NonNullable<AttestationLayerResult['subjects']> = [];
    for (let i = 0; i < count; i++) {
      const s = read.subject[i];
      subjects.push(
        s.name !== undefined
          ? { name: s.name, digest: s.digest }
          : { digest: s.digest },
      );
    }
    withContent.subjects = subjects;
    withContent.summary = summarizeStatement(read, { subjectDigest });
    if (classifyPredicateType(read.predicateType) === 'signature') {
      kind = 'signature';
    }
  }
  withContent.kind = kind;

  if (!envelope.signatures.some(s => s.sig.length > 0)) {
    return {
      ...withContent,
      state: 'unsigned',
      reason: 'the envelope carries no signature',
      signatures: [],
    };
  }
  if (envelope.signatures.length > MAX_SIGNATURES_PER_ENVELOPE) {
    return {
      ...withContent,
      state: 'malformed',
      reason: `the envelope carries ${envelope.signatures.length} signatures; at most ${MAX_SIGNATURES_PER_ENVELOPE} are checked`,
      signatures: [],
    };
  }
  const checks: AttestationSignatureCheck[] = [];
  for (let index = 0; index < envelope.signatures.length; index++) {
    const signature = envelope.signatures[index];
    const input: SignatureInput = {
      index,
      signature: signature.sig,
      keyHint: signature.keyid || material.keyHint,
      signed: { type: 'dsse', envelope },
      tlogEntries: material.tlogEntries,
    };
    if (material.certificate) {
      input.certificate = material.certificate;
    }
    if (material.timestampVerificationData) {
      input.timestampVerificationData = material.timestampVerificationData;
    }
    checks.push(checkSignature(input, context));
  }
  const trusted = checks.find(c => c.outcome === 'trusted');
  if (!trusted) {
    return { ...withContent, ...notTrusted(checks), signatures: checks };
  }
  const result = withContent;
  result.signer = trusted.signer;
  result.signatures = checks;
  result.transparencyLog = trusted.signer?.type === 'certificate';
  if (envelope.payloadType !== IN_TOTO_PAYLOAD_TYPE) {
    result.state = 'malformed';
    result.reason = `the signed payload has type ${JSON.stringify(
      envelope.payloadType.slice(0, 200),
    )}, not ${IN_TOTO_PAYLOAD_TYPE}`;
  } else if (!statement?.ok) {
    result.state = 'malformed';
    result.reason = `the signed payload is not an in-toto Statement: ${
      statement ? statement.issues.join('; ') : 'unreadable'
    }`;
  } else if (
    !statementNamesDigest(statement.statement.subject, subjectDigest)
  ) {
    result.state = 'subject-mismatch';
    result.reason = `the statement is about ${statement.statement.subject
      .slice(0, 3)
      .map(s => Object.entries(s.digest).map(([a, h]) => `${a}:${h}`)[0])
      .join(', ')}, not this version (${subjectDigest})`;
  } else {
    result.state = 'verified';
    result.reason = `${trusted.reason}; the statement names this version`;
  }
  return result;
}
