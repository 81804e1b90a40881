import { CosignVerifyCommand } from './AttestationResult';

/**
 * What {@link buildCosignVerifyCommand} needs, all of it parsed values.
 *
 * @public
 */
export interface CosignVerifyCommandOptions {
  /** The image by digest: `registry.example.com/team/model@sha256:…`. */
  image: string;
  /** `attestation` gives `cosign verify-attestation`, `signature` gives `cosign verify`. */
  kind: 'attestation' | 'signature';
  /** The predicate type URI, for `--type`. */
  predicateType?: string;
  /** How the signer is trusted. */
  signer:
    | { type: 'public-key'; keyName: string }
    | {
        type: 'certificate';
        /** The exact identity (subject alternative name). */
        subject?: string;
        /** Or a regular expression for it. */
        subjectPattern?: string;
        issuer: string;
      };
  /** Whether a transparency-log entry should be checked (cosign's default). */
  transparencyLog: boolean;
  /** Whether the attestation is a Sigstore bundle (cosign's new format) or cosign's older layout. */
  bundleFormat: boolean;
  /** A trusted root file to name in `--trusted-root`, for private Sigstore instances. */
  trustedRootFile?: string;
}

const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const IMAGE =
  /^[a-z0-9.-]+(:[0-9]+)?(\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)+@sha(256:[a-f0-9]{64}|512:[a-f0-9]{128})$/;
const KEY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/**
 * Quotes one argument for a POSIX shell: kept as is when it only has safe characters,
 * otherwise wrapped in single quotes.
 *
 * @public
 */
export function quoteShellArgument(value: string): string {
  if (value !== '' && SAFE.test(value)) {
    return value;
  }
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Builds a `cosign verify-attestation` (or `cosign verify`) command that checks one
 * attestation the way Kitstage did: the key by the name of a file holding the trusted public
 * key, or the keyless identity and issuer, the predicate type, and the image by digest.
 * Every value is validated and quoted separately; returns undefined when one cannot be put
 * on a command line (control characters, an image that is not `host/path@digest`).
 *
 * @public
 */
export function buildCosignVerifyCommand(
  options: CosignVerifyCommandOptions,
): CosignVerifyCommand | undefined {
  if (!IMAGE.test(options.image)) {
    return undefined;
  }
  const argv = [
    'cosign',
    options.kind === 'attestation' ? 'verify-attestation' : 'verify',
  ];
  const notes: string[] = [];
  const { signer } = options;
  if (signer.type === 'public-key') {
    if (!KEY_NAME.test(signer.keyName)) {
      return undefined;
    }
    argv.push('--key', `${signer.keyName}.pub`);
    notes.push(
      `Save the trusted public key "${signer.keyName}" (from the portal configuration) as ${signer.keyName}.pub.`,
    );
  } else {
    if (signer.subject !== undefined) {
      argv.push('--certificate-identity', signer.subject);
    } else if (signer.subjectPattern !== undefined) {
      argv.push('--certificate-identity-regexp', signer.subjectPattern);
    } else {
      return undefined;
    }
    argv.push('--certificate-oidc-issuer', signer.issuer);
    if (options.trustedRootFile) {
      argv.push('--trusted-root', options.trustedRootFile);
    } else {
      notes.push(
        'Add --trusted-root with the trusted root file the portal uses, unless it is the public Sigstore instance.',
      );
    }
  }
  if (options.kind === 'attestation' && options.predicateType) {
    argv.push('--type', options.predicateType);
  }
  if (!options.transparencyLog) {
    argv.push('--insecure-ignore-tlog=true');
  }
  if (!options.bundleFormat) {
    argv.push('--new-bundle-format=false');
  }
  argv.push(options.image);
  if (argv.some(arg => CONTROL.test(arg) || arg.length > 2048)) {
    return undefined;
  }
  return { argv, text: argv.map(quoteShellArgument).join(' '), notes };
}
