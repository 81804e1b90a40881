import { LoggerService } from '@backstage/backend-plugin-api';
import { RegistryContentCache } from './cache';
import { getRegistryBlob } from './registryBlobs';
import { RegistryClientContext } from './registryClientContext';
import { listRegistryRepositories, listRegistryTags } from './registryListings';
import { getRegistryManifest, resolveRegistryTag } from './registryManifests';
import { getRegistryReferrers } from './registryReferrers';
import { RegistryTransport } from './transport';
import {
  OciBlobOptions,
  OciDescriptor,
  OciManifestResult,
  OciReferrers,
  OciReferrersOptions,
  OciRequestOptions,
  OciSource,
  OciTagList,
} from './types';

/**
 * An {@link OciSource} for a registry that speaks the OCI Distribution API. Instances of one
 * registry share a {@link RegistryTransport} (connections, tokens, concurrency, counters);
 * each has its own content cache.
 *
 * @internal
 */
export class RegistryClient implements OciSource {
  /** Always `registry`. */
  readonly kind = 'registry';
  /** {@inheritdoc OciSource.name} */
  readonly name: string;
  /** {@inheritdoc OciSource.host} */
  readonly host: string;
  readonly #ctx: RegistryClientContext;

  constructor(options: {
    transport: RegistryTransport;
    cache: RegistryContentCache;
    logger: LoggerService;
  }) {
    this.#ctx = new RegistryClientContext(options);
    this.name = this.#ctx.name;
    this.host = this.#ctx.host;
  }

  /** {@inheritdoc OciSource.listRepositories} */
  listRepositories(options?: OciRequestOptions): Promise<string[]> {
    return listRegistryRepositories(this.#ctx, options?.signal);
  }

  /** {@inheritdoc OciSource.listTags} */
  listTags(
    repository: string,
    options?: OciRequestOptions,
  ): Promise<OciTagList> {
    return listRegistryTags(this.#ctx, repository, options?.signal);
  }

  /** {@inheritdoc OciSource.resolveTag} */
  resolveTag(
    repository: string,
    tag: string,
    options?: OciRequestOptions,
  ): Promise<OciDescriptor> {
    return resolveRegistryTag(this.#ctx, repository, tag, options?.signal);
  }

  /** {@inheritdoc OciSource.getManifest} */
  getManifest(
    repository: string,
    reference: string,
    options?: OciRequestOptions,
  ): Promise<OciManifestResult> {
    return getRegistryManifest(
      this.#ctx,
      repository,
      reference,
      options?.signal,
    );
  }

  /** {@inheritdoc OciSource.getBlob} */
  getBlob(
    repository: string,
    blob: string | OciDescriptor,
    options?: OciBlobOptions,
  ): Promise<Buffer> {
    return getRegistryBlob(this.#ctx, repository, blob, options);
  }

  /** {@inheritdoc OciSource.getReferrers} */
  getReferrers(
    repository: string,
    digest: string,
    options?: OciReferrersOptions,
  ): Promise<OciReferrers> {
    return getRegistryReferrers(this.#ctx, repository, digest, options);
  }
}
