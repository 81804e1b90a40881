import type {
  DeploymentCondition,
  DeploymentDelivery,
  DeploymentFluxSource,
  DeploymentWorkload,
  KubernetesObjectLike,
} from '@kitstage/plugin-modelkit-common';
import type { MatchedObjects } from './matchService';
import {
  conditionOf,
  isRecord,
  keyOf,
  labelsOf,
  nameOf,
  namespaceOf,
  readNumber,
  readPath,
  readString,
  refOf,
  uidOf,
} from './objects';
import { argoCdDelivery } from './argoCdDelivery';
import { bucketUrl, lastHandledReconcileAt } from './fluxStatus';
import { rolloutProgress } from './rolloutProgress';

function condition(
  object: KubernetesObjectLike,
  type: string,
): DeploymentCondition | undefined {
  return conditionOf(object, type);
}

function findSource(
  matched: MatchedObjects,
  referrer: KubernetesObjectLike,
  sourceRef: unknown,
): DeploymentFluxSource | undefined {
  if (!isRecord(sourceRef)) return undefined;
  const kind = readString(sourceRef.kind);
  const name = readString(sourceRef.name);
  const namespace = readString(sourceRef.namespace) ?? namespaceOf(referrer);
  const lists: Record<string, KubernetesObjectLike[]> = {
    GitRepository: matched.gitRepositories,
    OCIRepository: matched.ociRepositories,
    HelmRepository: matched.helmRepositories,
    Bucket: matched.buckets,
  };
  const list =
    (kind &&
      Object.prototype.hasOwnProperty.call(lists, kind) &&
      lists[kind]) ||
    [];
  const source = list.find(
    s => nameOf(s) === name && namespaceOf(s) === namespace,
  );
  if (!source) {
    return kind && name
      ? { kind, name, ...(namespace ? { namespace } : {}), suspended: false }
      : undefined;
  }
  const summary: DeploymentFluxSource = {
    ...refOf(source),
    suspended: readPath(source.spec, 'suspend') === true,
  };
  const url = readString(readPath(source.spec, 'url')) ?? bucketUrl(source);
  const revision = readString(readPath(source.status, 'artifact', 'revision'));
  const ready = condition(source, 'Ready');
  const verified = condition(source, 'SourceVerified');
  if (url) summary.url = url;
  if (revision) summary.revision = revision;
  if (ready) summary.ready = ready;
  if (verified) summary.verified = verified;
  const handled = lastHandledReconcileAt(source);
  if (handled) summary.lastHandledReconcileAt = handled;
  return summary;
}

/**
 * A Flux Kustomization's or HelmRelease's delivery: whether it is suspended and ready, the
 * revision applied, the one attempted when it differs, and its source.
 */
function fluxDelivery(
  matched: MatchedObjects,
  object: KubernetesObjectLike,
  revisions: { applied?: string; attempted?: string },
  sourceRef: unknown,
): DeploymentDelivery {
  const delivery: DeploymentDelivery = {
    controller: 'flux',
    object: refOf(object),
    suspended: readPath(object.spec, 'suspend') === true,
  };
  const ready = condition(object, 'Ready');
  const source = findSource(matched, object, sourceRef);
  if (ready) delivery.ready = ready;
  if (revisions.applied) delivery.appliedRevision = revisions.applied;
  if (revisions.attempted) delivery.attemptedRevision = revisions.attempted;
  if (source) delivery.source = source;
  const handled = lastHandledReconcileAt(object);
  if (handled) delivery.lastHandledReconcileAt = handled;
  return delivery;
}

/** A HelmRelease's applied chart version (with its OCI digest) and attempted revision. */
function helmRevisions(release: KubernetesObjectLike) {
  const history = readPath(release.status, 'history');
  const current = Array.isArray(history) ? history[0] : undefined;
  const chartVersion = readString(readPath(current, 'chartVersion'));
  const digest = readString(readPath(current, 'ociDigest'));
  const applied = chartVersion
    ? `${chartVersion}${digest ? `@${digest}` : ''}`
    : digest;
  const attempted = readString(
    readPath(release.status, 'lastAttemptedRevision'),
  );
  return {
    applied,
    attempted:
      attempted && attempted !== applied && attempted !== chartVersion
        ? attempted
        : undefined,
  };
}

