import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AttestationReport,
  evaluatePromotionGates,
  isModelKitEntity,
  isValidOciDigest,
  isValidOciTag,
  ModelKitEntityV1alpha1,
  modelkitPromoteOverridePermission,
  modelkitPromotePermission,
  modelkitReadPermission,
  parsePromotionEnvironments,
  PromotionEnvironment,
  PromotionEvaluation,
  PromotionGateResult,
} from '@kitstage/plugin-modelkit-common';
import { ModelKitAccessService, ModelKitProvenance } from '../access';
import { AttestationService, readAttestationPolicies } from '../attestation';
import { classifyModelKitManifest } from '../modelkit';
import { OciSource } from '../registry';

/**
 * What a promotion was decided on, besides the gates: the entities and the registry source.
 *
 * @public
 */
export interface PromotionContext {
  /** The decision on every gate. */
  evaluation: PromotionEvaluation;
  /** The Component being promoted, as read from the catalog. */
  component?: Entity;
  /** The ModelKit entity the Component depends on. */
  modelKit?: Entity;
  /** Where the ModelKit entity came from; only a trusted one unlocks the registry and lifecycle. */
  provenance?: ModelKitProvenance;
  /** The target environment from `kitstage.environments`, when it is configured. */
  environment?: PromotionEnvironment;
  /** The registry source serving the ModelKit's repository, and the repository name in it. */
  source?: { source: OciSource; repository: string };
  /** The attestation report of the version, when the environment has a policy. */
  report?: AttestationReport;
}

/**
 * Options of {@link evaluatePromotion}.
 *
 * @public
 */
export interface EvaluatePromotionOptions {
  /** The root config; `kitstage.environments` is read from it. */
  config: Config;
  /**
   * The authorization helper: reads the entities as the caller, decides the promote and
   * override permissions, requires a user (or a configured service) principal, and decides
   * whether the ModelKit comes from a configured registry.
   */
  access: ModelKitAccessService;
  /** Verifies the version's attestations against the environment's policy. */
  attestations: AttestationService;
  /** The credentials of the caller who asks for the promotion. */
  credentials: BackstageCredentials;
  /** Entity reference of the Component (kind defaults to `component`). */
  component: string;
  /** Name of the target environment. */
  environment: string;
  /** Tag or sha256 digest of the ModelKit version. */
  version: string;
  /** Entity reference of the ModelKit, required when the Component depends on several. */
  modelKit?: string;
  /** Aborts the registry and attestation reads. */
  signal?: AbortSignal;
}

/**
 * Reads the promotion environments from `kitstage.environments`.
 *
 * @remarks
 *
 * An environment's `policy` must be a lifecycle defined under `kitstage.policies.lifecycles`:
 * a policy no entry defines requires nothing (or only the `default` rules), so a misspelt name
 * would let every version into the environment without evidence.
 *
 * @throws InputError naming the environment and the field that is wrong.
 * @public
 */
export function readPromotionEnvironments(
  config: Config,
): PromotionEnvironment[] {
  const environments = parsePromotionEnvironments(
    config.getOptional('kitstage.environments'),
  );
  const { lifecycles } = readAttestationPolicies(config);
  const defined = Object.keys(lifecycles);
  environments.forEach((environment, index) => {
    const { policy } = environment;
    if (
      policy !== undefined &&
      !Object.prototype.hasOwnProperty.call(lifecycles, policy)
    ) {
      throw new InputError(
        `kitstage.environments[${index}].policy of environment ${
          environment.name
        } names the lifecycle policy "${policy}", which kitstage.policies.lifecycles does not define (${
          defined.length > 0
            ? `defined: ${defined.sort().join(', ')}`
            : 'it defines none'
        }); without it every version would reach ${
          environment.name
        } without evidence`,
      );
    }
  });
  return environments;
}

