import type { Bundle, TransparencyLogEntry } from '@sigstore/bundle';
import {
  AttestationFormat,
  AttestationKind,
  AttestationSignatureCheck,
  AttestationSigner,
  AttestationSubject,
  AttestationSummary,
  AttestationTypes,
  AttestationVerificationState,
  classifyPredicateType,
  parseInTotoStatement,
  statementNamesDigest,
  summarizeStatement,
} from '@kitstage/plugin-modelkit-common';
import { checkSignature, SignatureInput, TrustContext } from './checkSignature';
import {
  CosignMediaTypes,
  isSigstoreBundleMediaType,
  parseSimpleSigning,
  rekorBundleToTlogEntry,
} from './cosignFormats';
import {
  decodeBase64Strict,
  DsseEnvelope,
  parseDsseEnvelope,
} from './dsseEnvelope';
import { parseSigstoreBundle } from './sigstoreBundle';

/**
 * The most signatures checked in one envelope; an envelope with more is malformed.
 *
 * @internal
 */
export const MAX_SIGNATURES_PER_ENVELOPE = 16;
const MAX_SUBJECTS = 20;

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
 * The verification of one layer, before it is placed in a report.
 *
 * @public
 */
export interface AttestationLayerResult {
  /** An attestation or a plain signature. */
  kind: AttestationKind;
  /** How the layer is encoded. */
  format: AttestationFormat;
  /** The one verification state it ended in. */
  state: AttestationVerificationState;
  /** Why, in a sentence. */
  reason: string;
  /** The trusted signer, or the best identified one. */
  signer?: AttestationSigner;
  /** Every signature with its outcome. */
  signatures: AttestationSignatureCheck[];
  /** The DSSE payload type, when read. */
  payloadType?: string;
  /** The in-toto Statement `_type`, when read. */
  statementType?: string;
  /** The in-toto `predicateType`, when read. */
  predicateType?: string;
  /** The statement subjects (at most 20). */
  subjects?: AttestationSubject[];
  /** What the predicate says; vouched for only when verified. */
  summary?: AttestationSummary;
  /** Whether a transparency-log entry was part of the trusted signature. */
  transparencyLog: boolean;
}

interface Material {
  certificate?: Buffer;
  tlogEntries: TransparencyLogEntry[];
  timestampVerificationData?: Bundle['verificationMaterial']['timestampVerificationData'];
  keyHint: string;
}

type Failure = { ok: false; reason: string };

const PEM_CERTIFICATE =
  /^\s*-----BEGIN CERTIFICATE-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END CERTIFICATE-----/;

/** Reads the first PEM certificate, refusing base64 that is not the canonical encoding. */
function pemToDerStrict(text: string): Buffer | undefined {
  const match = PEM_CERTIFICATE.exec(text);
  return match ? decodeBase64Strict(match[1].replace(/\r?\n/g, '')) : undefined;
}

function cosignMaterial(
  annotations: Record<string, string> | undefined,
): { ok: true; material: Material } | Failure {
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
    material: {
      ...(certificate ? { certificate } : {}),
      tlogEntries,
      keyHint: '',
    },
  };
}

