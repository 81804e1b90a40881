import { z } from 'zod';
import { isValidOciDigest } from '../reference';
import {
  isSupportedKitfileManifestVersion,
  unsupportedManifestVersionMessage,
} from './manifestVersion';
import { jsonValueProblems } from './jsonValue';
import { Kitfile, KitfileJsonValue } from './types';

// Model part types, as the KitOps CLI validates them (pkg/lib/kitfile/validate.go).
const partTypePattern = /^\w[\w.-]*$/;
const MAX_PART_TYPE_LENGTH = 64;

const digestField = z.string().superRefine((value, ctx) => {
  if (!isValidOciDigest(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a digest such as sha256:<64 hex characters>, got ${JSON.stringify(
        value,
      )}`,
    });
  }
});

const partType = z.string().superRefine((value, ctx) => {
  if (value.length > MAX_PART_TYPE_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `is ${value.length} characters long; the limit is ${MAX_PART_TYPE_LENGTH}`,
    });
  } else if (!partTypePattern.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: `${JSON.stringify(
        value,
      )} is invalid: use letters, digits, "_", "." and "-", starting with a letter, digit or "_"`,
    });
  }
});

const jsonValue = z
  .custom<KitfileJsonValue>(() => true)
  .superRefine((value, ctx) => {
    for (const { path, message } of jsonValueProblems(value)) {
      ctx.addIssue({ code: 'custom', message, path });
    }
  });

function createKitfileSchema(strict: boolean): z.ZodType<Kitfile> {
  const path = strict ? z.string() : z.string().optional();
  const layerInfo = {
    digest: digestField.optional(),
    diffId: digestField.optional(),
  };
  // A docs or prompts entry: a file or directory with a description.
  const describedFiles = () =>
    z
      .array(
        z.looseObject({
          path,
          description: z.string().optional(),
          ...layerInfo,
        }),
      )
      .optional();
  const manifestVersion = z.string().superRefine((value, ctx) => {
    if (!isSupportedKitfileManifestVersion(value) && (strict || value !== '')) {
      ctx.addIssue({
        code: 'custom',
        message: unsupportedManifestVersionMessage(value),
      });
    }
  });

  return z.looseObject({
    manifestVersion,
    package: z
      .looseObject({
        name: z.string().optional(),
        version: z.string().optional(),
        description: z.string().optional(),
        license: z.string().optional(),
        authors: z.array(z.string()).optional(),
      })
      .optional(),
    model: z
      .looseObject({
        name: z.string().optional(),
        path,
        license: z.string().optional(),
        framework: z.string().optional(),
        format: z.string().optional(),
        version: z.string().optional(),
        description: z.string().optional(),
        parts: z
          .array(
            z.looseObject({
              name: z.string().optional(),
              path,
              license: z.string().optional(),
              type: partType.optional(),
              ...layerInfo,
            }),
          )
          .optional(),
        parameters: jsonValue.optional(),
        ...layerInfo,
      })
      .optional(),
    code: z
      .array(
        z.looseObject({
          path,
          description: z.string().optional(),
          license: z.string().optional(),
          ...layerInfo,
        }),
      )
      .optional(),
    datasets: z
      .array(
        z.looseObject({
          name: z.string().optional(),
          path,
          description: z.string().optional(),
          license: z.string().optional(),
          parameters: jsonValue.optional(),
          ...layerInfo,
        }),
      )
      .optional(),
    docs: describedFiles(),
    prompts: describedFiles(),
  });
}

/**
 * The zod schema of a Kitfile, as Kitstage validates it by default (strict): `manifestVersion` is
 * required and supported, and every model, part, code, dataset, docs and prompts entry has a
 * `path`. Unknown fields pass through.
 *
 * @remarks
 * Prefer {@link parseKitfile} or {@link validateKitfile}: they also turn YAML scalars into the
 * strings the KitOps CLI reads, drop `null` fields, bound the document's size, and report issues
 * with field paths and line numbers. Parse results of this schema reorder keys; those functions
 * keep the written order.
 *
 * @public
 */
export const kitfileSchema: z.ZodType<Kitfile> = createKitfileSchema(true);

/**
 * The schema for `strict: false`: what the KitOps CLI itself accepts.
 *
 * @internal
 */
export const lenientKitfileSchema: z.ZodType<Kitfile> =
  createKitfileSchema(false);
