import {
  addFluxState,
  addNoReadyCondition,
  addProgressing,
  isSuspended,
} from './fluxConditions';
import {
  findCondition,
  JsonRecord,
  ObjectView,
  readConditions,
  readList,
  readPath,
  readString,
  ReasonList,
  viewObject,
  withMessage,
} from './objectView';

const SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';

/** The Flux source lists of the health input. */
export interface FluxSourceInput {
  gitRepositories?: unknown;
  ociRepositories?: unknown;
  helmRepositories?: unknown;
  buckets?: unknown;
}

/** A Flux source of the input, viewed and evaluated once it is referenced. */
export interface SourceEntry {
  /** The object as given. */
  raw: JsonRecord;
  /** Its position in its input list. */
  index: number;
  /**
   * The input list it came from: `gitRepositories`, `ociRepositories`, `helmRepositories`
   * or `buckets`.
   */
  list: string;
  /** `GitRepository`, `OCIRepository`, `HelmRepository` or `Bucket`. */
  kind: string;
  /** Set when a Kustomization or HelmRelease referenced it and it was evaluated. */
  view?: ObjectView;
}

/**
 * Indexes the Flux sources (GitRepositories, OCIRepositories, HelmRepositories and Buckets)
 * by kind, namespace and name.
 */
export function indexSources(
  input: FluxSourceInput,
  reasons: ReasonList,
): Map<string, SourceEntry> {
  const index = new Map<string, SourceEntry>();
  const lists: Array<[string, string, unknown]> = [
    ['GitRepository', 'gitRepositories', input.gitRepositories],
    ['OCIRepository', 'ociRepositories', input.ociRepositories],
    ['HelmRepository', 'helmRepositories', input.helmRepositories],
    ['Bucket', 'buckets', input.buckets],
  ];
  for (const [kind, list, value] of lists) {
    readList(value, list, reasons).forEach((raw, position) => {
      const name = readString(readPath(raw, 'metadata', 'name'));
      if (!name) {
        return;
      }
      const namespace = readString(readPath(raw, 'metadata', 'namespace'));
      index.set(sourceKey(kind, namespace, name), {
        raw,
        index: position,
        list,
        kind,
      });
    });
  }
  return index;
}

function sourceKey(kind: string, namespace: string | undefined, name: string) {
  return `${kind}/${namespace ?? ''}/${name}`;
}

/**
 * Finds the referenced source and evaluates it the first time it is referenced. Sources
 * nobody references are not evaluated: they may belong to other services.
 */
export function resolveSource(
  sources: Map<string, SourceEntry>,
  sourceRef: JsonRecord | undefined,
  referrer: ObjectView,
  reasons: ReasonList,
): SourceEntry | undefined {
  const kind = readString(sourceRef?.kind);
  const name = readString(sourceRef?.name);
  if (!kind || !name) {
    return undefined;
  }
  const namespace = readString(sourceRef?.namespace) ?? referrer.ref.namespace;
  const source = sources.get(sourceKey(kind, namespace, name));
  // A HelmRepository of type oci is not judged: Flux does not reconcile it (it holds no
  // artifact and reports no status), so it has no state of its own.
  if (
    source?.kind === 'HelmRepository' &&
    readPath(source.raw, 'spec', 'type') === 'oci'
  ) {
    return source;
  }
  if (source && !source.view) {
    source.view = viewObject(
      source.raw,
      {
        kind: source.kind,
        apiVersion: SOURCE_API_VERSION,
        index: source.index,
        list: source.list,
      },
      reasons,
    );
    evaluateSource(source.view, reasons);
  }
  return source;
}

/** Reads the conditions of a Flux source: verification, stalled, ready. */
function evaluateSource(view: ObjectView, reasons: ReasonList): void {
  if (isSuspended(view, reasons) || !view.status) {
    return;
  }
  const conditions = readConditions(view, reasons);
  const ready = findCondition(conditions, 'Ready');
  const stalled = findCondition(conditions, 'Stalled');
  const verified = findCondition(conditions, 'SourceVerified');
  const reconciling = findCondition(conditions, 'Reconciling');
  const artifact = readString(readPath(view.status, 'artifact', 'revision'));

  if (verified?.status === 'False') {
    reasons.add(
      'flux-source-verification-failed',
      withMessage(
        artifact
          ? `${view.label} failed to verify the new revision and keeps serving the last verified artifact ${artifact}`
          : `${view.label} failed to verify the revision and has no verified artifact`,
        verified.message,
      ),
      view.ref,
      verified.reason,
    );
  }
  if (stalled?.status === 'True') {
    addFluxState(
      view,
      reasons,
      'flux-stalled',
      stalled.message,
      stalled.reason,
    );
  } else if (ready?.status === 'False') {
    if (verified?.status === 'False' && verified.message === ready.message) {
      // Already reported as the verification failure it is.
    } else if (!addProgressing(view, reasons, ready)) {
      reasons.add(
        'flux-source-not-ready',
        withMessage(
          artifact
            ? `${view.label} is not ready and keeps serving ${artifact}`
            : `${view.label} is not ready`,
          ready.message,
        ),
        view.ref,
        ready.reason,
      );
    }
  } else if (ready?.status === 'Unknown' || reconciling?.status === 'True') {
    addFluxState(
      view,
      reasons,
      'flux-reconciling',
      reconciling?.message ?? ready?.message,
      reconciling?.reason ?? ready?.reason,
    );
  } else if (!ready) {
    addNoReadyCondition(view, reasons);
  }
}
