import {
  AttestationFormat,
  AttestationKind,
  AttestationResult,
  AttestationSignatureCheck,
  AttestationVerificationState,
} from '@kitstage/plugin-modelkit-common';

/**
 * The verification of one layer, before it is placed in a report: the verification fields of
 * an `AttestationResult` of `@kitstage/plugin-modelkit-common`, with the layer's encoding.
 *
 * @public
 */
export interface AttestationLayerResult
  extends Pick<
    AttestationResult,
    | 'kind'
    | 'state'
    | 'reason'
    | 'signer'
    | 'signatures'
    | 'payloadType'
    | 'statementType'
    | 'predicateType'
    | 'subjects'
    | 'summary'
  > {
  /** How the layer is encoded. */
  format: AttestationFormat;
  /** Whether a transparency-log entry was part of the trusted signature. */
  transparencyLog: boolean;
}

/**
 * The state, reason and signer of a layer none of whose signatures is trusted: the worst
 * outcome among them (an invalid signature before an untrusted signer before a malformed one),
 * with its reason and how many other signatures were not trusted either.
 *
 * @internal
 */
export function notTrusted(
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

/**
 * The result of a layer that could not be read.
 *
 * @internal
 */
export function malformedLayer(
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
