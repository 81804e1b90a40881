import { z } from 'zod';
import { formatIssues } from './schemaIssues';

/**
 * What an SBOM (SPDX or CycloneDX) says, ready to show.
 *
 * @public
 */
export interface SbomSummary {
  /** The SBOM standard. */
  format: 'spdx' | 'cyclonedx';
  /** `SPDX-2.3`, `SPDX-3`, or the CycloneDX `specVersion`. */
  specVersion?: string;
  /** The document name (SPDX) or the described component (CycloneDX). */
  name?: string;
  /** When the document was made, as it says. */
  created?: string;
  /** The tools or creators that wrote the document. */
  tools: string[];
  /** Packages (SPDX) or components (CycloneDX, nested ones included). */
  packageCount: number;
  /** Licenses with how many packages carry them, most frequent first, at most 50. */
  licenses: Array<{ license: string; count: number }>;
  /** How many different licenses occur. */
  distinctLicenses: number;
  /** Packages with no (or a `NOASSERTION` / `NONE`) license. */
  packagesWithoutLicense: number;
}

const MAX_LICENSES = 50;
const MAX_DEPTH = 32;
const NO_LICENSE = new Set(['', 'NOASSERTION', 'NONE']);

const spdx2Schema = z.object({
  spdxVersion: z.string().regex(/^SPDX-2\./, {
    message: 'must be an SPDX 2 version such as SPDX-2.3',
  }),
  name: z.string().optional(),
  creationInfo: z
    .object({
      created: z.string().optional(),
      creators: z.array(z.string()).optional(),
    })
    .optional(),
  packages: z
    .array(
      z.object({
        licenseConcluded: z.string().optional(),
        licenseDeclared: z.string().optional(),
      }),
    )
    .optional(),
});

const spdx3Schema = z.object({
  '@graph': z.array(z.record(z.string(), z.unknown())),
});

const cycloneDxLicenses = z
  .array(
    z.object({
      license: z
        .object({ id: z.string().optional(), name: z.string().optional() })
        .optional(),
      expression: z.string().optional(),
    }),
  )
  .optional();

type CycloneDxComponent = {
  licenses?: z.infer<typeof cycloneDxLicenses>;
  components?: CycloneDxComponent[];
};

const cycloneDxComponent: z.ZodType<CycloneDxComponent> = z.lazy(() =>
  z.object({
    licenses: cycloneDxLicenses,
    components: z.array(cycloneDxComponent).optional(),
  }),
);

const cycloneDxSchema = z.object({
  bomFormat: z.literal('CycloneDX', { message: 'must be "CycloneDX"' }),
  specVersion: z.string().optional(),
  metadata: z
    .object({
      timestamp: z.string().optional(),
      component: z
        .object({ name: z.string().optional(), version: z.string().optional() })
        .optional(),
      tools: z.unknown().optional(),
    })
    .optional(),
  components: z.array(cycloneDxComponent).optional(),
});

class LicenseTally {
  readonly #counts = new Map<string, number>();
  packages = 0;
  withoutLicense = 0;

  add(licenses: string[]) {
    this.packages += 1;
    const known = licenses.filter(l => !NO_LICENSE.has(l.trim()));
    if (known.length === 0) {
      this.withoutLicense += 1;
      return;
    }
    for (const license of new Set(known)) {
      this.#counts.set(license, (this.#counts.get(license) ?? 0) + 1);
    }
  }

