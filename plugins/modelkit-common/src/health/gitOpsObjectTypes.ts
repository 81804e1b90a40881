import type {
  KubernetesConditionLike,
  KubernetesObjectLike,
} from './kubernetesObjectTypes';

/**
 * A Flux source reference (`spec.sourceRef`, `spec.chartRef`, `spec.chart.spec.sourceRef`).
 *
 * @public
 */
export interface FluxSourceReferenceLike {
  /** The kind of the source, e.g. `GitRepository` or `OCIRepository`. */
  kind?: string;
  /** The name of the source. */
  name?: string;
  /** Defaults to the namespace of the referring object. */
  namespace?: string;
  /** Any other field (`apiVersion`), passed through unread. */
  [key: string]: unknown;
}

/**
 * A Flux `Kustomization` (`kustomize.toolkit.fluxcd.io/v1`).
 *
 * @public
 */
export interface FluxKustomizationLike extends KubernetesObjectLike {
  /** The Kustomization's desired state. */
  spec?: {
    /** True when Flux was told to stop reconciling it. */
    suspend?: boolean;
    /** The GitRepository or OCIRepository it applies from. */
    sourceRef?: FluxSourceReferenceLike;
    /** Any other spec field, passed through unread. */
    [key: string]: unknown;
  };
  /** What kustomize-controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /** `Ready`, `Stalled` and `Reconciling` (kstatus). */
    conditions?: KubernetesConditionLike[];
    /** The source revision last applied successfully, e.g. `main@sha1:<commit>`. */
    lastAppliedRevision?: string;
    /** The source revision last tried. */
    lastAttemptedRevision?: string;
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * A Flux `HelmRelease` (`helm.toolkit.fluxcd.io/v2`).
 *
 * @public
 */
export interface FluxHelmReleaseLike extends KubernetesObjectLike {
  /** The HelmRelease's desired state. */
  spec?: {
    /** True when Flux was told to stop reconciling it. */
    suspend?: boolean;
    /** The OCIRepository (or HelmChart) of the chart, for releases that reference one. */
    chartRef?: FluxSourceReferenceLike;
    /** The chart template, whose `spec.sourceRef` names the chart's source. */
    chart?: { spec?: { sourceRef?: FluxSourceReferenceLike } };
    /** Any other spec field, passed through unread. */
    [key: string]: unknown;
  };
  /** What helm-controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /** `Ready`, `Stalled` and `Reconciling` (kstatus). */
    conditions?: KubernetesConditionLike[];
    /** `history[0]` is the current release; `ociDigest` is set for OCIRepository charts. */
    history?: Array<{
      chartVersion?: string;
      ociDigest?: string;
      [key: string]: unknown;
    }>;
    /** The chart version last tried. */
    lastAttemptedRevision?: string;
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * A Flux source: `GitRepository` or `OCIRepository` (`source.toolkit.fluxcd.io/v1`).
 *
 * @public
 */
export interface FluxSourceLike extends KubernetesObjectLike {
  /** The source's desired state; `suspend` is true when Flux was told to stop fetching. */
  spec?: { suspend?: boolean; [key: string]: unknown };
  /** What source-controller last reported. */
  status?: {
    /** The `metadata.generation` the status is about. */
    observedGeneration?: number;
    /** `Ready`, `Stalled`, `Reconciling` and `SourceVerified`. */
    conditions?: KubernetesConditionLike[];
    /** `revision` is `main@sha1:<commit>` (Git) or `<tag>@sha256:<digest>` (OCI). */
    artifact?: { revision?: string; digest?: string; [key: string]: unknown };
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}

/**
 * One source of an Argo CD Application (`spec.source`, or an entry of `spec.sources`).
 *
 * @public
 */
export interface ArgoCdApplicationSourceLike {
  /** The Git repository, Helm repository or OCI registry. */
  repoURL?: string;
  /** The directory within a Git repository. */
  path?: string;
  /** The Helm chart, for a Helm repository. */
  chart?: string;
  /** The branch, tag, commit or chart version. */
  targetRevision?: string;
  /** The name other sources use to refer to this one (`$values`). */
  ref?: string;
  /** Any other field, passed through unread. */
  [key: string]: unknown;
}

/**
 * An Argo CD `Application` (`argoproj.io/v1alpha1`).
 *
 * @public
 */
export interface ArgoCdApplicationLike extends KubernetesObjectLike {
  /** The desired state; `syncPolicy.automated` is set when Argo CD syncs by itself. */
  spec?: {
    syncPolicy?: { automated?: unknown };
    /** The one source of a single-source Application. */
    source?: ArgoCdApplicationSourceLike;
    /** The sources of a multi-source Application (instead of `source`). */
    sources?: ArgoCdApplicationSourceLike[];
    [key: string]: unknown;
  };
  /** What the Argo CD application controller last reported. */
  status?: {
    /**
     * `Synced`, `OutOfSync` or `Unknown`, and the revision compared against (`revisions`, one
     * per source, for a multi-source Application).
     */
    sync?: {
      status?: string;
      revision?: string;
      revisions?: string[];
      [key: string]: unknown;
    };
    /** `Healthy`, `Progressing`, `Degraded`, `Suspended`, `Missing` or `Unknown`. */
    health?: { status?: string; message?: string; [key: string]: unknown };
    /** The last (or running) sync operation: `Running`, `Failed`, `Error`, `Succeeded`... */
    operationState?: {
      phase?: string;
      message?: string;
      [key: string]: unknown;
    };
    /** Application conditions such as `ComparisonError` or `SharedResourceWarning`. */
    conditions?: Array<{ type?: string; message?: string }>;
    /** The managed resources with their sync and health status. */
    resources?: Array<{
      kind?: string;
      namespace?: string;
      name?: string;
      status?: string;
      health?: { status?: string; message?: string };
      [key: string]: unknown;
    }>;
    /** Any other status field, passed through unread. */
    [key: string]: unknown;
  };
}