/** Replaces one gate's result and decides the evaluation again, as the common evaluator does. */
function replaceGate(
  evaluation: PromotionEvaluation,
  gate: PromotionGateResult['gate'],
  replacement: Omit<PromotionGateResult, 'gate'>,
  mayOverride: boolean,
): PromotionEvaluation {
  const gates = evaluation.gates.map(g =>
    g.gate === gate ? { gate, ...replacement } : g,
  );
  const failed = gates.filter(g => !g.passed);
  return {
    ...evaluation,
    gates,
    allowed: failed.length === 0,
    canOverride:
      failed.length > 0 && failed.every(g => g.overridable) && mayOverride,
    refusals: failed.map(g => g.message),
  };
}

function modelKitRefsOf(component: Entity): string[] {
  const fromRelations = (component.relations ?? [])
    .filter(relation => relation.type === 'dependsOn')
    .map(relation => relation.targetRef)
    .filter(ref => ref.startsWith('modelkit:'));
  const dependsOn = (component.spec?.dependsOn as unknown[] | undefined) ?? [];
  const fromSpec = dependsOn
    .filter((ref): ref is string => typeof ref === 'string')
    .filter(ref => ref.toLowerCase().startsWith('modelkit:'))
    .map(ref =>
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultNamespace: component.metadata.namespace ?? 'default',
        }),
      ),
    );
  return [...new Set([...fromRelations, ...fromSpec])];
}

/**
 * Evaluates a promotion of a ModelKit version to an environment, for both the scaffolder
 * action that performs it and the backend route that shows the gates beforehand; the gates are
 * decided by `evaluatePromotionGates` of `@kitstage/plugin-modelkit-common`.
 *
 * Gathers the facts of a promotion through the access service, as the caller: the Component
 * and its ModelKit from the catalog, the two permission decisions on the Component, whether
 * the caller is a principal that may write (a user, or a service listed under
 * `kitstage.authorization.servicePrincipals`: any other service may neither promote nor
 * override), and whether the ModelKit entity comes from a configured registry. Only a trusted
 * ModelKit has its registry read (the digest of the version, the attestation policy) and its
 * lifecycle believed; an untrusted one refuses the promotion with the provenance reason, a
 * refusal no override passes. Nothing is written.
 *
 * @public
 */
