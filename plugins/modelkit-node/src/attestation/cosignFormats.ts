import type { TransparencyLogEntry } from '@sigstore/bundle';
import { z } from 'zod';
import { decodeBase64Strict } from './dsseEnvelope';

/**
 * Media types and annotation keys of cosign and Sigstore artifacts in OCI registries.
 *
 * @public
 */
export const CosignMediaTypes = {
  /** A layer holding a DSSE envelope (cosign `.att` tags and in-toto referrers). */
  dsseEnvelope: 'application/vnd.dsse.envelope.v1+json',
  /** The artifact type cosign gives referrers holding DSSE layers. */
  inTotoArtifact: 'application/vnd.in-toto+json',
  /** A layer holding a cosign simple-signing payload (`.sig` tags). */
  simpleSigning: 'application/vnd.dev.cosign.simplesigning.v1+json',
  /** The current Sigstore bundle media type (also used as artifact type). */
  sigstoreBundleV03: 'application/vnd.dev.sigstore.bundle.v0.3+json',
  /** Layer annotation: the base64 signature of a `.sig` layer (empty for attestations). */
  signatureAnnotation: 'dev.cosignproject.cosign/signature',
  /** Layer annotation: the PEM signing certificate. */
  certificateAnnotation: 'dev.sigstore.cosign/certificate',
  /** Layer annotation: the PEM certificate chain (never trusted: the trusted root is). */
  chainAnnotation: 'dev.sigstore.cosign/chain',
  /** Layer annotation: the Rekor bundle (signed entry timestamp and entry) as JSON. */
  bundleAnnotation: 'dev.sigstore.cosign/bundle',
  /** Layer annotation: the predicate type of a `.att` layer. */
  predicateTypeAnnotation: 'predicateType',
} as const;

const SIGSTORE_BUNDLE_TYPE =
  /^application\/vnd\.dev\.sigstore\.bundle(\.v0\.\d+\+json|\+json;\s*version=0\.\d+)$/;

/**
 * Whether a media or artifact type is a Sigstore bundle (v0.1 to v0.3, old or new spelling).
 *
 * @public
 */
export function isSigstoreBundleMediaType(mediaType: string | undefined) {
  return mediaType !== undefined && SIGSTORE_BUNDLE_TYPE.test(mediaType);
}

/** Parses JSON text against a schema; a failure names `what` and the first issue. */
function parseJsonAs<T>(
  text: string,
  schema: z.ZodType<T>,
  what: string,
): { ok: true; data: T } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `the ${what} is not JSON` };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return {
      ok: false,
      reason: `the ${what} is invalid: ${issue.path.join('.')}: ${
        issue.message
      }`,
    };
  }
  return { ok: true, data: parsed.data };
}

const rekorBundleSchema = z.object({
  SignedEntryTimestamp: z.string().min(1),
  Payload: z.object({
    body: z.string().min(1),
    integratedTime: z.number().int().nonnegative(),
    logIndex: z.number().int().nonnegative(),
    logID: z.string().regex(/^[a-f0-9]{64}$/i),
  }),
});

/**
 * Turns cosign's `dev.sigstore.cosign/bundle` annotation (a Rekor entry with its signed entry
 * timestamp) into a Sigstore transparency-log entry for `@sigstore/verify`.
 *
 * @internal
 */
export function rekorBundleToTlogEntry(
  annotation: string,
): { ok: true; entry: TransparencyLogEntry } | { ok: false; reason: string } {
  const parsed = parseJsonAs(
    annotation,
    rekorBundleSchema,
    'Rekor bundle annotation',
  );
  if (!parsed.ok) {
    return parsed;
  }
  const { SignedEntryTimestamp, Payload } = parsed.data;
  const body = decodeBase64Strict(Payload.body);
  const set = decodeBase64Strict(SignedEntryTimestamp);
  if (!body || !set) {
    return {
      ok: false,
      reason: 'the Rekor bundle annotation has invalid base64',
    };
  }
  let kind: unknown;
  let apiVersion: unknown;
  try {
    ({ kind, apiVersion } = JSON.parse(body.toString('utf8')));
  } catch {
    return { ok: false, reason: 'the Rekor entry body is not JSON' };
  }
  if (typeof kind !== 'string' || typeof apiVersion !== 'string') {
    return {
      ok: false,
      reason: 'the Rekor entry body names no kind or apiVersion',
    };
  }
  return {
    ok: true,
    entry: {
      logIndex: String(Payload.logIndex),
      logId: { keyId: Buffer.from(Payload.logID, 'hex') },
      kindVersion: { kind, version: apiVersion },
      integratedTime: String(Payload.integratedTime),
      inclusionPromise: { signedEntryTimestamp: set },
      inclusionProof: undefined,
      canonicalizedBody: body,
    },
  };
}

const simpleSigningSchema = z.object({
  critical: z.object({
    identity: z.record(z.string(), z.unknown()).optional(),
    image: z.record(z.string(), z.unknown()),
    type: z.string(),
  }),
  optional: z.record(z.string(), z.unknown()).nullish(),
});

/**
 * The cosign simple-signing type value.
 *
 * @internal
 */
export const SIMPLE_SIGNING_TYPE = 'cosign container image signature';

/**
 * Reads the signed image digest of a cosign simple-signing payload.
 *
 * @internal
 */
export function parseSimpleSigning(
  payload: Buffer,
):
  | { ok: true; digest: string; reference?: string }
  | { ok: false; reason: string } {
  const parsed = parseJsonAs(
    payload.toString('utf8'),
    simpleSigningSchema,
    'simple-signing payload',
  );
  if (!parsed.ok) {
    return parsed;
  }
  if (parsed.data.critical.type !== SIMPLE_SIGNING_TYPE) {
    return {
      ok: false,
      reason: `the simple-signing payload has type "${parsed.data.critical.type.slice(
        0,
        100,
      )}", not "${SIMPLE_SIGNING_TYPE}"`,
    };
  }
  // cosign writes "docker-manifest-digest"; the containers/image format capitalises it.
  const digestKey = Object.keys(parsed.data.critical.image).find(
    key => key.toLowerCase() === 'docker-manifest-digest',
  );
  const digest = digestKey ? parsed.data.critical.image[digestKey] : undefined;
  if (typeof digest !== 'string') {
    return {
      ok: false,
      reason:
        'the simple-signing payload names no critical.image.docker-manifest-digest',
    };
  }
  const reference = parsed.data.critical.identity?.['docker-reference'];
  return {
    ok: true,
    digest,
    ...(typeof reference === 'string' ? { reference } : {}),
  };
}
