import { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { isOciDigest, isOciTag } from '@kitstage/plugin-modelkit-node';
import type { Knex } from './knexClient';
import {
  ProviderStateStore,
  RepositoryState,
  RepositoryStateChanges,
  StoredManifest,
} from './ProviderStateStore';

const TAGS = 'modelkit_registry_provider__tags';
const MANIFESTS = 'modelkit_registry_provider__manifests';
/** Rows per statement, well within the bound-parameter limits of every database. */
const CHUNK = 100;

type ManifestRow = {
  digest: unknown;
  media_type: unknown;
  manifest: unknown;
  config_digest: unknown;
  config: unknown;
};

/** A manifest row as the state store hands it out; its content is checked when used. */
function toStoredManifest(row: ManifestRow): StoredManifest | undefined {
  if (
    typeof row.digest !== 'string' ||
    typeof row.media_type !== 'string' ||
    typeof row.manifest !== 'string'
  ) {
    return undefined;
  }
  return {
    digest: row.digest,
    mediaType: row.media_type,
    manifest: row.manifest,
    ...(typeof row.config_digest === 'string'
      ? { configDigest: row.config_digest }
      : {}),
    ...(typeof row.config === 'string' ? { config: row.config } : {}),
  };
}

function compareText(a: string, b: string): number {
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    result.push(items.slice(i, i + CHUNK));
  }
  return result;
}

/**
 * The state of one registry entity provider in the catalog's database: rows keyed by the
 * provider id, written with upserts so that several backend instances can sync in turn.
 * Failures are logged (once until the store works again) and make the store behave as an
 * empty one.
 *
 * @internal
 */
export class DatabaseProviderStateStore implements ProviderStateStore {
  readonly #providerId: string;
  readonly #logger: LoggerService;
  readonly #client: () => Promise<Knex>;
  #failing = false;

  constructor(options: {
    providerId: string;
    logger: LoggerService;
    client: () => Promise<Knex>;
  }) {
    this.#providerId = options.providerId;
    this.#logger = options.logger;
    this.#client = options.client;
  }

  async readRepository(repository: string): Promise<RepositoryState> {
    const empty = { tags: new Map(), manifests: new Map() };
    return this.#run('read the state of a repository', empty, async db => {
      const rows: Array<ManifestRow & { tag: unknown; tag_digest: unknown }> =
        await db(TAGS)
          .leftJoin(MANIFESTS, join =>
            join
              .on(`${MANIFESTS}.provider_id`, `${TAGS}.provider_id`)
              .andOn(`${MANIFESTS}.digest`, `${TAGS}.digest`),
          )
          .where(`${TAGS}.provider_id`, this.#providerId)
          .andWhere(`${TAGS}.repository`, repository)
          .select(
            `${TAGS}.tag as tag`,
            `${TAGS}.digest as tag_digest`,
            `${MANIFESTS}.digest as digest`,
            `${MANIFESTS}.media_type as media_type`,
            `${MANIFESTS}.manifest as manifest`,
            `${MANIFESTS}.config_digest as config_digest`,
            `${MANIFESTS}.config as config`,
          );
      const tags = new Map<string, string>();
      const manifests = new Map<string, StoredManifest>();
      for (const row of rows) {
        // A malformed tag row is left out: the tag is then read as a new one.
        if (
          typeof row.tag === 'string' &&
          isOciTag(row.tag) &&
          typeof row.tag_digest === 'string' &&
          isOciDigest(row.tag_digest)
        ) {
          tags.set(row.tag, row.tag_digest);
        }
        const manifest = toStoredManifest(row);
        if (manifest) {
          manifests.set(manifest.digest, manifest);
        }
      }
      return { tags, manifests };
    });
  }

  async findManifest(digest: string): Promise<StoredManifest | undefined> {
    return this.#run('read a stored manifest', undefined, async db => {
      const row: ManifestRow | undefined = await db(MANIFESTS)
        .where({ provider_id: this.#providerId, digest })
        .first('digest', 'media_type', 'manifest', 'config_digest', 'config');
      return row ? toStoredManifest(row) : undefined;
    });
  }

  async saveRepository(
    repository: string,
    changes: RepositoryStateChanges,
  ): Promise<void> {
    if (
      changes.tags.size === 0 &&
      changes.removedTags.length === 0 &&
      changes.manifests.length === 0
    ) {
      return;
    }
    // In key order, so that instances writing the same rows lock them in the same order.
    const manifests = [...changes.manifests].sort((a, b) =>
      compareText(a.digest, b.digest),
    );
    const tags = [...changes.tags].sort((a, b) => compareText(a[0], b[0]));
    const removedTags = [...changes.removedTags].sort(compareText);
    const provider_id = this.#providerId;
    await this.#run('save the state of a repository', undefined, db =>
      db.transaction(async tx => {
        // Manifests first: a tag row is only written once its manifest is there.
        for (const chunk of chunks(manifests)) {
          await tx(MANIFESTS)
            .insert(
              chunk.map(m => ({
                provider_id,
                digest: m.digest,
                media_type: m.mediaType,
                manifest: m.manifest,
                config_digest: m.configDigest ?? null,
                config: m.config ?? null,
              })),
            )
            .onConflict(['provider_id', 'digest'])
            .merge();
        }
        for (const chunk of chunks(tags)) {
          await tx(TAGS)
            .insert(
              chunk.map(([tag, digest]) => ({
                provider_id,
                repository,
                tag,
                digest,
              })),
            )
            .onConflict(['provider_id', 'repository', 'tag'])
            .merge(['digest']);
        }
        for (const chunk of chunks(removedTags)) {
          await tx(TAGS)
            .where({ provider_id, repository })
            .whereIn('tag', chunk)
            .delete();
        }
      }),
    );
  }

  async keepRepositories(repositories: ReadonlySet<string>): Promise<void> {
    const provider_id = this.#providerId;
    await this.#run('forget repositories', undefined, async db => {
      const stored: Array<{ repository: string }> = await db(TAGS)
        .where({ provider_id })
        .distinct('repository');
      const gone = stored
        .map(row => row.repository)
        .filter(repository => !repositories.has(repository));
      for (const chunk of chunks(gone)) {
        await db(TAGS)
          .where({ provider_id })
          .whereIn('repository', chunk)
          .delete();
      }
      await db(MANIFESTS)
        .where({ provider_id })
        .whereNotExists(
          db(TAGS)
            .select(db.raw('1'))
            .where(`${TAGS}.provider_id`, provider_id)
            .andWhereRaw('??.?? = ??.??', [
              TAGS,
              'digest',
              MANIFESTS,
              'digest',
            ]),
        )
        .delete();
    });
  }

  async #run<T>(
    what: string,
    fallback: T,
    fn: (db: Knex) => Promise<T>,
  ): Promise<T> {
    try {
      const result = await fn(await this.#client());
      this.#failing = false;
      return result;
    } catch (error) {
      if (!this.#failing) {
        this.#failing = true;
        this.#logger.warn(
          `Could not ${what} in the database; syncs go on without the stored state (reading the registry as if for the first time) until it works again: ${
            toError(error).message
          }`,
        );
      }
      return fallback;
    }
  }
}
