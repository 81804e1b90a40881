import { SigningCertificate } from './SigningCertificate';

/** How many distinct signing certificates a verifier remembers. */
const DEFAULT_MAX_CERTIFICATES = 512;

type ParseResult = ReturnType<typeof SigningCertificate.parse>;

/**
 * Parses signing certificates, remembering the last few hundred by their exact bytes, so a
 * certificate that signs several attestations (or is checked again) is parsed once. Entries
 * hold what the bytes say, never whether a signature, log entry or identity was accepted.
 *
 * @internal
 */
export class SigningCertificateCache {
  readonly #max: number;
  /** By the certificate bytes, as a string (one character per byte). */
  readonly #entries = new Map<string, ParseResult>();

  constructor(options: { maxCertificates?: number } = {}) {
    this.#max = options.maxCertificates ?? DEFAULT_MAX_CERTIFICATES;
  }

  /** How many certificates are remembered. */
  get size(): number {
    return this.#entries.size;
  }

  /** Parses a DER certificate strictly (see {@link SigningCertificate.parse}). */
  parse(der: Buffer): ParseResult {
    const key = der.toString('latin1');
    const remembered = this.#entries.get(key);
    if (remembered) {
      // Most recently used last, so the oldest is dropped first.
      this.#entries.delete(key);
      this.#entries.set(key, remembered);
      return remembered;
    }
    // A copy: the caller's buffer may be a view of a larger one, or change.
    const parsed = SigningCertificate.parse(Buffer.from(der));
    if (this.#max > 0) {
      if (this.#entries.size >= this.#max) {
        this.#entries.delete(this.#entries.keys().next().value!);
      }
      this.#entries.set(key, parsed);
    }
    return parsed;
  }
}
