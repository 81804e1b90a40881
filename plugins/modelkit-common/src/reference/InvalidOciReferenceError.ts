import { quoteInMessage } from './quoteInMessage';
import { InputError } from '@backstage/errors';

/**
 * Thrown when text is not a valid OCI reference, ModelKit reference or `kit://` URI.
 *
 * @remarks
 * The error keeps the name `InputError`, so Backstage backends answer it with HTTP 400. The
 * message names the input and the problem, for example
 * `Invalid OCI reference "Foo/bar": repository "foo/Bar" must be lowercase`.
 *
 * @public
 */
export class InvalidOciReferenceError extends InputError {
  /** The text that failed to parse. */
  readonly input: string;
  /** What is wrong with it, without the input: `tag ".x" is invalid: ...`. */
  readonly problem: string;

  constructor(options: { subject: string; input: string; problem: string }) {
    super(
      `Invalid ${options.subject} ${quoteInMessage(options.input)}: ${
        options.problem
      }`,
    );
    this.input = options.input;
    this.problem = options.problem;
  }
}