export async function evaluatePromotion(
  options: EvaluatePromotionOptions,
): Promise<PromotionContext> {
  const { credentials, access } = options;
  let componentName;
  try {
    componentName = parseEntityRef(options.component, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(
      `component "${options.component}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  const componentRef = stringifyEntityRef(componentName);
  if (componentName.kind.toLowerCase() !== 'component') {
    throw new InputError(
      `component must name a Component, got "${options.component}"`,
    );
  }
  const parsedComponent = access.parseEntityName(componentName, 'component');
  const component = await access.readEntity(
    { kind: 'Component', ...parsedComponent },
    { credentials },
  );
  const candidates = modelKitRefsOf(component);
  let modelKitRef: string;
  if (options.modelKit) {
    modelKitRef = stringifyEntityRef(
      parseEntityRef(options.modelKit, {
        defaultKind: 'modelkit',
        defaultNamespace: 'default',
      }),
    );
    if (!candidates.includes(modelKitRef)) {
      throw new InputError(
        `${componentRef} does not depend on ${modelKitRef} (it depends on ${
          candidates.join(', ') || 'no ModelKit'
        })`,
      );
    }
  } else if (candidates.length === 1) {
    modelKitRef = candidates[0];
  } else {
    throw new InputError(
      candidates.length === 0
        ? `${componentRef} depends on no ModelKit (spec.dependsOn: modelkit:<name>)`
        : `${componentRef} depends on several ModelKits (${candidates.join(
            ', ',
          )}); say which one with the modelKit input`,
    );
  }
  const modelKitName = parseEntityRef(modelKitRef);
  let modelKit: Entity | undefined;
  try {
    modelKit = await access.readEntity(
      {
        kind: 'ModelKit',
        ...access.parseEntityName(modelKitName, 'modelKit'),
      },
      // Its versions and attestations are read next: the registry data of the ModelKit.
      {
        credentials,
        permission: modelkitReadPermission,
        purpose: 'read the registry data of',
      },
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  if (!modelKit || !isModelKitEntity(modelKit)) {
    throw new NotFoundError(
      `The ModelKit ${modelKitRef} is not in the catalog`,
    );
  }
  const modelKitEntity: ModelKitEntityV1alpha1 = modelKit;
  const repository = modelKitEntity.spec.repository;
  const lifecycle = modelKitEntity.spec.lifecycle;
  const provenance = access.provenanceOf(modelKitEntity);

  const environments = readPromotionEnvironments(options.config);
  const environment = environments.find(e => e.name === options.environment);

  const [promote, override] = await access.decide(credentials, [
    { permission: modelkitPromotePermission, resourceRef: componentRef },
    {
      permission: modelkitPromoteOverridePermission,
      resourceRef: componentRef,
    },
  ]);
  const writer = access.mayWrite(credentials);
  const mayPromote = promote && writer;
  const mayOverride = override && writer;

  const version = options.version.trim();
  const isDigest = isValidOciDigest(version);
  const target: PromotionEvaluation['target'] = {
    modelKitEntityRef: modelKitRef,
    lifecycle,
    repository,
    requested: version,
    ...(isDigest ? {} : { tag: version }),
  };
  let versionProblem: string | undefined;
  let source: PromotionContext['source'];
  if (!provenance.trusted) {
    versionProblem = `${modelKitRef} is ${provenance.reason}; Kitstage reads registries, gates and policies only for ModelKits from a configured registry`;
  } else {
    try {
      const trusted = access.trustModelKit(modelKitEntity);
      source = { source: trusted.source, repository: trusted.repository };
    } catch (error) {
      versionProblem = (error as Error).message;
    }
  }
  if (source) {
    if (!isDigest && !isValidOciTag(version)) {
      versionProblem = 'it is neither a tag nor a sha256 digest';
    } else {
      try {
        const digest = isDigest
          ? version
          : (
              await source.source.resolveTag(source.repository, version, {
                signal: options.signal,
              })
            ).digest;
        // Only a ModelKit is a version: not a container image, an index, a signature or an
        // attestation that anyone with push rights may have put in the repository.
        const manifest = await source.source.getManifest(
          source.repository,
          digest,
          { signal: options.signal },
        );
        const classification = classifyModelKitManifest(manifest);
        if (classification.modelKit) {
          target.digest = manifest.digest;
          target.pinnedReference = `${repository}@${manifest.digest}`;
        } else {
          versionProblem = `${repository}@${manifest.digest} is not a ModelKit: it is ${classification.reason}`;
        }
      } catch (error) {
        versionProblem = (error as Error).message;
      }
    }
  }

  let report: AttestationReport | undefined;
  let policy;
  let policyProblem: string | undefined;
  if (environment?.policy && target.digest) {
    try {
      report = await options.attestations.verifyVersion({
        repository,
        digest: target.digest,
        signal: options.signal,
      });
      policy = options.attestations.evaluatePolicy(report, environment.policy);
    } catch (error) {
      policyProblem = (error as Error).message;
    }
  }

  let evaluation = evaluatePromotionGates({
    componentEntityRef: componentRef,
    environmentName: options.environment,
    environment,
    target,
    versionProblem,
    mayPromote,
    mayOverride,
    policy,
    policyProblem,
  });
  if (promote && !writer) {
    let message = `Promoting ${componentRef} needs a signed-in user`;
    try {
      access.requireWriter(credentials, `Promoting ${componentRef}`);
    } catch (error) {
      message = (error as Error).message;
    }
    evaluation = replaceGate(
      evaluation,
      'permission',
      { passed: false, overridable: false, message },
      mayOverride,
    );
  }
  if (!provenance.trusted && environment) {
    evaluation = replaceGate(
      evaluation,
      'lifecycle',
      {
        passed: false,
        overridable: false,
        message: `The lifecycle "${lifecycle}" of ${modelKitRef} is not trusted: it is ${provenance.reason}`,
      },
      mayOverride,
    );
  }
  return {
    evaluation,
    component,
    modelKit,
    provenance,
    environment,
    source,
    report,
  };
}
