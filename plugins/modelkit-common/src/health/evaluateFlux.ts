import {
  findCondition,
  JsonRecord,
  ObjectView,
  readConditions,
  readList,
  readPath,
  readRecord,
  readString,
  ReasonList,
  viewObject,
  withMessage,
} from './objectView';

const KUSTOMIZE_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
const HELM_API_VERSION = 'helm.toolkit.fluxcd.io/v2';
const SOURCE_API_VERSION = 'source.toolkit.fluxcd.io/v1';

/** Flux's generic condition reasons (fluxcd/pkg `apis/meta`). */
const DEPENDENCY_NOT_READY = 'DependencyNotReady';
const PROGRESSING_REASONS = new Set(['Progressing', 'ProgressingWithRetry']);
const CONDITION_VALUES = new Set(['True', 'False', 'Unknown']);

interface FluxInput {
  kustomizations?: unknown;
  helmReleases?: unknown;
  gitRepositories?: unknown;
  ociRepositories?: unknown;
}

interface SourceEntry {
  raw: JsonRecord;
  index: number;
  list: string;
  kind: string;
  view?: ObjectView;
}

/**
 * Evaluates Flux Kustomizations and HelmReleases, and the GitRepositories and OCIRepositories
 * they reference. Returns how many appliers (Kustomizations and HelmReleases) were read.
 */
export function evaluateFlux(input: FluxInput, reasons: ReasonList): number {
  const sources = indexSources(input, reasons);

  const kustomizations = readList(
    input.kustomizations,
    'kustomizations',
    reasons,
  );
  kustomizations.forEach((raw, index) => {
    const view = viewObject(
      raw,
      {
        kind: 'Kustomization',
        apiVersion: KUSTOMIZE_API_VERSION,
        index,
        list: 'kustomizations',
      },
      reasons,
    );
    const active = evaluateApplier(view, reasons);
    const sourceRef = readRecord(view.spec.sourceRef);
    const source = resolveSource(sources, sourceRef, view, reasons);
    if (active && source?.view?.status) {
      const fetched = readString(
        readPath(source.view.status, 'artifact', 'revision'),
      );
      const applied = readString(view.status?.lastAppliedRevision);
      if (fetched && applied !== fetched) {
        reasons.add(
          'flux-revision-not-applied',
          applied
            ? `${view.label} applied revision ${applied}, but ${source.view.label} has fetched ${fetched}`
            : `${view.label} has not applied any revision yet; ${source.view.label} has fetched ${fetched}`,
          view.ref,
        );
      }
    }
  });

  const helmReleases = readList(input.helmReleases, 'helmReleases', reasons);
  helmReleases.forEach((raw, index) => {
    const view = viewObject(
      raw,
      {
        kind: 'HelmRelease',
        apiVersion: HELM_API_VERSION,
        index,
        list: 'helmReleases',
      },
      reasons,
    );
    const active = evaluateApplier(view, reasons);
    const chartRef = readRecord(view.spec.chartRef);
    const sourceRef =
      chartRef ?? readRecord(readPath(view.spec, 'chart', 'spec', 'sourceRef'));
    const source = resolveSource(sources, sourceRef, view, reasons);
    if (!active) {
      return;
    }
    // For OCI charts the release history records the manifest digest it installed, and the
    // OCIRepository's artifact revision ends with the digest it fetched (`<tag>@sha256:...`).
    if (source?.kind === 'OCIRepository' && source.view?.status) {
      const revision = readString(
        readPath(source.view.status, 'artifact', 'revision'),
      );
      const fetched = revision ? digestOfRevision(revision) : undefined;
      const history = view.status?.history;
      const applied = Array.isArray(history)
        ? readString(readPath(history[0], 'ociDigest'))
        : undefined;
      if (fetched && applied && applied !== fetched) {
        reasons.add(
          'flux-revision-not-applied',
          `${view.label} released chart digest ${applied}, but ${source.view.label} has fetched ${revision}`,
          view.ref,
        );
      }
    }
  });

  return kustomizations.length + helmReleases.length;
}