function bundleMaterial(bundle: Bundle): Material {
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

function notTrusted(
  checks: AttestationSignatureCheck[],
): Pick<AttestationLayerResult, 'state' | 'reason' | 'signer'> {
  const pick = (outcome: AttestationSignatureCheck['outcome']) =>
    checks.filter(c => c.outcome === outcome);
  const invalid = pick('invalid-signature');
  const untrusted = pick('untrusted-signer');
  let state: AttestationVerificationState = 'malformed';
  let chosen = pick('malformed');
  if (invalid.length > 0) {
    state = 'invalid-signature';
    chosen = invalid;
  } else if (untrusted.length > 0) {
    state = 'untrusted-signer';
    chosen = untrusted;
  }
  const first = chosen[0];
  const others = checks.length - 1;
  return {
    state,
    reason: `${first.reason}${
      others > 0
        ? ` (${others} other signature${
            others === 1 ? '' : 's'
          } also not trusted)`
        : ''
    }`,
    ...(first.signer ? { signer: first.signer } : {}),
  };
}

function verifyEnvelope(
  envelope: DsseEnvelope,
  material: Material,
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
    envelope.payloadType === AttestationTypes.inTotoPayloadType
      ? parseInTotoStatement(envelope.payload)
      : undefined;
  const described = statement?.ok
    ? {
        statementType: statement.statement._type,
        predicateType: statement.statement.predicateType,
        subjects: statement.statement.subject.slice(0, MAX_SUBJECTS).map(s => ({
          ...(s.name !== undefined ? { name: s.name } : {}),
          digest: s.digest,
        })),
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
  const result = {
    ...withContent,
    signer: trusted.signer,
    signatures: checks,
    transparencyLog: trusted.signer?.type === 'certificate',
  };
  if (envelope.payloadType !== AttestationTypes.inTotoPayloadType) {
    return {
      ...result,
      state: 'malformed',
      reason: `the signed payload has type ${JSON.stringify(
        envelope.payloadType.slice(0, 200),
      )}, not ${AttestationTypes.inTotoPayloadType}`,
    };
  }
  if (!statement?.ok) {
    return {
      ...result,
      state: 'malformed',
      reason: `the signed payload is not an in-toto Statement: ${
        statement ? statement.issues.join('; ') : 'unreadable'
      }`,
    };
  }
  if (!statementNamesDigest(statement.statement.subject, subjectDigest)) {
    return {
      ...result,
      state: 'subject-mismatch',
      reason: `the statement is about ${statement.statement.subject
        .slice(0, 3)
        .map(s => Object.entries(s.digest).map(([a, h]) => `${a}:${h}`)[0])
        .join(', ')}, not this version (${subjectDigest})`,
    };
  }
  return {
    ...result,
    state: 'verified',
    reason: `${trusted.reason}; the statement names this version`,
  };
}

async function verifyMessage(options: {
  signature: Buffer | undefined;
  message: Buffer;
  material: Material;
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

function malformed(
  format: AttestationFormat,
  kind: AttestationKind,
  reason: string,
): AttestationLayerResult {
  return {
    kind,
    format,
    state: 'malformed',
    reason,
    signatures: [],
    transparencyLog: false,
  };
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
  if (isSigstoreBundleMediaType(layer.mediaType)) {
    const parsed = parseSigstoreBundle(layer.content);
    if (!parsed.ok) {
      return malformed('sigstore-bundle', 'attestation', parsed.reason);
    }
    const bundle = parsed.bundle;
    const material = bundleMaterial(bundle);
    if (bundle.content.$case === 'dsseEnvelope') {
      const envelope = bundle.content.dsseEnvelope;
      return verifyEnvelope(
        {
          payloadType: envelope.payloadType,
          payload: Buffer.from(envelope.payload),
          signatures: envelope.signatures.map(s => ({
            keyid: s.keyid,
            sig: Buffer.from(s.sig),
          })),
        },
        material,
        'sigstore-bundle',
        subjectDigest,
        context,
      );
    }
    const messageSignature = bundle.content.messageSignature;
    if (!loadSubjectManifest) {
      return malformed(
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
      return malformed('cosign-simple-signing', 'signature', material.reason);
    }
    const encoded = layer.annotations?.[CosignMediaTypes.signatureAnnotation];
    const signature = encoded ? decodeBase64Strict(encoded) : Buffer.alloc(0);
    if (!signature) {
      return malformed(
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

  if (layer.mediaType === CosignMediaTypes.dsseEnvelope) {
    let json: unknown;
    try {
      json = JSON.parse(layer.content.toString('utf8'));
    } catch {
      return malformed(
        'dsse-envelope',
        'attestation',
        'the DSSE envelope is not JSON',
      );
    }
    const parsed = parseDsseEnvelope(json);
    if (!parsed.ok) {
      return malformed('dsse-envelope', 'attestation', parsed.reason);
    }
    const material = cosignMaterial(layer.annotations);
    if (!material.ok) {
      return malformed('dsse-envelope', 'attestation', material.reason);
    }
    return verifyEnvelope(
      parsed.envelope,
      material.material,
      'dsse-envelope',
      subjectDigest,
      context,
    );
  }

  return malformed(
    'dsse-envelope',
    'attestation',
    `the layer media type ${JSON.stringify(
      layer.mediaType.slice(0, 200),
    )} is not a DSSE envelope, Sigstore bundle or cosign signature`,
  );
}
