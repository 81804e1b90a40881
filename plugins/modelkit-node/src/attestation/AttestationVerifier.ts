import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  AttestationReport,
  AttestationResult,
  buildCosignVerifyCommand,
  countAttestationStates,
  CosignVerifyCommand,
} from '@kitstage/plugin-modelkit-common';
import { isOciDigest, isOciRepositoryName } from '../registry/digest';
import { RegistryError } from '../registry/errors';
import { OciSource } from '../registry/types';
import { TrustContext } from './checkSignature';
import {
  AttestationLimits,
  AttestationVerifierConfig,
  readAttestationVerifierConfig,
} from './config';
import {
  AttestationBudget,
  DiscoveredLayer,
  discoverAttestations,
} from './discoverAttestations';
import { KeylessTrust } from './KeylessTrust';
import { TrustedKey, TrustedKeyAlgorithm } from './TrustedKey';
import {
  AttestationLayer,
  AttestationLayerResult,
  verifyLayer,
} from './verifyLayer';

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

const LAYER_FETCH_CONCURRENCY = 4;

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
  async verifyLayer(
    layer: AttestationLayer,
    subjectDigest: string,
    options: { loadSubjectManifest?: () => Promise<Buffer> } = {},
  ): Promise<AttestationLayerResult> {
    if (!isOciDigest(subjectDigest)) {
      throw new InputError(
        `"${subjectDigest.slice(0, 200)}" is not a manifest digest`,
      );
    }
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
    const contents = await this.#fetchLayers(
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
      const found = discovery.layers[i];
      const content = contents[i];
      const location = {
        manifestDigest: found.manifestDigest,
        ...(found.tag ? { tag: found.tag } : {}),
        layerIndex: found.layerIndex,
        layerDigest: found.layer.digest,
        mediaType: found.layer.mediaType,
        size: found.layer.size,
      };
      const id = `${found.manifestDigest}#${found.layerIndex}`;
      if (!content.ok) {
        attestations.push({
          id,
          kind: found.layer.mediaType.includes('simplesigning')
            ? 'signature'
            : 'attestation',
          discoveredVia: found.discoveredVia,
          location,
          state: 'not-checked',
          reason: content.reason,
          signatures: [],
        });
        continue;
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
        attestations.push({
          id,
          kind: 'attestation',
          discoveredVia: found.discoveredVia,
          location,
          state: 'not-checked',
          reason: `not checked: ${(error as Error).message}`,
          signatures: [],
        });
        continue;
      }
      const tlogTime = result.signer?.transparencyLog?.integratedTime;
      const createdAt = found.createdAt ?? tlogTime;
      const command = this.#command(image, result);
      attestations.push({
        id,
        ...result,
        discoveredVia: found.discoveredVia,
        location,
        ...(createdAt ? { createdAt } : {}),
        ...(command ? { command } : {}),
      });
    }
    for (const skipped of budget.skipped) {
      attestations.push({
        id:
          skipped.location.layerIndex === undefined
            ? skipped.location.manifestDigest
            : `${skipped.location.manifestDigest}#${skipped.location.layerIndex}`,
        kind: skipped.kind,
        discoveredVia: skipped.discoveredVia,
        location: skipped.location,
        state: 'not-checked',
        reason: skipped.reason,
        signatures: [],
      });
    }
    return {
      subject: {
        source: source.name,
        repository: `${source.host}/${repository}`,
        digest,
      },
      attestations,
      counts: countAttestationStates(attestations, budget.omitted),
      limits: {
        maxAttestations: this.limits.maxAttestations,
        maxBytes: this.limits.maxBytes,
        bytesRead: budget.bytes,
        ...(budget.reached ? { reached: budget.reached } : {}),
        omitted: budget.omitted,
      },
      discovery: {
        ...(discovery.referrersVia
          ? { referrers: discovery.referrersVia }
          : {}),
        errors: discovery.errors,
      },
      otherReferrers: discovery.otherReferrers,
      complete:
        discovery.errors.length === 0 &&
        !attestations.some(a => a.state === 'not-checked') &&
        budget.omitted === 0,
      checkedAt: new Date().toISOString(),
    };
  }

  async #fetchLayers(
    source: OciSource,
    repository: string,
    layers: DiscoveredLayer[],
    budget: AttestationBudget,
    signal: AbortSignal | undefined,
  ): Promise<
    Array<{ ok: true; bytes: Buffer } | { ok: false; reason: string }>
  > {
    // Bytes are reserved in discovery order, so which layers fit is deterministic.
    const reserved = layers.map(found => budget.takeBytes(found.layer.size));
    const results: Array<
      { ok: true; bytes: Buffer } | { ok: false; reason: string }
    > = new Array(layers.length);
    let next = 0;
    const worker = async () => {
      while (next < layers.length) {
        const index = next++;
        const found = layers[index];
        if (!reserved[index]) {
          results[index] = { ok: false, reason: budget.limitReason() };
          continue;
        }
        try {
          results[index] = {
            ok: true,
            bytes: await source.getBlob(repository, found.layer, {
              maxBytes: Math.max(found.layer.size, 1),
              signal,
            }),
          };
        } catch (error) {
          if (RegistryError.is(error, 'aborted')) {
            throw error;
          }
          results[index] = {
            ok: false,
            reason: `not checked: the layer could not be read (${
              (error as Error).message
            })`,
          };
        }
      }
    };
    await Promise.all(
      Array.from(
        { length: Math.min(LAYER_FETCH_CONCURRENCY, layers.length) },
        worker,
      ),
    );
    return results;
  }

  #command(
    image: string,
    result: AttestationLayerResult,
  ): CosignVerifyCommand | undefined {
    const name = result.signer?.trustedName;
    if (!name) {
      return undefined;
    }
    const common = {
      image,
      kind: result.kind,
      ...(result.predicateType ? { predicateType: result.predicateType } : {}),
      transparencyLog: result.transparencyLog,
      bundleFormat: result.format === 'sigstore-bundle',
    };
    if (result.signer?.type === 'public-key') {
      return buildCosignVerifyCommand({
        ...common,
        signer: { type: 'public-key', keyName: name },
      });
    }
    const identity = this.#trust.keyless?.identities.find(i => i.name === name);
    if (!identity) {
      return undefined;
    }
    return buildCosignVerifyCommand({
      ...common,
      signer: {
        type: 'certificate',
        ...(identity.subject !== undefined
          ? { subject: identity.subject }
          : { subjectPattern: `^(?:${identity.subjectPattern})$` }),
        issuer: identity.issuer,
      },
      ...(this.#trust.keyless?.trustedRootFile
        ? { trustedRootFile: this.#trust.keyless.trustedRootFile }
        : {}),
    });
  }
}