/**
 * Describes the GitOps objects delivering a service: Flux Kustomizations and HelmReleases
 * with their sources and revisions, and Argo CD Applications with their sync and health.
 *
 * @internal
 */
export function summarizeDeliveries(
  matched: MatchedObjects,
): DeploymentDelivery[] {
  return [
    ...matched.kustomizations.map(kustomization => {
      const applied = readString(
        readPath(kustomization.status, 'lastAppliedRevision'),
      );
      const attempted = readString(
        readPath(kustomization.status, 'lastAttemptedRevision'),
      );
      return fluxDelivery(
        matched,
        kustomization,
        {
          applied,
          attempted: attempted && attempted !== applied ? attempted : undefined,
        },
        readPath(kustomization.spec, 'sourceRef'),
      );
    }),
    ...matched.helmReleases.map(release =>
      fluxDelivery(
        matched,
        release,
        helmRevisions(release),
        readPath(release.spec, 'chartRef') ??
          readPath(release.spec, 'chart', 'spec', 'sourceRef'),
      ),
    ),
    ...matched.applications.map(argoCdDelivery),
  ];
}

/** Counts of a set of pods. */
function podCounts(pods: KubernetesObjectLike[]): DeploymentWorkload['pods'] {
  let ready = 0;
  let crashLooping = 0;
  let restarts = 0;
  for (const pod of pods) {
    if (condition(pod, 'Ready')?.status === 'True') ready++;
    const statuses = [
      ...(asArray(readPath(pod.status, 'initContainerStatuses')) ?? []),
      ...(asArray(readPath(pod.status, 'containerStatuses')) ?? []),
    ];
    let looping = false;
    for (const status of statuses) {
      restarts += readNumber(readPath(status, 'restartCount')) ?? 0;
      if (
        readPath(status, 'state', 'waiting', 'reason') === 'CrashLoopBackOff'
      ) {
        looping = true;
      }
    }
    if (looping) crashLooping++;
  }
  return { total: pods.length, ready, crashLooping, restarts };
}

