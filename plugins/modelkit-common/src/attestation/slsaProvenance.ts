import { z } from 'zod';
import { formatIssues } from './schemaIssues';

const digestSet = z.record(z.string(), z.string());
const resourceDescriptor = z.object({
  uri: z.string().optional(),
  name: z.string().optional(),
  digest: digestSet.optional(),
});

/**
 * The zod schema of SLSA provenance v1 (`https://slsa.dev/provenance/v1`).
 *
 * @public
 */
export const slsaProvenanceV1Schema = z.object({
  buildDefinition: z.object({
    buildType: z.string().min(1),
    externalParameters: z.record(z.string(), z.unknown()),
    internalParameters: z.record(z.string(), z.unknown()).optional(),
    resolvedDependencies: z.array(resourceDescriptor).optional(),
  }),
  runDetails: z.object({
    builder: z.object({
      id: z.string().min(1),
      version: z.record(z.string(), z.string()).optional(),
    }),
    metadata: z
      .object({
        invocationId: z.string().optional(),
        startedOn: z.string().optional(),
        finishedOn: z.string().optional(),
      })
      .optional(),
  }),
});

/**
 * The zod schema of SLSA provenance v0.2 (`https://slsa.dev/provenance/v0.2`).
 *
 * @public
 */
export const slsaProvenanceV02Schema = z.object({
  builder: z.object({ id: z.string().min(1) }),
  buildType: z.string().min(1),
  invocation: z
    .object({
      configSource: z
        .object({
          uri: z.string().optional(),
          digest: digestSet.optional(),
          entryPoint: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
  metadata: z
    .object({
      buildInvocationId: z.string().optional(),
      buildStartedOn: z.string().optional(),
      buildFinishedOn: z.string().optional(),
    })
    .optional(),
  materials: z.array(resourceDescriptor).optional(),
});

/**
 * Where a build came from and who built it: what lineage needs from SLSA provenance.
 *
 * @public
 */
export interface SlsaProvenanceSummary {
  /** `v1` or `v0.2`. */
  slsaVersion: 'v1' | 'v0.2';
  /** The build type URI. */
  buildType: string;
  /** The builder identity, e.g. `https://github.com/actions/runner/github-hosted`. */
  builderId: string;
  /** The source repository, e.g. `https://github.com/acme/models`, when it can be told. */
  sourceRepository?: string;
  /** The source commit (git SHA-1 or SHA-256), when given. */
  sourceCommit?: string;
  /** The source ref, e.g. `refs/heads/main`, when given. */
  sourceRef?: string;
  /** The build run, e.g. a CI run URL. */
  invocationId?: string;
  /** When the build started. */
  startedOn?: string;
  /** When the build finished. */
  finishedOn?: string;
  /** How many resolved dependencies (materials) the build lists. */
  dependencyCount: number;
}

function commitOf(digest: Record<string, string> | undefined) {
  return digest?.gitCommit ?? digest?.sha1 ?? digest?.sha256;
}

/** Splits `git+https://host/repo@refs/heads/main` into repository and ref. */
function splitGitUri(uri: string): { repository: string; ref?: string } {
  let rest = uri.startsWith('git+') ? uri.slice(4) : uri;
  let ref: string | undefined;
  const schemeEnd = rest.indexOf('://');
  const pathStart = rest.indexOf('/', schemeEnd < 0 ? 0 : schemeEnd + 3);
  const at = rest.lastIndexOf('@');
  // An '@' in the path separates the ref; one before it belongs to the user part.
  if (pathStart >= 0 && at > pathStart) {
    ref = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  return { repository: rest.replace(/\.git$/, ''), ...(ref ? { ref } : {}) };
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function sourceFromV1(
  p: z.infer<typeof slsaProvenanceV1Schema>,
): Pick<
  SlsaProvenanceSummary,
  'sourceRepository' | 'sourceCommit' | 'sourceRef'
> {
  const external = p.buildDefinition.externalParameters;
  const workflow =
    typeof external.workflow === 'object' && external.workflow !== null
      ? (external.workflow as Record<string, unknown>)
      : undefined;
  const declaredRepository =
    readString(workflow?.repository) ?? readString(external.source);
  const declaredRef = readString(workflow?.ref);
  const gitDependencies = (p.buildDefinition.resolvedDependencies ?? []).filter(
    d => d.uri && (d.uri.startsWith('git+') || commitOf(d.digest)),
  );
  const dependency =
    gitDependencies.find(
      d =>
        declaredRepository &&
        d.uri &&
        splitGitUri(d.uri).repository ===
          splitGitUri(declaredRepository).repository,
    ) ?? gitDependencies[0];
  const fromDependency = dependency?.uri
    ? splitGitUri(dependency.uri)
    : undefined;
  const repository = declaredRepository
    ? splitGitUri(declaredRepository).repository
    : fromDependency?.repository;
  const commit = commitOf(dependency?.digest);
  const ref = declaredRef ?? fromDependency?.ref;
  return {
    ...(repository ? { sourceRepository: repository } : {}),
    ...(commit ? { sourceCommit: commit } : {}),
    ...(ref ? { sourceRef: ref } : {}),
  };
}

/**
 * Parses and summarises SLSA provenance (v1, or v0.2 when `predicateType` says so).
 *
 * @public
 */
export function summarizeSlsaProvenance(
  predicate: unknown,
  predicateType: string,
):
  | { ok: true; summary: SlsaProvenanceSummary }
  | { ok: false; issues: string[] } {
  if (predicateType.startsWith('https://slsa.dev/provenance/v0.')) {
    const parsed = slsaProvenanceV02Schema.safeParse(predicate);
    if (!parsed.success) {
      return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
    }
    const p = parsed.data;
    const source = p.invocation?.configSource;
    const split = source?.uri ? splitGitUri(source.uri) : undefined;
    const commit = commitOf(source?.digest);
    return {
      ok: true,
      summary: {
        slsaVersion: 'v0.2',
        buildType: p.buildType,
        builderId: p.builder.id,
        ...(split ? { sourceRepository: split.repository } : {}),
        ...(commit ? { sourceCommit: commit } : {}),
        ...(split?.ref ? { sourceRef: split.ref } : {}),
        ...(p.metadata?.buildInvocationId
          ? { invocationId: p.metadata.buildInvocationId }
          : {}),
        ...(p.metadata?.buildStartedOn
          ? { startedOn: p.metadata.buildStartedOn }
          : {}),
        ...(p.metadata?.buildFinishedOn
          ? { finishedOn: p.metadata.buildFinishedOn }
          : {}),
        dependencyCount: p.materials?.length ?? 0,
      },
    };
  }
  const parsed = slsaProvenanceV1Schema.safeParse(predicate);
  if (!parsed.success) {
    return { ok: false, issues: formatIssues(parsed.error, 'predicate') };
  }
  const p = parsed.data;
  const metadata = p.runDetails.metadata;
  return {
    ok: true,
    summary: {
      slsaVersion: 'v1',
      buildType: p.buildDefinition.buildType,
      builderId: p.runDetails.builder.id,
      ...sourceFromV1(p),
      ...(metadata?.invocationId
        ? { invocationId: metadata.invocationId }
        : {}),
      ...(metadata?.startedOn ? { startedOn: metadata.startedOn } : {}),
      ...(metadata?.finishedOn ? { finishedOn: metadata.finishedOn } : {}),
      dependencyCount: p.buildDefinition.resolvedDependencies?.length ?? 0,
    },
  };
}
