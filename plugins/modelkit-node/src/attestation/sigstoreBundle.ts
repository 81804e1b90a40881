import { Bundle, bundleFromJSON } from '@sigstore/bundle';
import { decodeBase64Strict } from './dsseEnvelope';

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

function strictBase64Problem(json: unknown): string | undefined {
  const checks: Array<[unknown, string]> = [
    [field(json, 'dsseEnvelope', 'payload'), 'dsseEnvelope.payload'],
    [
      field(json, 'messageSignature', 'signature'),
      'messageSignature.signature',
    ],
  ];
  const signatures = field(json, 'dsseEnvelope', 'signatures');
  if (Array.isArray(signatures)) {
    signatures.forEach((signature, index) =>
      checks.push([
        field(signature, 'sig'),
        `dsseEnvelope.signatures[${index}].sig`,
      ]),
    );
  }
  for (const [value, path] of checks) {
    if (
      value !== undefined &&
      (typeof value !== 'string' || !decodeBase64Strict(value))
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
