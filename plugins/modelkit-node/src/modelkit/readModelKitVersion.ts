import {
  InvalidKitfileError,
  Kitfile,
  ModelKitArtifactFormat,
  ModelKitVersion,
  validateKitfile,
} from '@kitstage/plugin-modelkit-common';
import { isOciDigest } from '../registry/digest';
import { RegistryError } from '../registry/errors';
import {
  OciImageManifest,
  OciManifestResult,
  OciSource,
} from '../registry/types';
import {
  classifyModelKitManifest,
  describeReferrersTag,
} from './classifyManifest';
import { buildModelKitCommands } from './commands';
import { mapModelKitLayers } from './mapLayers';
import { ModelKitAnnotations } from './mediaTypes';
import { ModelKitError } from './ModelKitError';
import { kitfileFromModelPack, parseModelPackConfig } from './modelPackConfig';
import { compareTagsNewestFirst } from './versionOrder';
import { mapWithConcurrency } from './concurrency';

/**
 * What {@link toModelKitVersion} needs: a verified manifest and its config blob.
 *
 * @public
 */
export interface ModelKitVersionInput {
  /** The source name, for error messages. */
  source: string;
  /** The host of the source, e.g. `registry.example.com`. */
  host: string;
  /** The repository path within the source, e.g. `team/model`. */
  repository: string;
  /** The tag or digest that was asked for. */
  reference: string;
  /** The manifest, as a source returns it. */
  manifest: OciManifestResult;
  /** The bytes of the manifest's config blob. */
  config: Buffer;
  /** Tags known to point at the manifest; defaults to the reference when it is a tag. */
  tags?: string[];
}

/**
 * Options for {@link getModelKitVersion}.
 *
 * @public
 */
export interface GetModelKitVersionOptions {
  /** Aborts the reads. */
  signal?: AbortSignal;
  /**
   * Also find every tag of the repository that points at the version: one tag listing plus
   * one tag resolution per tag, answered from the cache right after a
   * {@link listModelKitVersions} call. Off by default, so that reading a version costs one
   * manifest and one config request.
   */
  resolveTags?: boolean;
}

/**
 * Reads one ModelKit version from a source: the manifest by tag or digest, then its config
 * blob. Two requests to a registry with a cold cache, none when both are cached.
 *
 * @throws ModelKitError when the reference is not a ModelKit (`not-a-modelkit`) or its Kitfile
 *   or config is invalid; RegistryError when the source fails.
 * @public
 */
export async function getModelKitVersion(
  source: OciSource,
  repository: string,
  reference: string,
  options?: GetModelKitVersionOptions,
): Promise<ModelKitVersion> {
  const signal = options?.signal;
  const manifest = await source.getManifest(repository, reference, { signal });
  const { image } = checkModelKit(source, repository, reference, manifest);
  const config = await source.getBlob(repository, image.config, { signal });
  const tags = options?.resolveTags
    ? await findTags(source, repository, manifest.digest, signal)
    : undefined;
  return toModelKitVersion({
    source: source.name,
    host: source.host,
    repository,
    reference,
    manifest,
    config,
    tags,
  });
}

/**
 * Turns a verified ModelKit manifest and its config into a {@link @kitstage/plugin-modelkit-common#ModelKitVersion}:
 * the Kitfile (for a CNCF ModelPack artifact, the one KitOps stores in the
 * `ml.kitops.modelkit.kitfile` annotation, else a Kitfile-shaped view of the ModelPack config),
 * the layers with their Kitfile entries, sizes, creation time and `kit` commands.
 *
 * @remarks
 *
 * The Kitfile is validated with `validateKitfile(value, { strict: false })`, so ModelKits packed
 * by any KitOps version are read, and fields this version does not know are kept. The creation
 * time is the manifest's `org.opencontainers.image.created` annotation, else a ModelPack
 * config's `descriptor.createdAt` (the KitOps CLI records none for its own format).
 *
 * @throws ModelKitError when the manifest is not a ModelKit or its config or Kitfile is invalid.
 * @public
 */
