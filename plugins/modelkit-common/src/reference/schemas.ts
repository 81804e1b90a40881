import { z } from 'zod';
import {
  ParseResult,
  parseReferenceParts,
  parseRepositoryParts,
} from './parseOciReference';
import { DEFAULT_OCI_REGISTRY } from './OciReference';

function referenceString(
  check: (value: string) => ParseResult,
): z.ZodType<string> {
  return z.string().superRefine((value, ctx) => {
    const result = check(value);
    if ('problem' in result) {
      ctx.addIssue({ code: 'custom', message: result.problem });
    }
  });
}

/**
 * A zod schema for a string that is a valid OCI reference (tag and digest optional). The issue
 * message names the problem, as {@link parseOciReference} does.
 *
 * @public
 */
export const ociReferenceStringSchema: z.ZodType<string> = referenceString(
  value => parseReferenceParts(value, DEFAULT_OCI_REGISTRY),
);

/**
 * A zod schema for a string that is a valid OCI repository reference, with neither tag nor
 * digest (for example `registry.example.com/team/model`).
 *
 * @public
 */
export const ociRepositoryStringSchema: z.ZodType<string> = referenceString(
  value => parseRepositoryParts(value, DEFAULT_OCI_REGISTRY),
);
