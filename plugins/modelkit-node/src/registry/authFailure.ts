/**
 * Thrown when authentication cannot proceed; the transport turns it into a `RegistryError`.
 *
 * @internal
 */
export class AuthFailure extends Error {
  /**
   * @param reason - The `RegistryError` reason it becomes.
   * @param message - What went wrong, in a sentence.
   * @param status - The HTTP status of the token server's answer, when there was one.
   */
  constructor(
    readonly reason: 'unauthorized' | 'denied' | 'invalid-response',
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}
