import { z } from 'zod';
import { isOciDigest } from './digest';
import { OciImageIndex, OciImageManifest } from './types';

/**
 * Media types of the manifests the registry client reads and of related OCI documents.
 *
 * @public
 */
export const OciMediaTypes = {
  imageManifest: 'application/vnd.oci.image.manifest.v1+json',
  imageIndex: 'application/vnd.oci.image.index.v1+json',
  imageConfig: 'application/vnd.oci.image.config.v1+json',
  emptyJson: 'application/vnd.oci.empty.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerManifestList:
    'application/vnd.docker.distribution.manifest.list.v2+json',
  dockerContainerConfig: 'application/vnd.docker.container.image.v1+json',
} as const;

const IMAGE_MANIFEST_TYPES = new Set<string>([
  OciMediaTypes.imageManifest,
  OciMediaTypes.dockerManifest,
]);
const INDEX_TYPES = new Set<string>([
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifestList,
]);

/**
 * The `Accept` header for manifest requests: OCI first, Docker v2 for tolerance.
 *
 * @internal
 */
export const MANIFEST_ACCEPT = [
  OciMediaTypes.imageManifest,
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifest,
  OciMediaTypes.dockerManifestList,
].join(', ');

const annotationsSchema = z.record(z.string(), z.string());

/**
 * The schemas of the fields every OCI descriptor is read with: media type, digest, size,
 * artifact type and annotations.
 *
 * @internal
 */
export const descriptorCoreFields = {
  mediaType: z.string().min(1).max(255),
  digest: z.string().refine(isOciDigest, {
    message: 'must be a sha256 or sha512 digest',
  }),
  size: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  artifactType: z.string().max(255).optional(),
  annotations: annotationsSchema.optional(),
};

const descriptorSchema = z.object({
  ...descriptorCoreFields,
  platform: z
    .object({
      architecture: z.string(),
      os: z.string(),
      'os.version': z.string().optional(),
      'os.features': z.array(z.string()).optional(),
      variant: z.string().optional(),
    })
    .optional(),
  urls: z.array(z.string()).optional(),
  data: z.string().optional(),
});

const commonFields = {
  schemaVersion: z.literal(2),
  mediaType: z.string().optional(),
  artifactType: z.string().max(255).optional(),
  subject: descriptorSchema.optional(),
  annotations: annotationsSchema.optional(),
};

const imageManifestSchema = z.object({
  ...commonFields,
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
});

const imageIndexSchema = z.object({
  ...commonFields,
  manifests: z.array(descriptorSchema),
});

/**
 * A manifest parsed from verified bytes.
 *
 * @internal
 */
export type ParsedManifest =
  | { kind: 'image'; mediaType: string; manifest: OciImageManifest }
  | { kind: 'index'; mediaType: string; manifest: OciImageIndex };

/**
 * Why a manifest could not be parsed; `reason` maps onto a `RegistryError` reason.
 *
 * @internal
 */
export class ManifestParseError extends Error {
  constructor(
    readonly reason: 'invalid-response' | 'unsupported-media-type',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses manifest text, choosing the document type from its `mediaType` field, else from the
 * response `Content-Type`, else from its shape.
 *
 * @internal
 */
export function parseManifest(
  raw: string,
  contentType: string | undefined,
): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw new ManifestParseError(
      'invalid-response',
      `manifest is not valid JSON (${(error as Error).message})`,
    );
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ManifestParseError(
      'invalid-response',
      'manifest is not a JSON object',
    );
  }
  const declared = (json as { mediaType?: unknown }).mediaType;
  const headerType = contentType?.split(';')[0].trim().toLowerCase();
  let mediaType: string | undefined;
  if (typeof declared === 'string' && declared) {
    mediaType = declared;
  } else if (
    headerType &&
    (IMAGE_MANIFEST_TYPES.has(headerType) || INDEX_TYPES.has(headerType))
  ) {
    mediaType = headerType;
  } else if ('manifests' in json) {
    mediaType = OciMediaTypes.imageIndex;
  } else if ('config' in json) {
    mediaType = OciMediaTypes.imageManifest;
  }

  if (mediaType && IMAGE_MANIFEST_TYPES.has(mediaType)) {
    return {
      kind: 'image',
      mediaType,
      manifest: validate(imageManifestSchema, json, mediaType),
    };
  }
  if (mediaType && INDEX_TYPES.has(mediaType)) {
    return {
      kind: 'index',
      mediaType,
      manifest: validate(imageIndexSchema, json, mediaType),
    };
  }
  throw new ManifestParseError(
    'unsupported-media-type',
    `manifest media type "${
      mediaType ?? headerType ?? 'unknown'
    }" is not an OCI image manifest or index, nor a Docker v2 schema 2 manifest or manifest list`,
  );
}

function validate<T>(schema: z.ZodType<T>, json: unknown, mediaType: string) {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path.length ? issue.path.join('.') : '(root)';
    throw new ManifestParseError(
      'invalid-response',
      `invalid ${mediaType} document: ${path}: ${issue.message}`,
    );
  }
  return result.data;
}