  result() {
    const sorted = [...this.#counts.entries()]
      .map(([license, count]) => ({ license, count }))
      .sort((a, b) => b.count - a.count || a.license.localeCompare(b.license));
    return {
      packageCount: this.packages,
      licenses: sorted.slice(0, MAX_LICENSES),
      distinctLicenses: sorted.length,
      packagesWithoutLicense: this.withoutLicense,
    };
  }
}

function toolNames(tools: unknown): string[] {
  // CycloneDX 1.4 lists tools as an array; 1.5 and later as { components, services }.
  let list: unknown[] = [];
  if (Array.isArray(tools)) {
    list = tools;
  } else if (typeof tools === 'object' && tools !== null) {
    const { components, services } = tools as Record<string, unknown>;
    list = [
      ...(Array.isArray(components) ? components : []),
      ...(Array.isArray(services) ? services : []),
    ];
  }
  return list
    .map(tool => {
      if (typeof tool !== 'object' || tool === null) {
        return undefined;
      }
      const { name, version } = tool as Record<string, unknown>;
      if (typeof name !== 'string') {
        return undefined;
      }
      return typeof version === 'string' ? `${name} ${version}` : name;
    })
    .filter((name): name is string => name !== undefined)
    .slice(0, 20);
}

/** What {@link summarizeSbom} returns. */
type SbomResult =
  | { ok: true; summary: SbomSummary }
  | { ok: false; issues: string[] };

/** The fields of an {@link SbomSummary} that a {@link LicenseTally} does not give. */
type SbomHeader = Omit<SbomSummary, keyof ReturnType<LicenseTally['result']>>;

/**
 * The summary of a parsed predicate: `header` reads the document and tallies its packages'
 * licenses; a predicate that did not parse gives its issues.
 */
function summarize<T>(
  parsed: { success: true; data: T } | { success: false; error: z.ZodError },
  header: (document: T, tally: LicenseTally) => SbomHeader,
): SbomResult {
  if (!parsed.success) {
    return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
  }
  const tally = new LicenseTally();
  return {
    ok: true,
    summary: { ...header(parsed.data, tally), ...tally.result() },
  };
}

function summarizeSpdx(predicate: unknown): SbomResult {
  const v3 = spdx3Schema.safeParse(predicate);
  if (v3.success) {
    return summarize(v3, (document, tally) => {
      for (const element of document['@graph']) {
        const type = element.type ?? element['@type'];
        if (type === 'software_Package') {
          tally.add([]);
        }
      }
      return { format: 'spdx', specVersion: 'SPDX-3', tools: [] };
    });
  }
  return summarize(spdx2Schema.safeParse(predicate), (p, tally) => {
    for (const pkg of p.packages ?? []) {
      const concluded = pkg.licenseConcluded?.trim() ?? '';
      tally.add([
        NO_LICENSE.has(concluded) ? pkg.licenseDeclared ?? '' : concluded,
      ]);
    }
    return {
      format: 'spdx',
      specVersion: p.spdxVersion,
      ...(p.name ? { name: p.name } : {}),
      ...(p.creationInfo?.created ? { created: p.creationInfo.created } : {}),
      tools: (p.creationInfo?.creators ?? []).slice(0, 20),
    };
  });
}

function summarizeCycloneDx(predicate: unknown): SbomResult {
  return summarize(cycloneDxSchema.safeParse(predicate), (p, tally) => {
    const visit = (components: CycloneDxComponent[], depth: number) => {
      for (const component of components) {
        tally.add(
          (component.licenses ?? []).map(
            l => l.expression ?? l.license?.id ?? l.license?.name ?? '',
          ),
        );
        if (component.components && depth < MAX_DEPTH) {
          visit(component.components, depth + 1);
        }
      }
    };
    visit(p.components ?? [], 0);
    const component = p.metadata?.component;
    const name = component?.name
      ? [component.name, component.version].filter(Boolean).join(' ')
      : undefined;
    return {
      format: 'cyclonedx',
      ...(p.specVersion ? { specVersion: p.specVersion } : {}),
      ...(name ? { name } : {}),
      ...(p.metadata?.timestamp ? { created: p.metadata.timestamp } : {}),
      tools: toolNames(p.metadata?.tools),
    };
  });
}

/**
 * Parses and summarises an SPDX (2.x or 3) or CycloneDX SBOM predicate: package counts and
 * licenses.
 *
 * @public
 */
export function summarizeSbom(
  predicate: unknown,
  format: 'spdx' | 'cyclonedx',
): { ok: true; summary: SbomSummary } | { ok: false; issues: string[] } {
  return format === 'spdx'
    ? summarizeSpdx(predicate)
    : summarizeCycloneDx(predicate);
}
