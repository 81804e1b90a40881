import { z } from 'zod';
import { SCAN_FINDING_SEVERITIES, ScanFindingSeverity } from './scanEvaluation';
import { formatIssues } from './schemaIssues';
import { VulnerabilitySeverity } from './vulnerabilities';

/**
 * What a policy rule can require, besides an exact predicate type URI.
 *
 * @public
 */
export const ATTESTATION_POLICY_REQUIREMENTS = Object.freeze([
  'scan-evaluation',
  'vulnerabilities',
  'slsa-provenance',
  'sbom',
  'signature',
] as const);

/**
 * One rule of an attestation policy: a kind of verified evidence a ModelKit version must carry
 * and the conditions it must meet.
 *
 * @public
 */
export interface AttestationPolicyRule {
  /** A short identifier shown when the rule fails, e.g. `scan-clean`. */
  id: string;
  /** What the rule is for, in a sentence. */
  description?: string;
  /**
   * The evidence required: one of {@link ATTESTATION_POLICY_REQUIREMENTS} or an exact predicate
   * type URI.
   */
  require: string;
  /**
   * Names of trusted keys or keyless identities (from `kitstage.attestations`) whose
   * attestations count. Any trusted signer when absent.
   */
  signers?: string[];
  /** Scan evaluations: finding severities that fail the rule. Default `concern`, `error`. */
  forbiddenSeverities?: ScanFindingSeverity[];
  /** Scan evaluations: whether a metric outside its threshold fails the rule. Default true. */
  requirePassingMetrics?: boolean;
  /** Vulnerability scans: the most vulnerabilities allowed per severity. */
  maxVulnerabilities?: Partial<Record<VulnerabilitySeverity, number>>;
  /** SLSA provenance: allowed source repositories (exact, e.g. `https://github.com/acme/models`). */
  sourceRepositories?: string[];
  /** SLSA provenance: allowed builder IDs (exact). */
  builderIds?: string[];
}

/**
 * The rules of one lifecycle.
 *
 * @public
 */
export interface LifecyclePolicy {
  /** What the policy is for. */
  description?: string;
  /** The rules; an empty list requires nothing. */
  rules: AttestationPolicyRule[];
}

/**
 * Attestation policies per ModelKit lifecycle (`production`, `experimental`, ...), with the
 * rules for lifecycles that are not listed.
 *
 * @public
 */
export interface AttestationPolicyConfig {
  /** Policies by lifecycle name (a ModelKit entity's `spec.lifecycle`). */
  lifecycles: Record<string, LifecyclePolicy>;
  /** Rules for lifecycles without an entry. None when absent. */
  default?: LifecyclePolicy;
}

const ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

const ruleSchema = z
  .object({
    id: z.string().regex(ID, {
      message:
        'must be lowercase letters, digits, ".", "_" and "-" (at most 63 characters)',
    }),
    description: z.string().max(500).optional(),
    require: z
      .string()
      .refine(
        value =>
          (ATTESTATION_POLICY_REQUIREMENTS as readonly string[]).includes(
            value,
          ) || URI.test(value),
        {
          message: `must be one of ${ATTESTATION_POLICY_REQUIREMENTS.join(
            ', ',
          )} or a predicate type URI`,
        },
      ),
    signers: z.array(z.string().min(1)).min(1).optional(),
    forbiddenSeverities: z.array(z.enum(SCAN_FINDING_SEVERITIES)).optional(),
    requirePassingMetrics: z.boolean().optional(),
    maxVulnerabilities: z
      .object({
        critical: z.number().int().nonnegative().optional(),
        high: z.number().int().nonnegative().optional(),
        medium: z.number().int().nonnegative().optional(),
        low: z.number().int().nonnegative().optional(),
        none: z.number().int().nonnegative().optional(),
        unknown: z.number().int().nonnegative().optional(),
      })
      .strict()
      .optional(),
    sourceRepositories: z.array(z.string().min(1)).min(1).optional(),
    builderIds: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .superRefine((rule, ctx) => {
    const only = (field: keyof AttestationPolicyRule, requirement: string) => {
      if (rule[field] !== undefined && rule.require !== requirement) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `only applies to rules that require ${requirement}`,
        });
      }
    };
    only('forbiddenSeverities', 'scan-evaluation');
    only('requirePassingMetrics', 'scan-evaluation');
    only('maxVulnerabilities', 'vulnerabilities');
    only('sourceRepositories', 'slsa-provenance');
    only('builderIds', 'slsa-provenance');
  });

const lifecycleSchema = z
  .object({
    description: z.string().max(500).optional(),
    rules: z.array(ruleSchema).superRefine((rules, ctx) => {
      const seen = new Set<string>();
      rules.forEach((rule, index) => {
        if (seen.has(rule.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'id'],
            message: `"${rule.id}" is used by another rule of this lifecycle`,
          });
        }
        seen.add(rule.id);
      });
    }),
  })
  .strict();

/**
 * The zod schema of {@link AttestationPolicyConfig} (`kitstage.policies` in app-config).
 *
 * @public
 */
export const attestationPolicyConfigSchema = z
  .object({
    lifecycles: z.record(z.string().min(1), lifecycleSchema).default({}),
    default: lifecycleSchema.optional(),
  })
  .strict();

/**
 * Parses attestation policies (for example the `kitstage.policies` config value).
 *
 * @throws Error naming each wrong field, e.g.
 *   `kitstage.policies.lifecycles.production.rules[0].require: must be one of …`.
 * @public
 */
export function parseAttestationPolicyConfig(
  value: unknown,
  path = 'kitstage.policies',
): AttestationPolicyConfig {
  const parsed = attestationPolicyConfigSchema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new Error(
      `Invalid attestation policies: ${formatIssues(
        parsed.error,
        path,
        10,
      ).join('; ')}`,
    );
  }
  return parsed.data as AttestationPolicyConfig;
}
