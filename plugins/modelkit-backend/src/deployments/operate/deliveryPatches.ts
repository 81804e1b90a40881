import type { DeliveryActionName } from '@kitstage/plugin-modelkit-common';
import { DELIVERY_ACTIONS_BY_KIND } from '@kitstage/plugin-modelkit-common';
import { ConflictError, InputError } from '@backstage/errors';
import type { KubernetesObjectLike } from '@kitstage/plugin-modelkit-common';
import { nameOf, namespaceOf, readPath, readString } from '../matching/objects';

/** The annotation Flux controllers reconcile on when its value changes. @internal */
export const FLUX_RECONCILE_ANNOTATION = 'reconcile.fluxcd.io/requestedAt';
/** The annotation Argo CD's application controller refreshes an Application on. @internal */
export const ARGOCD_REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/**
 * What one action changes on a delivery object: the JSON merge patch its controller expects,
 * and the effect, in words, for the audit record.
 *
 * @internal
 */
export interface DeliveryPatch {
  patch: Record<string, unknown>;
  effect: string;
}

/**
 * Why Flux takes none of its actions on an object whose kind otherwise takes them, or
 * undefined: a HelmRepository of `spec.type: oci` is no source Flux reconciles. It produces
 * no artifact; source-controller only keeps it as the data a HelmChart (or HelmRelease) uses
 * to pull charts from the OCI registry, so a reconcile request, `spec.suspend` or a resume
 * would change nothing.
 *
 * @internal
 */
export function actionsNotTakenBy(
  object: KubernetesObjectLike,
): string | undefined {
  if (
    object.kind === 'HelmRepository' &&
    readString(readPath(object.spec, 'type')) === 'oci'
  ) {
    return `HelmRepository ${namespaceOf(object)}/${nameOf(
      object,
    )} is of type oci, which Flux does not reconcile (it holds no artifact; the HelmChart or HelmRelease that uses it pulls the chart), so reconcile, suspend and resume would change nothing; act on the HelmRelease instead`;
  }
  return undefined;
}

/**
 * The merge patch of one action on a delivery object, as the controller's own CLI sends it:
 * Flux reconcile sets `reconcile.fluxcd.io/requestedAt` to a fresh timestamp, suspend and
 * resume set `spec.suspend`; Argo CD refresh sets `argocd.argoproj.io/refresh: normal`, sync
 * sets the `operation` the application controller runs, as Argo CD documents a sync with
 * kubectl (the revision of the Application's spec, no pruning unless `prune`).
 *
 * @throws InputError when the kind does not take the action, or the object takes none (see
 *   `actionsNotTakenBy`); ConflictError when an Argo CD operation is already running.
 * @internal
 */
export function deliveryPatchOf(
  object: KubernetesObjectLike,
  action: DeliveryActionName,
  context: { now: Date; actor: string; prune: boolean },
): DeliveryPatch {
  const kind = object.kind ?? '';
  const allowed = DELIVERY_ACTIONS_BY_KIND[kind] ?? [];
  if (!allowed.includes(action)) {
    throw new InputError(
      `A ${kind} cannot be asked to ${action}; it takes ${
        allowed.join(', ') || 'no action'
      }`,
    );
  }
  const notTaken = actionsNotTakenBy(object);
  if (notTaken) throw new InputError(notTaken);
  switch (action) {
    case 'reconcile':
      return {
        patch: {
          metadata: {
            annotations: {
              [FLUX_RECONCILE_ANNOTATION]: context.now.toISOString(),
            },
          },
        },
        effect: `Flux reconciles the ${kind} now`,
      };
    case 'suspend':
      return {
        patch: { spec: { suspend: true } },
        effect: `Flux stops reconciling the ${kind} until it is resumed`,
      };
    case 'resume':
      return {
        patch: { spec: { suspend: false } },
        effect: `Flux reconciles the ${kind} again`,
      };
    case 'refresh':
      return {
        patch: {
          metadata: { annotations: { [ARGOCD_REFRESH_ANNOTATION]: 'normal' } },
        },
        effect:
          'Argo CD compares the Application with its Git source again, without syncing',
      };
    case 'sync':
    default:
      return argoCdSync(object, context);
  }
}

function argoCdSync(
  application: KubernetesObjectLike,
  context: { actor: string; prune: boolean },
): DeliveryPatch {
  const phase = readString(
    readPath(application.status, 'operationState', 'phase'),
  );
  if (application.operation !== undefined || phase === 'Running') {
    throw new ConflictError(
      `Application ${application.metadata?.namespace}/${application.metadata?.name} is already running an operation; wait for it to finish`,
    );
  }
  return {
    patch: {
      operation: {
        initiatedBy: { username: context.actor },
        // As Argo CD documents a sync through kubectl: no revision, so the controller syncs
        // to the spec's target revision; hooks run as in a sync from its UI.
        sync: { prune: context.prune, syncStrategy: { hook: {} } },
      },
    },
    effect: context.prune
      ? 'Argo CD syncs the Application to its target revision and prunes resources no longer in Git'
      : 'Argo CD syncs the Application to its target revision, without pruning',
  };
}
