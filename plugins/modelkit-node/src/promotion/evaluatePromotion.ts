import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { InputError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AttestationReport,
  evaluatePromotionGates,
  isModelKitEntity,
  isValidOciDigest,
  isValidOciTag,
  modelkitPromoteOverridePermission,
  modelkitPromotePermission,
  parsePromotionEnvironments,
  PromotionEnvironment,
  PromotionEvaluation,
} from '@kitstage/plugin-modelkit-common';
import { AttestationService } from '../attestation';
import { OciSource, RegistryService } from '../registry';

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
  /** The catalog, read with the initiator's credentials. */
  catalog: CatalogService;
  /** Resolves the version to a digest in the ModelKit's registry. */
  registry: RegistryService;
  /** Verifies the version's attestations against the environment's policy. */
  attestations: AttestationService;
  /** Decides the promote and override permissions. */
  permissions: PermissionsService;
  /** The credentials of the user who asks for the promotion. */
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
 * @public
 */
export function readPromotionEnvironments(
  config: Config,
): PromotionEnvironment[] {
  return parsePromotionEnvironments(
    config.getOptional('kitstage.environments'),
  );
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
 * Gathers the facts of a promotion (the Component and its ModelKit from the catalog, the
 * digest of the version from the registry, the attestation policy result, the two permission
 * decisions with the initiator's credentials) and decides every gate. Nothing is written.
 *
 * @public
 */
export async function evaluatePromotion(
  options: EvaluatePromotionOptions,
): Promise<PromotionContext> {
  const { credentials } = options;
  let componentRef: string;
  try {
    componentRef = stringifyEntityRef(
      parseEntityRef(options.component, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch (error) {
    throw new InputError(
      `component "${options.component}" is not an entity reference: ${
        (error as Error).message
      }`,
    );
  }
  if (!componentRef.startsWith('component:')) {
    throw new InputError(
      `component must name a Component, got "${options.component}"`,
    );
  }
  const component = await options.catalog.getEntityByRef(componentRef, {
    credentials,
  });
  if (!component) {
    throw new NotFoundError(
      `The Component ${componentRef} is not in the catalog`,
    );
  }
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
  const modelKit = await options.catalog.getEntityByRef(modelKitRef, {
    credentials,
  });
  if (!modelKit || !isModelKitEntity(modelKit)) {
    throw new NotFoundError(
      `The ModelKit ${modelKitRef} is not in the catalog`,
    );
  }
  const repository = modelKit.spec.repository;
  const lifecycle = modelKit.spec.lifecycle;

  const environments = readPromotionEnvironments(options.config);
  const environment = environments.find(e => e.name === options.environment);

  const [promote, override] = await options.permissions.authorize(
    [
      { permission: modelkitPromotePermission, resourceRef: componentRef },
      {
        permission: modelkitPromoteOverridePermission,
        resourceRef: componentRef,
      },
    ],
    { credentials },
  );

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
  try {
    source = options.registry.findSource(repository);
  } catch (error) {
    versionProblem = (error as Error).message;
  }
  if (!source && !versionProblem) {
    versionProblem = `no registry under kitstage.registries serves ${repository}`;
  }
  if (source) {
    if (!isDigest && !isValidOciTag(version)) {
      versionProblem = 'it is neither a tag nor a sha256 digest';
    } else {
      try {
        const digest = isDigest
          ? (
              await source.source.getManifest(source.repository, version, {
                signal: options.signal,
              })
            ).digest
          : (
              await source.source.resolveTag(source.repository, version, {
                signal: options.signal,
              })
            ).digest;
        target.digest = digest;
        target.pinnedReference = `${repository}@${digest}`;
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

  const evaluation = evaluatePromotionGates({
    componentEntityRef: componentRef,
    environmentName: options.environment,
    environment,
    target,
    versionProblem,
    mayPromote: promote.result === AuthorizeResult.ALLOW,
    mayOverride: override.result === AuthorizeResult.ALLOW,
    policy,
    policyProblem,
  });
  return { evaluation, component, modelKit, environment, source, report };
}
