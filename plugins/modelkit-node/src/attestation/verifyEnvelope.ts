import {
  AttestationFormat,
  AttestationKind,
  AttestationTypes,
  classifyPredicateType,
  parseInTotoStatement,
  statementNamesDigest,
  summarizeStatement,
} from '@kitstage/plugin-modelkit-common';
import { checkSignature, SignatureInput, TrustContext } from './checkSignature';
import { DsseEnvelope } from './dsseEnvelope';
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
  const base = {
    format,
    payloadType: envelope.payloadType,
    transparencyLog: false,
  };
  const statement =
    envelope.payloadType === IN_TOTO_PAYLOAD_TYPE
      ? parseInTotoStatement(envelope.payload)
      : undefined;
  const described = statement?.ok
    ? {
        statementType: statement.statement._type,
        predicateType: statement.statement.predicateType,
        subjects: statement.statement.subject
          .slice(0, MAX_SUBJECTS)
          .map(s =>
            s.name !== undefined
              ? { name: s.name, digest: s.digest }
              : { digest: s.digest },
          ),
        summary: summarizeStatement(statement.statement, { subjectDigest }),
      }
    : {};
  const kind: AttestationKind =
    statement?.ok &&
    classifyPredicateType(statement.statement.predicateType) === 'signature'
      ? 'signature'
      : 'attestation';
  const withContent = { ...base, ...described, kind };

  const signatures = envelope.signatures.filter(s => s.sig.length > 0);
  if (signatures.length === 0) {
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
  const checks = envelope.signatures.map((signature, index) =>
    checkSignature(
      {
        index,
        signature: signature.sig,
        keyHint: signature.keyid || material.keyHint,
        signed: { type: 'dsse', envelope },
        ...(material.certificate ? { certificate: material.certificate } : {}),
        tlogEntries: material.tlogEntries,
        ...(material.timestampVerificationData
          ? { timestampVerificationData: material.timestampVerificationData }
          : {}),
      } satisfies SignatureInput,
      context,
    ),
  );
  const trusted = checks.find(c => c.outcome === 'trusted');
  if (!trusted) {
    return { ...withContent, ...notTrusted(checks), signatures: checks };
  }
  // One object, its members set in the order of the spreads it replaces.
  const result = { ...withContent } as AttestationLayerResult;
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
