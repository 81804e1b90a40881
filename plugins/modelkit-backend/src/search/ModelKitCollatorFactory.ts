import { Readable } from 'node:stream';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import {
  ANNOTATION_MODELKIT_AUTHORS,
  ANNOTATION_MODELKIT_LATEST_VERSION,
  MODELKIT_KIND,
} from '@kitstage/plugin-modelkit-common';

/**
 * A ModelKit as the search index holds it (document type `modelkit`).
 *
 * @public
 */
export interface ModelKitDocument extends IndexableDocument {
  /** The entity reference, e.g. `modelkit:default/support-sentiment`. */
  entityRef: string;
  /** `spec.type`: `model`, `dataset` or another word. */
  type: string;
  /** `spec.framework`, or an empty string. */
  framework: string;
  /** `metadata.tags` and the newest version's tag. */
  tags: string[];
  /** The owner entity reference (`spec.owner`). */
  owner: string;
  /** `package.authors` of the newest version, from the `kitstage.dev/authors` annotation. */
  authors: string[];
  /** The newest version's tag, from the `kitstage.dev/latest-version` annotation. */
  latestVersion: string;
  /** `spec.lifecycle`. */
  lifecycle: string;
  /**
   * The entity reference again, as the resource the search backend authorizes
   * `catalog.entity.read` on before it shows the document to a user.
   */
  authorization: { resourceRef: string };
}

const PAGE_SIZE = 500;

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function authorsOf(entity: Entity): string[] {
  const raw = entity.metadata.annotations?.[ANNOTATION_MODELKIT_AUTHORS];
  if (!raw) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed)
      ? parsed.filter((a): a is string => typeof a === 'string')
      : [];
  } catch {
    return [];
  }
}

/**
 * The search document of a ModelKit entity.
 *
 * @remarks
 * The document names the entity as its `authorization.resourceRef`, so the search backend
 * shows it only to users who may read that entity in the catalog.
 *
 * @public
 */
export function toModelKitDocument(entity: Entity): ModelKitDocument {
  const spec = entity.spec ?? {};
  const namespace = entity.metadata.namespace ?? 'default';
  const framework = text(spec.framework);
  const authors = authorsOf(entity);
  const latestVersion = text(
    entity.metadata.annotations?.[ANNOTATION_MODELKIT_LATEST_VERSION],
  );
  const tags = [
    ...new Set([
      ...(entity.metadata.tags ?? []),
      ...(latestVersion && !latestVersion.includes(':') ? [latestVersion] : []),
    ]),
  ];
  const description = text(entity.metadata.description);
  const entityRef = stringifyEntityRef(entity);
  return {
    title: entity.metadata.title || entity.metadata.name,
    // The text Lunr ranks on: what people type when looking for a model.
    text: [
      description,
      framework && `Framework: ${framework}`,
      authors.length > 0 && `Authors: ${authors.join(', ')}`,
      tags.length > 0 && `Tags: ${tags.join(', ')}`,
    ]
      .filter(Boolean)
      .join('\n'),
    location: `/catalog/${encodeURIComponent(
      namespace,
    )}/modelkit/${encodeURIComponent(entity.metadata.name)}`,
    entityRef,
    type: text(spec.type),
    framework,
    tags,
    owner: text(spec.owner),
    authors,
    latestVersion,
    lifecycle: text(spec.lifecycle),
    authorization: { resourceRef: entityRef },
  };
}

/**
 * Collates ModelKit entities for Backstage search (document type `modelkit`): found by name,
 * title, description, framework, authors and tags, with `framework`, `tags` and `owner` fields
 * to filter on.
 *
 * @remarks
 * Reads the catalog with the plugin's own service credentials, a page at a time, so the index
 * holds every ModelKit entity. Results are filtered per user when they are queried: each
 * document names its entity as `authorization.resourceRef` and the factory declares
 * `catalog.entity.read` as its `visibilityPermission`, so with `permission.enabled` the search
 * backend asks the permission framework, as the searching user, whether they may read each
 * ModelKit, and shows it only if the catalog would.
 *
 * The document holds catalog metadata only (authors and the newest version are annotations
 * on the entity), so the catalog's read permission is the one to require;
 * `kitstage.modelkit.read`, which guards the registry data behind a ModelKit, is not.
 *
 * @public
 */
export class ModelKitCollatorFactory implements DocumentCollatorFactory {
  /** The document type: `modelkit`. */
  readonly type = 'modelkit';
  /**
   * `catalog.entity.read`: a user finds a ModelKit only if they may read its entity in the
   * catalog.
   */
  readonly visibilityPermission = catalogEntityReadPermission;
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;

  /** Creates the factory from the catalog, auth and logger services. */
  static fromOptions(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }): ModelKitCollatorFactory {
    return new ModelKitCollatorFactory(options);
  }

  private constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#logger = options.logger;
  }

  /** {@inheritdoc @backstage/plugin-search-common#DocumentCollatorFactory.getCollator} */
  async getCollator(): Promise<Readable> {
    return Readable.from(this.#documents());
  }

  async *#documents(): AsyncGenerator<ModelKitDocument> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    let cursor: string | undefined;
    let count = 0;
    do {
      const page = await this.#catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: { kind: MODELKIT_KIND },
              limit: PAGE_SIZE,
              orderFields: { field: 'metadata.name', order: 'asc' },
            },
        { credentials },
      );
      for (const entity of page.items) {
        count++;
        yield toModelKitDocument(entity);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    this.#logger.info(`Collated ${count} ModelKits for search`);
  }
}
