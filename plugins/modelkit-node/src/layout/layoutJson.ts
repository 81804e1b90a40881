import { z } from 'zod';
import { descriptorCoreFields } from '../registry/manifest';
import { LayoutFileError, LayoutFiles } from './layoutFiles';

const descriptorSchema = z.object({
  ...descriptorCoreFields,
  platform: z
    .object({ architecture: z.string(), os: z.string() })
    .loose()
    .optional(),
});

/**
 * The schema of an `index.json` (or a KitOps per-repository index).
 *
 * @internal
 */
export const indexSchema = z.object({
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
});

const layoutFileSchema = z.object({
  imageLayoutVersion: z.string().regex(/^1\.\d+\.\d+$/, {
    message: 'must be a 1.x version such as "1.0.0"',
  }),
});

/**
 * The schema of a KitOps per-repository tag file: tag to descriptor.
 *
 * @internal
 */
export const kitTagsSchema = z.record(z.string(), descriptorSchema);

/**
 * Reads and checks the `oci-layout` file of a layout directory.
 *
 * @internal
 */
export async function readLayoutMarker(files: LayoutFiles, dir: string[]) {
  await readJson(files, [...dir, 'oci-layout'], layoutFileSchema, 64 * 1024);
}

/**
 * Reads a JSON file of a layout within a cap and validates it, naming the file and the first
 * wrong field when it does not fit.
 *
 * @internal
 */
export async function readJson<T>(
  files: LayoutFiles,
  components: string[],
  schema: z.ZodType<T>,
  maxBytes: number,
): Promise<T> {
  const file = components.join('/');
  const data = await files.read(components, maxBytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
  } catch (error) {
    throw new LayoutFileError(
      'invalid-response',
      file,
      `is not valid JSON (${(error as Error).message})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new LayoutFileError(
      'invalid-response',
      file,
      `${formatPath(issue.path)}: ${issue.message}`,
    );
  }
  return parsed.data;
}

function formatPath(path: PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      out += `[${segment}]`;
    } else {
      const key = String(segment);
      out += /^[A-Za-z_$][\w$]*$/.test(key)
        ? `${out ? '.' : ''}${key}`
        : `[${JSON.stringify(key)}]`;
    }
  }
  return out || '(root)';
}
