import type { TrustMaterial } from '@sigstore/verify';
import { SigningCertificate } from './SigningCertificate';
import {
  CertificateFacts,
  mayHaveIssued,
  signedWith,
  TrustedCertificate,
} from './TrustedCertificate';

/** Guards against trusted roots whose CA certificates issue each other in many ways. */
const MAX_PATHS_PER_CERTIFICATE = 64;

/**
 * A trusted certificate authority with the paths `@sigstore/verify` builds from each of its
 * certificates up to a root. Those paths depend only on the trusted root, so they are built
 * once; only the step from a signing certificate to its issuer is checked per certificate.
 */
interface Authority {
  validFor: { start: Date; end: Date };
  /** Absent when the certificates cannot be read here (then `@sigstore/verify` decides). */
  chains?: {
    /** The certificates of the chain without repeats, in order. */
    certificates: TrustedCertificate[];
    /** The paths from each certificate to a root; absent where building them throws. */
    paths: Map<TrustedCertificate, TrustedCertificate[][]>;
  };
}

/**
 * The outcome of building a path for a signing certificate: the path (signing certificate
 * first), `fail` when `@sigstore/verify` would refuse it for this authority, or `unsure` when
 * this reading does not cover the certificate, and `@sigstore/verify` must decide.
 *
 * @internal
 */
export type ChainOutcome =
  | { outcome: 'path'; issuer: TrustedCertificate }
  | { outcome: 'fail' }
  | { outcome: 'unsure' };

/** Removes repeated certificates (same DER), keeping the first, as `@sigstore/verify` does. */
function withoutRepeats(
  certificates: TrustedCertificate[],
): TrustedCertificate[] {
  return certificates.filter(
    (certificate, index) =>
      certificates.findIndex(other => other.der.equals(certificate.der)) ===
      index,
  );
}

/** `findIssuer` of `@sigstore/verify` for a trusted certificate; undefined where it throws. */
function issuersOf(
  certificate: TrustedCertificate,
  certificates: TrustedCertificate[],
): TrustedCertificate[] | undefined {
  const { facts } = certificate;
  if (facts.subject.equals(facts.issuer)) {
    if (certificate.selfSigned === undefined) {
      return undefined;
    }
    if (certificate.selfSigned) {
      return [certificate];
    }
  }
  return certificates.filter(
    candidate =>
      mayHaveIssued(candidate.facts, facts) &&
      signedWith(certificate.signedPart, candidate.key),
  );
}

/**
 * `buildPaths` of `@sigstore/verify` for every certificate of an authority.
 *
 * @throws when the certificates issue each other in too many ways to be read here.
 */
function buildPaths(
  certificates: TrustedCertificate[],
): Map<TrustedCertificate, TrustedCertificate[][]> {
  const paths = new Map<TrustedCertificate, TrustedCertificate[][]>();
  const failed = new Set<TrustedCertificate>();
  const visiting = new Set<TrustedCertificate>();
  const build = (
    certificate: TrustedCertificate,
  ): TrustedCertificate[][] | undefined => {
    if (paths.has(certificate)) {
      return paths.get(certificate);
    }
    // A cycle recurses without end there, which throws.
    if (failed.has(certificate) || visiting.has(certificate)) {
      return undefined;
    }
    visiting.add(certificate);
    let result: TrustedCertificate[][] | undefined = [];
    const issuers = issuersOf(certificate, certificates);
    if (!issuers || issuers.length === 0) {
      result = undefined;
    }
    for (const issuer of issuers ?? []) {
      if (issuer.der.equals(certificate.der)) {
        result!.push([certificate]);
        continue;
      }
      const above = build(issuer);
      if (!above) {
        result = undefined;
        break;
      }
      if (result!.length + above.length > MAX_PATHS_PER_CERTIFICATE) {
        // Not read here: `@sigstore/verify` decides for this authority.
        throw new Error('too many certificate paths');
      }
      result!.push(...above.map(path => [issuer, ...path]));
    }
    visiting.delete(certificate);
    if (result) {
      paths.set(certificate, result);
    } else {
      failed.add(certificate);
    }
    return result;
  };
  certificates.forEach(build);
  return paths;
}

function validAt(facts: CertificateFacts, time: Date): boolean {
  return facts.notBefore <= time && time <= facts.notAfter;
}