function asArray(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function imagesOf(podSpec: unknown): string[] {
  const images = new Set<string>();
  for (const list of ['initContainers', 'containers']) {
    for (const container of asArray(readPath(podSpec, list)) ?? []) {
      const image = readString(readPath(container, 'image'));
      if (image) images.add(image);
    }
  }
  return [...images];
}

/**
 * How an InferenceService's predictor splits its traffic among revisions, by
 * `status.components.predictor.traffic`: the entries with a revision name and a percentage, or
 * undefined when there is no such list.
 *
 * @internal
 */
export function predictorTraffic(
  service: KubernetesObjectLike,
): DeploymentWorkload['traffic'] {
  const traffic = asArray(
    readPath(service.status, 'components', 'predictor', 'traffic'),
  );
  return traffic?.flatMap(entry => {
    const revision = readString(readPath(entry, 'revisionName'));
    const percent = readNumber(readPath(entry, 'percent'));
    if (!revision || percent === undefined) return [];
    const tag = readString(readPath(entry, 'tag'));
    return [
      {
        revision,
        percent,
        latest: readPath(entry, 'latestRevision') === true,
        ...(tag ? { tag } : {}),
      },
    ];
  });
}

/** Whether a pod still counts: not finished and not being deleted. @internal */
export function isLivePod(pod: KubernetesObjectLike): boolean {
  const phase = readString(readPath(pod.status, 'phase'));
  return phase !== 'Succeeded' && phase !== 'Failed';
}

/** Whether an object names the workload among its owners. */
function ownedBy(object: KubernetesObjectLike, uid: string | undefined) {
  return (
    uid !== undefined &&
    (asArray(object.metadata?.ownerReferences) ?? []).some(
      owner => readPath(owner, 'uid') === uid,
    )
  );
}

/**
 * The Deployments an LLMInferenceService runs its model in, among the matched Deployments.
 *
 * @internal
 */
export function deploymentsOfLLMInferenceService(
  matched: MatchedObjects,
  service: KubernetesObjectLike,
): KubernetesObjectLike[] {
  const uid = uidOf(service);
  return matched.deployments.filter(deployment => ownedBy(deployment, uid));
}

/**
 * The pods of a Deployment or Argo Rollout (through its ReplicaSets), of an
 * LLMInferenceService (through its Deployments) or of an InferenceService (by KServe's
 * `serving.kserve.io/inferenceservice` label), among the matched pods.
 *
 * @internal
 */
export function podsOf(
  matched: MatchedObjects,
  workload: KubernetesObjectLike,
): KubernetesObjectLike[] {
  const namespace = namespaceOf(workload);
  if (workload.kind === 'LLMInferenceService') {
    return deploymentsOfLLMInferenceService(matched, workload).flatMap(
      deployment => podsOf(matched, deployment),
    );
  }
  if (workload.kind === 'Deployment' || workload.kind === 'Rollout') {
    const uid = uidOf(workload);
    const replicaSets = new Set(
      matched.replicaSets
        .filter(rs =>
          (asArray(rs.metadata?.ownerReferences) ?? []).some(
            owner => readPath(owner, 'uid') === uid,
          ),
        )
        .map(rs => uidOf(rs)),
    );
    return matched.pods.filter(pod =>
      (asArray(pod.metadata?.ownerReferences) ?? []).some(owner =>
        replicaSets.has(readString(readPath(owner, 'uid'))),
      ),
    );
  }
  return matched.pods.filter(
    pod =>
      namespaceOf(pod) === namespace &&
      labelsOf(pod)?.['serving.kserve.io/inferenceservice'] ===
        nameOf(workload),
  );
}

/**
 * The workload of a KServe InferenceService or LLMInferenceService: its live pods, the images
 * they run and the URL the service reports.
 */
function servingWorkload(
  matched: MatchedObjects,
  service: KubernetesObjectLike,
): DeploymentWorkload {
  const pods = podsOf(matched, service).filter(isLivePod);
  const images = new Set<string>();
  for (const pod of pods) {
    for (const image of imagesOf(pod.spec)) images.add(image);
  }
  const workload: DeploymentWorkload = {
    object: refOf(service),
    pods: podCounts(pods),
    images: [...images],
  };
  const url = readString(readPath(service.status, 'url'));
  if (url) workload.url = url;
  return workload;
}

/**
 * Describes the workloads of a service: Deployments and Argo Rollouts with replica counts
 * (and a Rollout's update), InferenceServices with their URL and traffic split,
 * LLMInferenceServices with their URL and model, each with the counts of its pods. The
 * Deployments of an LLMInferenceService are counted under it.
 *
 * @internal
 */
export function summarizeWorkloads(
  matched: MatchedObjects,
): DeploymentWorkload[] {
  const workloads: DeploymentWorkload[] = [];
  const ofLLMServices = new Set(
    matched.llmInferenceServices.flatMap(service =>
      deploymentsOfLLMInferenceService(matched, service),
    ),
  );
  for (const deployment of [...matched.deployments, ...matched.rollouts]) {
    if (ofLLMServices.has(deployment)) continue;
    const pods = podsOf(matched, deployment).filter(isLivePod);
    const status = deployment.status;
    workloads.push({
      object: refOf(deployment),
      replicas: {
        desired: readNumber(readPath(deployment.spec, 'replicas')) ?? 1,
        ready: readNumber(readPath(status, 'readyReplicas')) ?? 0,
        available: readNumber(readPath(status, 'availableReplicas')) ?? 0,
        updated: readNumber(readPath(status, 'updatedReplicas')) ?? 0,
      },
      pods: podCounts(pods),
      images: imagesOf(readPath(deployment.spec, 'template', 'spec')),
      ...(deployment.kind === 'Rollout'
        ? { rollout: rolloutProgress(deployment) }
        : {}),
    });
  }
  for (const service of matched.inferenceServices) {
    const workload = servingWorkload(matched, service);
    const traffic = predictorTraffic(service);
    if (traffic) workload.traffic = traffic;
    workloads.push(workload);
  }
  for (const service of matched.llmInferenceServices) {
    const workload = servingWorkload(matched, service);
    const modelUri = readString(readPath(service.spec, 'model', 'uri'));
    if (modelUri) workload.modelUri = modelUri;
    workloads.push(workload);
  }
  return workloads;
}

/** `namespace/name` of an object, for messages and keys. @internal */
export function describe(object: KubernetesObjectLike): string {
  return `${object.kind} ${keyOf(namespaceOf(object), nameOf(object))}`;
}
