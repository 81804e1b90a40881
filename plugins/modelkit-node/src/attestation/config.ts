import { Config } from '@backstage/config';
import {
  AttestationPolicyConfig,
  parseAttestationPolicyConfig,
} from '@kitstage/plugin-modelkit-common';
import { KeylessTrust, KeylessTrustConfig } from './KeylessTrust';
import {
  TRUSTED_KEY_ALGORITHMS,
  TrustedKey,
  TrustedKeyAlgorithm,
  TrustedKeyConfig,
} from './TrustedKey';

/**
 * Limits on what is read for one ModelKit version, against hostile registries.
 *
 * @public
 */
export interface AttestationLimits {
  /** Most attestations and signatures checked; the rest are `not-checked`. */
  maxAttestations: number;
  /** Most bytes of attestation manifests and layers read; the rest are `not-checked`. */
  maxBytes: number;
}

/**
 * The default {@link AttestationLimits}: 100 attestations and 128 MiB per version.
 *
 * @public
 */
export const DEFAULT_ATTESTATION_LIMITS: Readonly<AttestationLimits> =
  Object.freeze({ maxAttestations: 100, maxBytes: 128 * 1024 * 1024 });

/**
 * The settings of the attestation verifier (`kitstage.attestations`), with defaults applied.
 *
 * @public
 */
export interface AttestationVerifierConfig {
  /** The trusted keys. */
  keys: TrustedKeyConfig[];
  /** Keyless trust, when configured. */
  keyless?: KeylessTrustConfig;
  /** The limits per version. */
  limits: AttestationLimits;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ROOT = 'kitstage.attestations';

function fail(path: string, message: string): never {
  throw new Error(`${path}: ${message}`);
}

function readName(config: Config, path: string, seen: Map<string, string>) {
  const name = config.getString('name');
  if (!NAME.test(name)) {
    fail(
      `${path}.name`,
      `"${name}" is not a valid signer name; use letters, digits, '.', '_' and '-' (at most 63 characters)`,
    );
  }
  const other = seen.get(name);
  if (other) {
    fail(`${path}.name`, `"${name}" is already the name of ${other}`);
  }
  seen.set(name, path);
  return name;
}

function readLimit(config: Config | undefined, key: keyof AttestationLimits) {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) {
    return DEFAULT_ATTESTATION_LIMITS[key];
  }
  if (!Number.isSafeInteger(value) || value < 1) {
    fail(`${ROOT}.limits.${key}`, 'must be a positive integer');
  }
  return value;
}

function readTrustedRoot(config: Config, path: string): unknown {
  const raw = config.getOptional('trustedRoot');
  if (raw === undefined) {
    fail(
      `${path}.trustedRoot`,
      'is required for keyless verification (the Sigstore trusted_root.json, e.g. trustedRoot: { $file: ./trusted_root.json })',
    );
  }
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw);
    } catch (error) {
      fail(`${path}.trustedRoot`, `is not JSON (${(error as Error).message})`);
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    fail(`${path}.trustedRoot`, 'must be the trusted root JSON or an object');
  }
  return raw;
}

/**
 * Reads `kitstage.attestations`: trusted keys, keyless trust and limits. Every key is parsed
 * and the trusted root is loaded, so a mistake fails the backend start with the config path.
 *
 * @throws Error naming the config key when a value is invalid.
 * @public
 */
export function readAttestationVerifierConfig(
  config: Config,
): AttestationVerifierConfig {
  const root = config.getOptionalConfig(ROOT);
  const seen = new Map<string, string>();
  const keys = (root?.getOptionalConfigArray('keys') ?? []).map(
    (entry, index) => {
      const path = `${ROOT}.keys[${index}]`;
      const name = readName(entry, path, seen);
      const algorithm = entry.getOptionalString('algorithm');
      if (
        algorithm !== undefined &&
        !(TRUSTED_KEY_ALGORITHMS as readonly string[]).includes(algorithm)
      ) {
        fail(
          `${path}.algorithm`,
          `"${algorithm}" is not supported; use one of ${TRUSTED_KEY_ALGORITHMS.join(
            ', ',
          )}`,
        );
      }
      const keyId = entry.getOptionalString('keyId');
      const key: TrustedKeyConfig = {
        name,
        publicKey: entry.getString('publicKey'),
        ...(algorithm ? { algorithm: algorithm as TrustedKeyAlgorithm } : {}),
        ...(keyId ? { keyId } : {}),
      };
      try {
        TrustedKey.fromConfig(key);
      } catch (error) {
        fail(`${path}.publicKey`, (error as Error).message);
      }
      return key;
    },
  );

  let keyless: KeylessTrustConfig | undefined;
  const keylessConfig = root?.getOptionalConfig('keyless');
  if (keylessConfig) {
    const path = `${ROOT}.keyless`;
    const identities = keylessConfig
      .getConfigArray('identities')
      .map((entry, index) => {
        const identityPath = `${path}.identities[${index}]`;
        const name = readName(entry, identityPath, seen);
        const subject = entry.getOptionalString('subject');
        const subjectPattern = entry.getOptionalString('subjectPattern');
        if ((subject === undefined) === (subjectPattern === undefined)) {
          fail(identityPath, 'set exactly one of subject and subjectPattern');
        }
        if (subjectPattern !== undefined) {
          try {
            // eslint-disable-next-line no-new
            new RegExp(subjectPattern, 'u');
          } catch (error) {
            fail(
              `${identityPath}.subjectPattern`,
              `is not a valid regular expression (${(error as Error).message})`,
            );
          }
        }
        return {
          name,
          ...(subject !== undefined ? { subject } : {}),
          ...(subjectPattern !== undefined ? { subjectPattern } : {}),
          issuer: entry.getString('issuer'),
        };
      });
    if (identities.length === 0) {
      fail(`${path}.identities`, 'must list at least one trusted identity');
    }
    const trustedRootFile = keylessConfig.getOptionalString('trustedRootFile');
    keyless = {
      trustedRoot: readTrustedRoot(keylessConfig, path),
      ...(trustedRootFile ? { trustedRootFile } : {}),
      identities,
      requireCertificateTransparency:
        keylessConfig.getOptionalBoolean('requireCertificateTransparency') ??
        true,
    };
    try {
      KeylessTrust.fromConfig(keyless);
    } catch (error) {
      fail(`${path}.trustedRoot`, (error as Error).message);
    }
  }

  const limits = root?.getOptionalConfig('limits');
  return {
    keys,
    ...(keyless ? { keyless } : {}),
    limits: {
      maxAttestations: readLimit(limits, 'maxAttestations'),
      maxBytes: readLimit(limits, 'maxBytes'),
    },
  };
}

/**
 * Reads the attestation policies per lifecycle from `kitstage.policies`. No policies means
 * nothing is required of any lifecycle.
 *
 * @throws Error naming each wrong field.
 * @public
 */
export function readAttestationPolicies(
  config: Config,
): AttestationPolicyConfig {
  return parseAttestationPolicyConfig(
    config.getOptional('kitstage.policies') ?? {},
    'kitstage.policies',
  );
}
