import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AttestationReport,
  AttestationResult,
} from '@kitstage/plugin-modelkit-common';
import { isOciDigest, isOciRepositoryName } from '../registry/digest';
import { OciSource } from '../registry/types';
import {
  buildAttestationReport,
  discoveredLayerLocation,
  notCheckedAttestation,
  skippedAttestationResult,
} from './attestationReport';
import { TrustContext } from './checkSignature';
import {
  AttestationLimits,
  AttestationVerifierConfig,
  readAttestationVerifierConfig,
} from './config';
import { cosignVerifyCommandFor } from './cosignVerifyCommand';
import {
  AttestationBudget,
  DiscoveredLayer,
  discoverAttestations,
} from './discoverAttestations';
import {
  AttestationLayerContent,
  fetchAttestationLayers,
} from './fetchAttestationLayers';
import { KeylessTrust } from './KeylessTrust';
import { SigningCertificateCache } from './SigningCertificateCache';
import { TrustedKey, TrustedKeyAlgorithm } from './TrustedKey';
import { AttestationLayerResult } from './layerResult';
import { AttestationLayer, verifyLayer } from './verifyLayer';

/**
 * Options for {@link AttestationVerifier.verify}.
 *
 * @public
 */
export interface VerifyAttestationsOptions {
  /** The registry or image layout holding the ModelKit. */
  source: OciSource;
  /** The repository within the source, e.g. `team/model`. */
  repository: string;
  /**
   * The manifest digest of the ModelKit version (`sha256:…`), as resolved and hashed by the
   * source. Tags are refused: attestations are bound to content, not names.
   */
  digest: string;
  /** Aborts the lookups. */
  signal?: AbortSignal;
}

/**
 * The trusted signers, for display next to verification results.
 *
 * @public
 */
export interface TrustedSigners {
  /** The trusted keys, by name. */
  keys: Array<{
    name: string;
    algorithm: TrustedKeyAlgorithm;
    fingerprint: string;
    keyId?: string;
  }>;
  /** The trusted keyless identities, by name. */
  identities: Array<{
    name: string;
    subject?: string;
    subjectPattern?: string;
    issuer: string;
  }>;
}

/**
 * Finds and verifies the attestations and signatures of ModelKit versions, offline: trusted
 * keys and keyless identities come from `kitstage.attestations`, the trusted root from a file;
 * nothing is fetched from public Sigstore services.
 *
 * @public
 */
export class AttestationVerifier {
  /** The limits per version. */
  readonly limits: AttestationLimits;
  readonly #trust: TrustContext;
  readonly #logger?: LoggerService;

