import {
  DEPLOYMENT_HEALTH_PRECEDENCE,
  DeploymentHealth,
  DeploymentHealthStatus,
  HealthImpact,
  HealthReason,
} from './DeploymentHealth';
import {
  DeploymentHealthInput,
  DeploymentHealthOptions,
} from './DeploymentHealthInput';
import { evaluateArgoCd } from './evaluateArgoCd';
import { evaluateArgoRollouts } from './evaluateArgoRollouts';
import { evaluateFlux } from './evaluateFlux';
import { evaluateKServe } from './evaluateKServe';
import { evaluateLLMInferenceServices } from './evaluateLLMInferenceServices';
import { evaluateModelKits } from './evaluateModelKits';
import { evaluateWorkloads } from './evaluateWorkloads';
import { isRecord, ReasonList } from './objectView';

const DEFAULT_RESTART_THRESHOLD = 5;

/**
 * Works out the health of one service on one cluster from the objects observed for it.
 *
 * @remarks
 * Every reason carries an impact (see {@link HEALTH_REASON_CODES}); the status is the worst
 * impact by {@link DEPLOYMENT_HEALTH_PRECEDENCE}: `degraded` \> `suspended` \> `progressing`
 * \> `unknown` \> `healthy`. Reasons with impact `none` (a mutable tag, a missing
 * attestation) never change the status. When no Flux applier, Argo CD Application,
 * Deployment, ReplicaSet, Pod, Service, Argo Rollout (or AnalysisRun of its current update),
 * InferenceService or LLMInferenceService was observed the status is
 * `not-deployed`; sources and ModelKit references alone do not make a deployment, and
 * ModelKit references are then not judged.
 *
 * The status of a suspended Flux object is frozen, so only `flux-suspended` is reported for
 * it; the live state of its workloads is still judged, which is why a crash-looping pod
 * under a suspended Kustomization is `degraded`.
 *
 * The function is pure and total: any input, including objects with missing or mistyped
 * fields, gives a result, with `status-missing` or `status-malformed` reasons (impact
 * `unknown`) naming the object and field.
 *
 * @public
 */
export function evaluateDeploymentHealth(
  input: DeploymentHealthInput,
  options: DeploymentHealthOptions = {},
): DeploymentHealth {
  const reasons = new ReasonList();
  const source: Record<string, unknown> = isRecord(input) ? input : {};
  if (!isRecord(input)) {
    reasons.add('status-malformed', 'The health input is not an object');
  }
  const threshold =
    typeof options.podRestartWarningThreshold === 'number'
      ? options.podRestartWarningThreshold
      : DEFAULT_RESTART_THRESHOLD;

  const appliers = evaluateFlux(source, reasons);
  const applications = evaluateArgoCd(source.applications, reasons);
  const workloads = evaluateWorkloads(source, reasons, threshold);
  const rollouts = evaluateArgoRollouts(
    source.rollouts,
    source.analysisRuns,
    reasons,
  );
  const inferenceServices =
    evaluateKServe(source.inferenceServices, reasons) +
    evaluateLLMInferenceServices(source.llmInferenceServices, reasons);

  const observed =
    appliers +
    applications +
    workloads.objects +
    rollouts.rollouts +
    rollouts.analysisRuns +
    inferenceServices;
  if (observed === 0) {
    reasons.add(
      'no-objects',
      'No Flux, Argo CD, workload, Argo Rollouts or InferenceService object of this service was found on the cluster',
    );
    return { status: 'not-deployed', reasons: sortReasons(reasons.reasons) };
  }
  evaluateModelKits(source.modelKits, reasons);
  if (
    appliers + applications > 0 &&
    workloads.workloads + rollouts.rollouts + inferenceServices === 0
  ) {
    reasons.add(
      'no-workloads',
      'GitOps objects were found, but no Deployment, Pod, Rollout, InferenceService or LLMInferenceService of this service',
    );
  }

  return {
    status: statusOf(reasons.reasons),
    reasons: sortReasons(reasons.reasons),
  };
}

function statusOf(reasons: HealthReason[]): DeploymentHealthStatus {
  let status: DeploymentHealthStatus = 'healthy';
  for (const reason of reasons) {
    if (reason.impact === 'none' || reason.impact === 'not-deployed') {
      continue;
    }
    if (rank(reason.impact) < rank(status)) {
      status = reason.impact;
    }
  }
  return status;
}

function rank(impact: HealthImpact | DeploymentHealthStatus): number {
  const index = DEPLOYMENT_HEALTH_PRECEDENCE.indexOf(
    impact as DeploymentHealthStatus,
  );
  return index === -1 ? DEPLOYMENT_HEALTH_PRECEDENCE.length : index;
}

/** Worst impact first; the order of discovery is kept among equals. */
function sortReasons(reasons: HealthReason[]): HealthReason[] {
  return reasons
    .map((reason, index) => ({ reason, index }))
    .sort(
      (a, b) =>
        rank(a.reason.impact) - rank(b.reason.impact) || a.index - b.index,
    )
    .map(({ reason }) => reason);
}
