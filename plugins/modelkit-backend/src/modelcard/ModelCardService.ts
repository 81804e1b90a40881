import {
  ModelKitEntityName,
  ModelKitModelCardResponse,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import {
  findModelCardInLayer,
  RegistryError,
  restrictModelCardImages,
} from '@kitstage/plugin-modelkit-node';
import {
  LocatedModelKit,
  ModelKitRequestOptions,
  ModelKitVersionsService,
  repositoryOf,
} from '../service/ModelKitVersionsService';
import { messageOf } from '../service/values';
import type { ModelCardConfig } from './config';
import { kitfileDescriptions } from './kitfileDescriptions';

/** The first model card file found in the docs layers of a version. */
interface FoundModelCard {
  path: string;
  markdown: string;
  truncated: boolean;
  layer: string;
}

/**
 * What the model card service reads from and its limits.
 *
 * @internal
 */
export interface ModelCardServiceOptions {
  /** Locates ModelKits and reads their versions, as the versions routes do. */
  versions: ModelKitVersionsService;
  config: ModelCardConfig;
}

/**
 * The model cards of ModelKit versions: Markdown from a docs layer, or the Kitfile's
 * descriptions when no docs layer holds one.
 *
 * @remarks
 *
 * The ModelKit is located through the versions service, so the model card route is held to the
 * same rules as the versions routes (`catalog.entity.read`, then `kitstage.modelkit.read`, and
 * a ModelKit from a configured registry). Docs layers are read through the registry service,
 * which verifies every digest: content that is not what its digest says is an error, never a
 * reason to fall back to the Kitfile.
 *
 * @internal
 */
export class ModelCardService {
  readonly #options: ModelCardServiceOptions;

  constructor(options: ModelCardServiceOptions) {
    this.#options = options;
  }

  /** The model card of one version: Markdown from a docs layer, or the Kitfile descriptions. */
  async getModelCard(
    name: ModelKitEntityName,
    reference: string,
    options: ModelKitRequestOptions,
  ): Promise<ModelKitModelCardResponse> {
    const { versions, config } = this.#options;
    const { located, version } = await versions.readVersion(
      name,
      reference,
      options,
    );
    const warnings: string[] = [];
    const base = {
      repository: repositoryOf(located),
      reference,
      digest: version.digest,
      maxBytes: config.maxBytes,
      descriptions: kitfileDescriptions(version.kitfile),
      warnings,
    };
    const best = await this.#findModelCard(located, version, warnings, options);
    if (best) {
      return {
        ...base,
        // Rewritten here rather than in the browser: images load only from the ModelKit's
        // registry or kitstage.modelCard.imageHosts, and the page never receives another
        // address as an image.
        markdown: restrictModelCardImages(best.markdown, {
          allowedHosts: [located.source.host, ...config.imageHosts],
        }),
        source: {
          type: 'docs-layer',
          path: best.path,
          layerDigest: best.layer,
        },
        truncated: best.truncated,
      };
    }
    return {
      ...base,
      markdown: null,
      source: { type: 'kitfile' },
      truncated: false,
    };
  }

  /**
   * The first model card file of the version's docs layers, in layer order. A layer that
   * cannot be read or unpacked adds a warning and the search goes on.
   *
   * @throws RegistryError when a layer's content does not match its digest or size.
   */
  async #findModelCard(
    located: LocatedModelKit,
    version: ModelKitVersion,
    warnings: string[],
    options: ModelKitRequestOptions,
  ): Promise<FoundModelCard | undefined> {
    const { config } = this.#options;
    let best: FoundModelCard | undefined;
    for (const layer of version.layers.filter(l => l.kind === 'docs')) {
      const where = `docs layer ${layer.digest}${
        layer.path ? ` (${layer.path})` : ''
      }`;
      let blob: Buffer;
      try {
        // getBlob checks the size cap while downloading and verifies the digest.
        blob = await located.source.getBlob(located.repository, layer, {
          maxBytes: config.maxLayerBytes,
          signal: options.signal,
        });
      } catch (error) {
        // Content that is not what its digest says is tampering, never a fallback.
        if (
          error instanceof RegistryError &&
          (error.reason === 'digest-mismatch' ||
            error.reason === 'size-mismatch')
        ) {
          throw error;
        }
        warnings.push(`The ${where} could not be read: ${messageOf(error)}`);
        continue;
      }
      try {
        const found = await findModelCardInLayer(blob, {
          maxBytes: config.maxBytes,
          maxUnpackedBytes: config.maxUnpackedBytes,
        });
        if (found.unsafeNames.length > 0) {
          warnings.push(
            `The ${where} has entries with unsafe names, which were skipped: ${found.unsafeNames
              .map(n => JSON.stringify(n))
              .join(', ')}`,
          );
        }
        if (found.file && !best) {
          best = { ...found.file, layer: layer.digest };
        }
      } catch (error) {
        warnings.push(`The ${where} could not be read: ${messageOf(error)}`);
      }
    }
    return best;
  }
}