  private constructor(
    config: AttestationVerifierConfig,
    logger?: LoggerService,
  ) {
    this.limits = config.limits;
    this.#trust = {
      keys: config.keys.map(key => TrustedKey.fromConfig(key)),
      ...(config.keyless
        ? { keyless: KeylessTrust.fromConfig(config.keyless) }
        : {}),
      certificates: new SigningCertificateCache(),
      lastVerifyingKey: {},
    };
    this.#logger = logger;
  }

  /**
   * Creates a verifier from the root config (`kitstage.attestations`).
   *
   * @throws Error naming the config key when a key, identity or trusted root is invalid.
   */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService } = {},
  ): AttestationVerifier {
    return new AttestationVerifier(
      readAttestationVerifierConfig(config),
      options.logger,
    );
  }

  /** Creates a verifier from settings already read. */
  static create(options: {
    config: AttestationVerifierConfig;
    logger?: LoggerService;
  }): AttestationVerifier {
    return new AttestationVerifier(options.config, options.logger);
  }

  /** The trusted keys and keyless identities. */
  getTrustedSigners(): TrustedSigners {
    return {
      keys: this.#trust.keys.map(key => ({
        name: key.name,
        algorithm: key.algorithm,
        fingerprint: key.fingerprint,
        ...(key.declaredKeyId ? { keyId: key.declaredKeyId } : {}),
      })),
      identities: (this.#trust.keyless?.identities ?? []).map(identity => ({
        ...identity,
      })),
    };
  }

  /**
   * Verifies one layer already in memory (a DSSE envelope, Sigstore bundle or cosign
   * simple-signing payload with its annotations) against a manifest digest. Used by
   * {@link AttestationVerifier.verify}; handy for benchmarks and for checking files.
   */
  verifyLayer(
    layer: AttestationLayer,
    subjectDigest: string,
    options: { loadSubjectManifest?: () => Promise<Buffer> } = {},
  ): Promise<AttestationLayerResult> {
    if (!isOciDigest(subjectDigest)) {
      return Promise.reject(
        new InputError(
          `"${subjectDigest.slice(0, 200)}" is not a manifest digest`,
        ),
      );
    }
    // The promise of `verifyLayer` itself (never throws: it is async), without another one
    // around it.
    return verifyLayer(
      layer,
      subjectDigest,
      this.#trust,
      options.loadSubjectManifest,
    );
  }

  /**
   * Finds every attestation and signature of a ModelKit version and verifies each: ends each in
   * exactly one state, within the configured limits.
   *
   * @throws InputError when the digest or repository is malformed. Lookup failures do not
   *   throw: they are listed in `discovery.errors` and make the report incomplete.
   */
  async verify(options: VerifyAttestationsOptions): Promise<AttestationReport> {
    const { source, repository, digest, signal } = options;
    if (!isOciDigest(digest)) {
      throw new InputError(
        `"${digest.slice(
          0,
          200,
        )}" is not a manifest digest (sha256:<64 hex>); attestations are verified against digests, not tags`,
      );
    }
    if (!isOciRepositoryName(repository)) {
      throw new InputError(
        `"${repository.slice(0, 300)}" is not a valid repository name`,
      );
    }
    const budget = new AttestationBudget(this.limits);
    const discovery = await discoverAttestations({
      source,
      repository,
      digest,
      budget,
      signal,
    });
    const contents = await fetchAttestationLayers(
      source,
      repository,
      discovery.layers,
      budget,
      signal,
    );

    let subjectManifest: Promise<Buffer> | undefined;
    const loadSubjectManifest = () => {
      subjectManifest ??= source
        .getManifest(repository, digest, { signal })
        .then(m => Buffer.from(m.raw, 'utf8'));
      return subjectManifest;
    };

    const image = `${source.host}/${repository}@${digest}`;
    const attestations: AttestationResult[] = [];
    for (let i = 0; i < discovery.layers.length; i++) {
      attestations.push(
        await this.#verifyFound(
          discovery.layers[i],
          contents[i],
          digest,
          image,
          loadSubjectManifest,
        ),
      );
    }
    attestations.push(...budget.skipped.map(skippedAttestationResult));
    return buildAttestationReport({
      source,
      repository,
      digest,
      attestations,
      budget,
      discovery,
    });
  }

  /** Verifies one discovered layer whose bytes were read, failing closed. */
  async #verifyFound(
    found: DiscoveredLayer,
    content: AttestationLayerContent,
    digest: string,
    image: string,
    loadSubjectManifest: () => Promise<Buffer>,
  ): Promise<AttestationResult> {
    const location = discoveredLayerLocation(found);
    const id = `${found.manifestDigest}#${found.layerIndex}`;
    if (!content.ok) {
      return notCheckedAttestation({
        id,
        kind: found.layer.mediaType.includes('simplesigning')
          ? 'signature'
          : 'attestation',
        found,
        location,
        reason: content.reason,
      });
    }
    let result: AttestationLayerResult;
    try {
      result = await verifyLayer(
        {
          content: content.bytes,
          mediaType: found.layer.mediaType,
          ...(found.layer.annotations
            ? { annotations: found.layer.annotations }
            : {}),
        },
        digest,
        this.#trust,
        loadSubjectManifest,
      );
    } catch (error) {
      // Fail closed: anything unexpected leaves the attestation unverified.
      this.#logger?.warn(
        `Could not verify attestation ${id} of ${image}: ${
          (error as Error).message
        }`,
      );
      return notCheckedAttestation({
        id,
        kind: 'attestation',
        found,
        location,
        reason: `not checked: ${(error as Error).message}`,
      });
    }
    const tlogTime = result.signer?.transparencyLog?.integratedTime;
    const createdAt = found.createdAt ?? tlogTime;
    const command = cosignVerifyCommandFor(image, result, this.#trust.keyless);
    return {
      id,
      ...result,
      discoveredVia: found.discoveredVia,
      location,
      ...(createdAt ? { createdAt } : {}),
      ...(command ? { command } : {}),
    };
  }
}
