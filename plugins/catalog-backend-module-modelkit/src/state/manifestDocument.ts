import {
  isOciDigest,
  OciDescriptor,
  OciImageIndex,
  OciImageManifest,
  OciMediaTypes,
  OciPlatform,
} from '@kitstage/plugin-modelkit-node';

type Json = Record<string, unknown>;

/**
 * A manifest document read back from the provider's state.
 *
 * @internal
 */
export type StoredManifestDocument =
  | { kind: 'image'; mediaType: string; manifest: OciImageManifest }
  | { kind: 'index'; mediaType: string; manifest: OciImageIndex };

const IMAGE_TYPES = new Set<string>([
  OciMediaTypes.imageManifest,
  OciMediaTypes.dockerManifest,
]);
const INDEX_TYPES = new Set<string>([
  OciMediaTypes.imageIndex,
  OciMediaTypes.dockerManifestList,
]);

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isText = (value: unknown, max = Infinity): value is string =>
  typeof value === 'string' && value.length <= max;

const optional = <T>(
  value: unknown,
  check: (v: unknown) => v is T,
): value is T | undefined => value === undefined || check(value);

const isTextArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every(v => isText(v));

const isAnnotations = (value: unknown): value is Record<string, string> =>
  isObject(value) && Object.values(value).every(v => isText(v));

function readPlatform(value: unknown): OciPlatform | undefined {
  if (
    !isObject(value) ||
    !isText(value.architecture) ||
    !isText(value.os) ||
    !optional(value['os.version'], isText) ||
    !optional(value['os.features'], isTextArray) ||
    !optional(value.variant, isText)
  ) {
    return undefined;
  }
  return pick(value, [
    'architecture',
    'os',
    'os.version',
    'os.features',
    'variant',
  ]) as unknown as OciPlatform;
}

/** A descriptor with the fields the registry client reads, or undefined when malformed. */
function readDescriptor(value: unknown): OciDescriptor | undefined {
  if (
    !isObject(value) ||
    !isText(value.mediaType, 255) ||
    value.mediaType === '' ||
    !isText(value.digest) ||
    !isOciDigest(value.digest) ||
    typeof value.size !== 'number' ||
    !Number.isSafeInteger(value.size) ||
    value.size < 0 ||
    !optional(value.artifactType, (v): v is string => isText(v, 255)) ||
    !optional(value.annotations, isAnnotations) ||
    !optional(value.urls, isTextArray) ||
    !optional(value.data, isText)
  ) {
    return undefined;
  }
  const descriptor = pick(value, [
    'mediaType',
    'digest',
    'size',
    'artifactType',
    'annotations',
    'urls',
    'data',
  ]) as unknown as OciDescriptor;
  if (value.platform !== undefined) {
    const platform = readPlatform(value.platform);
    if (!platform) {
      return undefined;
    }
    descriptor.platform = platform;
  }
  return descriptor;
}

function readDescriptors(value: unknown): OciDescriptor[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const descriptors = value.map(readDescriptor);
  return descriptors.every(d => d !== undefined) ? descriptors : undefined;
}

/** The fields every manifest and index may have, or undefined when one is malformed. */
function readCommonFields(json: Json): Json | undefined {
  if (
    json.schemaVersion !== 2 ||
    !optional(json.mediaType, isText) ||
    !optional(json.artifactType, (v): v is string => isText(v, 255)) ||
    !optional(json.annotations, isAnnotations)
  ) {
    return undefined;
  }
  const common = pick(json, [
    'schemaVersion',
    'mediaType',
    'artifactType',
    'annotations',
  ]);
  if (json.subject !== undefined) {
    const subject = readDescriptor(json.subject);
    if (!subject) {
      return undefined;
    }
    common.subject = subject;
  }
  return common;
}

function pick(value: Json, keys: string[]): Json {
  const picked: Json = {};
  for (const key of keys) {
    if (value[key] !== undefined) {
      picked[key] = value[key];
    }
  }
  return picked;
}

/**
 * Parses a manifest text that hashed to its digest, as the registry client parses what a
 * registry serves: the document type comes from its `mediaType` field, else from the media
 * type stored with it (the `Content-Type` the registry sent), else from its shape; an image
 * manifest needs a config and layers, an index its manifests, with well-formed descriptors.
 * Unknown fields are left out, as the client leaves them out.
 *
 * @param storedType - The stored media type, when it is a manifest or index type.
 * @internal
 */
export function parseStoredManifestDocument(
  text: string,
  storedType: string | undefined,
): StoredManifestDocument | { problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'the stored manifest is not JSON' };
  }
  if (!isObject(json)) {
    return { problem: 'the stored manifest is not a JSON object' };
  }
  const declared =
    typeof json.mediaType === 'string' && json.mediaType
      ? json.mediaType
      : undefined;
  let mediaType = declared ?? storedType;
  if (!mediaType) {
    if ('manifests' in json) {
      mediaType = OciMediaTypes.imageIndex;
    } else if ('config' in json) {
      mediaType = OciMediaTypes.imageManifest;
    }
  }
  const common = readCommonFields(json);
  if (mediaType && common && IMAGE_TYPES.has(mediaType)) {
    const config = readDescriptor(json.config);
    const layers = readDescriptors(json.layers);
    if (config && layers) {
      return {
        kind: 'image',
        mediaType,
        manifest: { ...common, config, layers } as unknown as OciImageManifest,
      };
    }
  }
  if (mediaType && common && INDEX_TYPES.has(mediaType)) {
    const manifests = readDescriptors(json.manifests);
    if (manifests) {
      return {
        kind: 'index',
        mediaType,
        manifest: { ...common, manifests } as unknown as OciImageIndex,
      };
    }
  }
  return {
    problem: `the stored manifest is not a well-formed ${
      mediaType ?? 'OCI'
    } document`,
  };
}
