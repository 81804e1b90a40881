import {
  addFluxState,
  addNoReadyCondition,
  addProgressing,
  isSuspended,
} from './fluxConditions';
import { FluxSourceInput, indexSources, resolveSource } from './fluxSources';
import {
  findCondition,
  ObjectView,
  readConditions,
  readPath,
  readRecord,
  readString,
  ReasonList,
  viewEachObject,
  withMessage,
} from './objectView';

const KUSTOMIZE_API_VERSION = 'kustomize.toolkit.fluxcd.io/v1';
const HELM_API_VERSION = 'helm.toolkit.fluxcd.io/v2';

/** Flux's generic condition reason for an object waiting on `spec.dependsOn`. */
const DEPENDENCY_NOT_READY = 'DependencyNotReady';
const CONDITION_VALUES = new Set(['True', 'False', 'Unknown']);

/** The Flux lists of the health input. */
interface FluxInput extends FluxSourceInput {
  kustomizations?: unknown;
  helmReleases?: unknown;
}

/**
 * Evaluates Flux Kustomizations and HelmReleases, and the GitRepositories and OCIRepositories
 * they reference. Returns how many appliers (Kustomizations and HelmReleases) were read.
 */
export function evaluateFlux(input: FluxInput, reasons: ReasonList): number {
  const sources = indexSources(input, reasons);

  const kustomizations = viewEachObject(
    input.kustomizations,
    {
      kind: 'Kustomization',
      apiVersion: KUSTOMIZE_API_VERSION,
      list: 'kustomizations',
    },
    reasons,
    view => {
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
    },
  );

  const helmReleases = viewEachObject(
    input.helmReleases,
    { kind: 'HelmRelease', apiVersion: HELM_API_VERSION, list: 'helmReleases' },
    reasons,
    view => {
      const active = evaluateApplier(view, reasons);
      const chartRef = readRecord(view.spec.chartRef);
      const sourceRef =
        chartRef ??
        readRecord(readPath(view.spec, 'chart', 'spec', 'sourceRef'));
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
    },
  );

  return kustomizations.length + helmReleases.length;
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
    addFluxState(
      view,
      reasons,
      'flux-stalled',
      stalled.message ?? ready?.message,
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
    } else if (!addProgressing(view, reasons, ready)) {
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
    addFluxState(
      view,
      reasons,
      'flux-reconciling',
      condition?.message ?? ready?.message,
      condition?.reason,
    );
    return true;
  }
  if (!ready) {
    addNoReadyCondition(view, reasons);
  }
  return true;
}

/** The digest part of an OCI artifact revision: `6.1.8@sha256:abc` → `sha256:abc`. */
export function digestOfRevision(revision: string): string | undefined {
  const at = revision.lastIndexOf('@');
  const candidate = at >= 0 ? revision.slice(at + 1) : revision;
  return /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/.test(candidate)
    ? candidate
    : undefined;
}