/** `checkPath` and the validity check of `@sigstore/verify` for [leaf, ...above]. */
function pathHolds(
  leaf: CertificateFacts,
  above: TrustedCertificate[],
  time: Date,
): boolean {
  const path = [leaf, ...above.map(certificate => certificate.facts)];
  if (!above.every(certificate => certificate.isCA)) {
    return false;
  }
  for (let i = path.length - 2; i >= 0; i--) {
    if (!path[i].issuer.equals(path[i + 1].subject)) {
      return false;
    }
  }
  const lengthsHold = path.every(
    (facts, i) =>
      !facts.basicConstraintsIsCA ||
      facts.pathLenConstraint === undefined ||
      facts.pathLenConstraint >= i - 1,
  );
  return lengthsHold && path.every(facts => validAt(facts, time));
}

/** Whether a trusted certificate's key verifies the signing certificate, remembered. */
function signedBy(
  leaf: SigningCertificate,
  issuer: TrustedCertificate,
): boolean {
  return leaf.remember('signed-by', issuer, () => {
    const part = leaf.signedPart();
    return part.ok && signedWith(part.value, issuer.key);
  });
}

/** `CertificateChainVerifier.verify` of `@sigstore/verify` for one authority's certificates. */
function chainIn(
  chains: NonNullable<Authority['chains']>,
  leaf: SigningCertificate,
  time: Date,
): ChainOutcome {
  const read = leaf.facts();
  if (!read.ok) {
    return { outcome: 'unsure' };
  }
  const facts = read.value;
  // Cases where the signing certificate could take part in the paths of the trusted ones
  // (it issues itself or one of them, or is one of them): left to `@sigstore/verify`.
  if (
    facts.subject.equals(facts.issuer) ||
    mayHaveIssued(facts, facts) ||
    chains.certificates.some(
      certificate =>
        certificate.der.equals(leaf.der) ||
        mayHaveIssued(facts, certificate.facts),
    )
  ) {
    return { outcome: 'unsure' };
  }
  const issuers = chains.certificates.filter(
    candidate =>
      mayHaveIssued(candidate.facts, facts) && signedBy(leaf, candidate),
  );
  if (issuers.length === 0) {
    return { outcome: 'fail' };
  }
  const paths: TrustedCertificate[][] = [];
  for (const issuer of issuers) {
    const above = chains.paths.get(issuer);
    if (!above) {
      return { outcome: 'fail' };
    }
    paths.push(...above.map(path => [issuer, ...path]));
  }
  // Every path consists of trusted certificates. The shortest (the last of equals), without
  // its last certificate (the root, repeated).
  const shortest = paths.reduce((previous, current) =>
    previous.length < current.length ? previous : current,
  );
  const above = shortest.slice(0, -1);
  return pathHolds(facts, above, time)
    ? { outcome: 'path', issuer: above[0] }
    : { outcome: 'fail' };
}

/**
 * The certificate authorities of a trusted root, read once, and the certificate path checks
 * of `@sigstore/verify` (`verifyCertificateChain`) for signing certificates, without reading
 * or re-verifying the trusted certificates each time.
 *
 * @internal
 */
export class CertificateAuthorities {
  readonly #authorities: Authority[];

  private constructor(authorities: Authority[]) {
    this.#authorities = authorities;
  }

  /** Reads the certificate authorities of trust material. */
  static fromTrustMaterial(material: TrustMaterial): CertificateAuthorities {
    return new CertificateAuthorities(
      material.certificateAuthorities.map(authority => {
        try {
          const certificates = withoutRepeats(
            authority.certChain.map(c => new TrustedCertificate(c)),
          );
          return {
            validFor: authority.validFor,
            chains: { certificates, paths: buildPaths(certificates) },
          };
        } catch {
          return { validFor: authority.validFor };
        }
      }),
    );
  }

  /**
   * Builds and checks the path of a signing certificate at a time, trying the authorities
   * valid then in order, as `verifyCertificateChain` does: the issuer of the signing
   * certificate in the first path that holds, `fail` when none does, or `unsure`.
   */
  chainAt(leaf: SigningCertificate, time: Date): ChainOutcome {
    for (const { validFor, chains } of this.#authorities) {
      if (!(validFor.start <= time && validFor.end >= time)) {
        continue;
      }
      if (!chains) {
        return { outcome: 'unsure' };
      }
      const outcome = chainIn(chains, leaf, time);
      if (outcome.outcome !== 'fail') {
        return outcome;
      }
    }
    return { outcome: 'fail' };
  }
}
