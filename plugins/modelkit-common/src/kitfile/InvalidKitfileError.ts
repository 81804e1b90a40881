import { InputError } from '@backstage/errors';

/**
 * One problem found in a Kitfile.
 *
 * @public
 */
export interface KitfileIssue {
  /**
   * The field the problem is in, such as `model.parts[1].path`, or `(root)` for the document as a
   * whole.
   */
  path: string;
  /** What is wrong, such as `expected string, got number` or `is required`. */
  message: string;
  /** The 1-based line in the Kitfile text, when the Kitfile was parsed from text. */
  line?: number;
  /** The 1-based column in the Kitfile text, when the Kitfile was parsed from text. */
  column?: number;
}

const MAX_ISSUES_IN_MESSAGE = 10;

/**
 * Thrown when a Kitfile cannot be parsed or is not valid. Each issue names the field path and,
 * for Kitfile text, the line and column.
 *
 * @remarks
 * The message lists the issues, for example
 * `Invalid Kitfile: model.parts[1].path: expected string, got number (line 9, column 7)`. The error
 * keeps the name `InputError`, so Backstage backends answer it with HTTP 400.
 *
 * @public
 */
export class InvalidKitfileError extends InputError {
  /** Every problem found, in document order. */
  readonly issues: KitfileIssue[];

  constructor(issues: KitfileIssue[]) {
    const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map(formatIssue);
    const more = issues.length - shown.length;
    super(
      `Invalid Kitfile: ${shown.join('; ')}${
        more > 0 ? `; and ${more} more` : ''
      }`,
    );
    this.issues = issues;
  }
}

function formatIssue(issue: KitfileIssue): string {
  const where =
    issue.line !== undefined
      ? ` (line ${issue.line}, column ${issue.column ?? 1})`
      : '';
  return `${issue.path}: ${issue.message}${where}`;
}