export function toModelKitVersion(
  input: ModelKitVersionInput,
): ModelKitVersion {
  const { image, format } = checkModelKit(
    { name: input.source, host: input.host },
    input.repository,
    input.reference,
    input.manifest,
  );
  const fail = (
    reason: 'invalid-kitfile' | 'invalid-config',
    detail: string,
    extra?: { issues?: InvalidKitfileError['issues']; cause?: unknown },
  ) =>
    new ModelKitError({
      reason,
      source: input.source,
      repository: `${input.host}/${input.repository}`,
      reference: input.reference,
      digest: input.manifest.digest,
      detail,
      ...extra,
    });

  let json: unknown;
  try {
    json = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(input.config),
    );
  } catch (error) {
    throw fail(
      'invalid-config',
      `the config blob ${image.config.digest} is not valid JSON (${
        (error as Error).message
      })`,
      { cause: error },
    );
  }

  const validate = (value: unknown, where: string): Kitfile => {
    try {
      return validateKitfile(value, { strict: false });
    } catch (error) {
      if (error instanceof InvalidKitfileError) {
        throw fail(
          'invalid-kitfile',
          `${where} is not a valid Kitfile: ${error.issues
            .slice(0, 10)
            .map(issue => `${issue.path}: ${issue.message}`)
            .join('; ')}${
            error.issues.length > 10
              ? `; and ${error.issues.length - 10} more`
              : ''
          }`,
          // The issues say it all; the InvalidKitfileError as cause would repeat them.
          { issues: error.issues },
        );
      }
      throw error;
    }
  };

  const annotations = image.annotations ?? {};
  let kitfile: Kitfile;
  let created = validDate(annotations[ModelKitAnnotations.created]);
  if (format === 'kitops') {
    kitfile = validate(json, `the config blob ${image.config.digest}`);
  } else {
    const parsed = parseModelPackConfig(json);
    if ('problem' in parsed) {
      throw fail(
        'invalid-config',
        `the ModelPack config blob ${image.config.digest} is not valid: ${parsed.problem}`,
      );
    }
    created ??= validDate(parsed.config.descriptor.createdAt);
    const embedded = annotations[ModelKitAnnotations.kitfile];
    if (embedded !== undefined) {
      let value: unknown;
      try {
        value = JSON.parse(embedded);
      } catch (error) {
        throw fail(
          'invalid-kitfile',
          `the ${ModelKitAnnotations.kitfile} annotation is not valid JSON (${
            (error as Error).message
          })`,
          { cause: error },
        );
      }
      kitfile = validate(
        value,
        `the Kitfile in the ${ModelKitAnnotations.kitfile} annotation`,
      );
    } else {
      kitfile = validate(
        kitfileFromModelPack(parsed.config, image.layers),
        `the ModelPack config blob ${image.config.digest}`,
      );
    }
  }

  const layers = mapModelKitLayers(image.layers, kitfile);
  const size =
    image.config.size + layers.reduce((total, layer) => total + layer.size, 0);
  const byDigest = isOciDigest(input.reference);
  const tags = [...(input.tags ?? (byDigest ? [] : [input.reference]))].sort(
    compareTagsNewestFirst,
  );
  const repository = `${input.host}/${input.repository}`;
  return {
    repository,
    reference: input.reference,
    digest: input.manifest.digest,
    tags,
    mediaType: input.manifest.mediaType,
    format,
    ...(created ? { created } : {}),
    size,
    config: {
      mediaType: image.config.mediaType,
      digest: image.config.digest,
      size: image.config.size,
    },
    kitfile,
    layers,
    annotations: { ...annotations },
    commands: buildModelKitCommands(
      repository,
      byDigest ? { digest: input.reference } : { tag: input.reference },
    ),
  };
}

function checkModelKit(
  source: { name: string; host: string },
  repository: string,
  reference: string,
  manifest: OciManifestResult,
): { image: OciImageManifest; format: ModelKitArtifactFormat } {
  const classification = classifyModelKitManifest(manifest);
  if (!classification.modelKit || manifest.kind !== 'image') {
    throw new ModelKitError({
      reason: 'not-a-modelkit',
      source: source.name,
      repository: `${source.host}/${repository}`,
      reference,
      digest: manifest.digest,
      detail: `this is ${
        classification.modelKit ? 'an index' : classification.reason
      }`,
    });
  }
  return { image: manifest.manifest, format: classification.format };
}

function validDate(value: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.length > 64) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

async function findTags(
  source: OciSource,
  repository: string,
  digest: string,
  signal: AbortSignal | undefined,
): Promise<string[]> {
  const { tags } = await source.listTags(repository, { signal });
  const matches = await mapWithConcurrency(
    tags.filter(tag => !describeReferrersTag(tag)),
    8,
    async tag => {
      try {
        const descriptor = await source.resolveTag(repository, tag, { signal });
        return descriptor.digest === digest ? tag : undefined;
      } catch (error) {
        if (RegistryError.is(error, 'not-found')) {
          return undefined;
        }
        throw error;
      }
    },
  );
  return matches.filter((tag): tag is string => tag !== undefined);
}
