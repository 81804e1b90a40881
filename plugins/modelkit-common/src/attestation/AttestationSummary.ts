import { AttestationPredicateKind } from './predicateTypes';
import { ScanEvaluationSummary } from './scanEvaluation';
import { SbomSummary } from './sbom';
import { SlsaProvenanceSummary } from './slsaProvenance';
import { VulnerabilityScanSummary } from './vulnerabilities';

/**
 * A JSON value cut to a size that is safe to send to a browser.
 *
 * @public
 */
export interface JsonPreview {
  /** The value, when its JSON text fits the limit. */
  value?: unknown;
  /** Otherwise the start of its indented JSON text. */
  text?: string;
  /** True when `text` is cut. */
  truncated: boolean;
  /** The size of the compact JSON text, in bytes. */
  bytes: number;
}

/**
 * What an attestation's predicate says, by predicate family.
 *
 * @remarks
 *
 * `invalid` is a predicate of a known family that does not match its schema: `issues` names
 * the fields. `other` is any predicate Kitstage does not summarise, kept as JSON for a
 * collapsible view. `signature` is the empty predicate of a cosign image signature.
 *
 * @public
 */
export type AttestationSummary =
  | { kind: 'scan-evaluation'; scanEvaluation: ScanEvaluationSummary }
  | { kind: 'vulnerabilities'; vulnerabilities: VulnerabilityScanSummary }
  | { kind: 'slsa-provenance'; provenance: SlsaProvenanceSummary }
  | { kind: 'sbom'; sbom: SbomSummary }
  | { kind: 'signature' }
  | { kind: 'other'; predicate: JsonPreview }
  | {
      kind: 'invalid';
      predicateKind: Exclude<AttestationPredicateKind, 'other'>;
      issues: string[];
      predicate: JsonPreview;
    };
