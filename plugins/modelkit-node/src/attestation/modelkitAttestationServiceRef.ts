import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  AttestationPolicyConfig,
  AttestationPolicyResult,
  AttestationReport,
  evaluateAttestationPolicy,
} from '@kitstage/plugin-modelkit-common';
import { modelkitRegistryServiceRef } from '../registry/modelkitRegistryServiceRef';
import { RegistryService } from '../registry/RegistryService';
import { AttestationVerifier, TrustedSigners } from './AttestationVerifier';
import { readAttestationPolicies } from './config';

/**
 * Attestation verification and policy evaluation for ModelKit versions, for backend routes.
 *
 * @public
 */
export interface AttestationService {
  /**
   * Verifies every attestation of a ModelKit version.
   *
   * @param options - `repository` is the repository reference, `host/path` (a ModelKit
   *   entity's `spec.repository`); `digest` the manifest digest of the version; `signal`
   *   aborts the discovery.
   * @throws NotFoundError when no configured source serves the repository's host;
   *   InputError when the repository or digest is malformed.
   */
  verifyVersion(options: {
    repository: string;
    digest: string;
    signal?: AbortSignal;
  }): Promise<AttestationReport>;

  /** Evaluates the policy of a lifecycle on a report. Pure; never throws. */
  evaluatePolicy(
    report: AttestationReport,
    lifecycle: string,
  ): AttestationPolicyResult;

  /** The configured policies (`kitstage.policies`). */
  getPolicies(): AttestationPolicyConfig;

  /** The trusted keys and keyless identities (`kitstage.attestations`). */
  getTrustedSigners(): TrustedSigners;
}

/**
 * The default {@link AttestationService}.
 *
 * @internal
 */
export class DefaultAttestationService implements AttestationService {
  readonly #verifier: AttestationVerifier;
  readonly #registry: RegistryService;
  readonly #policies: AttestationPolicyConfig;

  constructor(options: {
    verifier: AttestationVerifier;
    registry: RegistryService;
    policies: AttestationPolicyConfig;
  }) {
    this.#verifier = options.verifier;
    this.#registry = options.registry;
    this.#policies = options.policies;
  }

  async verifyVersion(options: {
    repository: string;
    digest: string;
    signal?: AbortSignal;
  }): Promise<AttestationReport> {
    let found;
    try {
      found = this.#registry.findSource(options.repository);
    } catch (error) {
      throw new InputError((error as Error).message);
    }
    if (!found) {
      throw new NotFoundError(
        `No registry or image layout under kitstage.registries serves "${options.repository.slice(
          0,
          300,
        )}"`,
      );
    }
    return this.#verifier.verify({
      source: found.source,
      repository: found.repository,
      digest: options.digest,
      signal: options.signal,
    });
  }

  evaluatePolicy(
    report: AttestationReport,
    lifecycle: string,
  ): AttestationPolicyResult {
    return evaluateAttestationPolicy({
      attestations: report.attestations,
      lifecycle,
      policies: this.#policies,
      complete: report.complete,
    });
  }

  getPolicies(): AttestationPolicyConfig {
    return this.#policies;
  }

  getTrustedSigners(): TrustedSigners {
    return this.#verifier.getTrustedSigners();
  }
}

/**
 * Attestation verification of Kitstage (`kitstage.attestations`, `kitstage.policies`), on the
 * plugin's {@link modelkitRegistryServiceRef}. The trusted keys, trusted root and policies are
 * read once per backend, so a configuration mistake fails the start.
 *
 * @public
 */
export const modelkitAttestationServiceRef =
  createServiceRef<AttestationService>({
    id: 'modelkit.attestations',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          rootConfig: coreServices.rootConfig,
          rootLogger: coreServices.rootLogger,
          registry: modelkitRegistryServiceRef,
        },
        createRootContext({ rootConfig, rootLogger }) {
          return {
            verifier: AttestationVerifier.fromConfig(rootConfig, {
              logger: rootLogger.child({ service: 'modelkit.attestations' }),
            }),
            policies: readAttestationPolicies(rootConfig),
          };
        },
        factory({ registry }, context) {
          return new DefaultAttestationService({ ...context, registry });
        },
      }),
  });