function indexSources(
  input: FluxInput,
  reasons: ReasonList,
): Map<string, SourceEntry> {
  const index = new Map<string, SourceEntry>();
  const lists: Array<[string, string, unknown]> = [
    ['GitRepository', 'gitRepositories', input.gitRepositories],
    ['OCIRepository', 'ociRepositories', input.ociRepositories],
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
function resolveSource(
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

/** Whether `spec.suspend` is true; reports a mistyped value. */
function isSuspended(view: ObjectView, reasons: ReasonList): boolean {
  const suspend = view.spec.suspend;
  if (suspend === undefined || suspend === false) {
    return false;
  }
  if (suspend === true) {
    reasons.add(
      'flux-suspended',
      `${view.label} is suspended (spec.suspend: true): Flux does not reconcile it, and its status is frozen`,
      view.ref,
    );
    return true;
  }
  reasons.add(
    'status-malformed',
    `${view.label} has spec.suspend of type ${typeof suspend}`,
    view.ref,
  );
  return false;
}

/**
 * Reads the kstatus conditions of a Kustomization or HelmRelease. Returns false when the
 * object is suspended, so its frozen status is not judged further.
 */
function evaluateApplier(view: ObjectView, reasons: ReasonList): boolean {
  if (isSuspended(view, reasons)) {
    return false;
  }
  if (!view.status) {
    return true;
  }
  const conditions = readConditions(view, reasons);
  const ready = findCondition(conditions, 'Ready');
  const stalled = findCondition(conditions, 'Stalled');
  const reconciling = findCondition(conditions, 'Reconciling');

  if (ready && !CONDITION_VALUES.has(ready.status)) {
    reasons.add(
      'status-malformed',
      `${view.label} has a Ready condition with status "${ready.status}"`,
      view.ref,
    );
    return true;
  }
  if (stalled?.status === 'True') {
    reasons.add(
      'flux-stalled',
      withMessage(
        `${view.label} is stalled`,
        stalled.message ?? ready?.message,
      ),
      view.ref,
      stalled.reason,
    );
    return true;
  }
  if (ready?.status === 'False') {
    if (ready.reason === DEPENDENCY_NOT_READY) {
      reasons.add(
        'flux-dependency-not-ready',
        withMessage(
          `${view.label} is waiting for its dependencies`,
          ready.message,
        ),
        view.ref,
        ready.reason,
      );
    } else if (ready.reason && PROGRESSING_REASONS.has(ready.reason)) {
      reasons.add(
        'flux-reconciling',
        withMessage(`${view.label} is reconciling`, ready.message),
        view.ref,
        ready.reason,
      );
    } else {
      reasons.add(
        'flux-not-ready',
        withMessage(`${view.label} is not ready`, ready.message),
        view.ref,
        ready.reason,
      );
    }
    return true;
  }
  if (ready?.status === 'Unknown' || reconciling?.status === 'True') {
    const condition = reconciling?.status === 'True' ? reconciling : ready;
    reasons.add(
      'flux-reconciling',
      withMessage(
        `${view.label} is reconciling`,
        condition?.message ?? ready?.message,
      ),
      view.ref,
      condition?.reason,
    );
    return true;
  }
  if (!ready) {
    reasons.add(
      'status-missing',
      `${view.label} has no Ready condition: Flux has not reported on it yet`,
      view.ref,
    );
  }
  return true;
}

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
    reasons.add(
      'flux-stalled',
      withMessage(`${view.label} is stalled`, stalled.message),
      view.ref,
      stalled.reason,
    );
  } else if (ready?.status === 'False') {
    if (verified?.status === 'False' && verified.message === ready.message) {
      // Already reported as the verification failure it is.
    } else if (ready.reason && PROGRESSING_REASONS.has(ready.reason)) {
      reasons.add(
        'flux-reconciling',
        withMessage(`${view.label} is reconciling`, ready.message),
        view.ref,
        ready.reason,
      );
    } else {
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
    reasons.add(
      'flux-reconciling',
      withMessage(
        `${view.label} is reconciling`,
        reconciling?.message ?? ready?.message,
      ),
      view.ref,
      reconciling?.reason ?? ready?.reason,
    );
  } else if (!ready) {
    reasons.add(
      'status-missing',
      `${view.label} has no Ready condition: Flux has not reported on it yet`,
      view.ref,
    );
  }
}

/** The digest part of an OCI artifact revision: `6.1.8@sha256:abc` → `sha256:abc`. */
export function digestOfRevision(revision: string): string | undefined {
  const at = revision.lastIndexOf('@');
  const candidate = at >= 0 ? revision.slice(at + 1) : revision;
  return /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(candidate)
    ? candidate
    : undefined;
}
