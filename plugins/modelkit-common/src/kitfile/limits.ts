/**
 * Bounds on the size of a Kitfile, protecting servers that parse Kitfiles from registries or
 * users. Real Kitfiles are a few kilobytes deep inside every bound.
 *
 * @public
 */
export interface KitfileLimits {
  /** Longest accepted text, in UTF-16 code units. Default 1 MiB (1048576). */
  maxLength?: number;
  /** Deepest accepted nesting of mappings and sequences, counting the root as 1. Default 64. */
  maxDepth?: number;
  /** Most values (scalars, mappings, sequences) in the document once YAML aliases are expanded. Default 100000. */
  maxNodes?: number;
}

/**
 * The limits used when none are given.
 *
 * @internal
 */
export const DEFAULT_KITFILE_LIMITS: Required<KitfileLimits> = {
  maxLength: 1024 * 1024,
  maxDepth: 64,
  maxNodes: 100_000,
};

/**
 * Fills in the limits not given with their defaults.
 *
 * @internal
 */
export function resolveLimits(limits?: KitfileLimits): Required<KitfileLimits> {
  return { ...DEFAULT_KITFILE_LIMITS, ...stripUndefined(limits ?? {}) };
}

function stripUndefined(limits: KitfileLimits): KitfileLimits {
  return Object.fromEntries(
    Object.entries(limits).filter(([, value]) => value !== undefined),
  );
}
