import { Entity } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { modelKitEntityV1alpha1Validator } from '@kitstage/plugin-modelkit-common';
import {
  findModelKitReferences,
  ModelKitLineageReference,
} from '@kitstage/plugin-modelkit-node';
import { buildModelKitEntity } from './buildModelKitEntity';
import { RepositoryOwnership } from './ModelKitRegistryEntityProviderConfig';
import { RepositoryRead } from './readRepository';

/**
 * What one included repository gives in a sync: its entity, a reason it has none (`skipped`),
 * or why it could not be read (`error`).
 *
 * @internal
 */
export type RepositoryEntity =
  | { entity: Entity }
  | { skipped: string }
  | { error: string };

/**
 * Everything {@link buildRepositoryEntity} needs to know about the sync a repository is read
 * in.
 *
 * @internal
 */
export interface RepositoryEntityContext {
  /** The name of the `kitstage.registries` entry. */
  registry: string;
  /** The host (and port) of the registry, as repository references name it. */
  host: string;
  /** The entity name of each included repository that has one (kept from sync to sync). */
  names: ReadonlyMap<string, string>;
  /** What reading each included repository gave. */
  reads: ReadonlyMap<string, RepositoryRead>;
  /** The owner rules and defaults of the entry. */
  ownership: (repository: string) => RepositoryOwnership | undefined;
}

/**
 * Turns what reading a repository gave into its ModelKit entity, lineage included, checked
 * against the ModelKit schema. A repository without a ModelKit, or without an owner, is
 * skipped; one that failed to read, or whose entity would be invalid, gives an error.
 *
 * @internal
 */
export async function buildRepositoryEntity(
  repository: string,
  read: RepositoryRead,
  context: RepositoryEntityContext,
): Promise<RepositoryEntity> {
  if (read.status === 'failed') {
    return { error: read.error.message };
  }
  if (read.status === 'empty') {
    return { skipped: read.reason };
  }
  const ownership = context.ownership(repository);
  if (!ownership) {
    return {
      skipped:
        'no owner rule matches the repository and there is no default owner',
    };
  }
  const host = context.host.toLocaleLowerCase('en-US');
  // A reference resolves to the entity of another repository of this registry that has (or
  // keeps) one. References to other registries, to repositories that are not ingested and
  // to the repository itself are left out.
  const resolve = (
    reference: ModelKitLineageReference | undefined,
  ): string | undefined => {
    if (!reference) {
      return undefined;
    }
    const target = reference.reference.repository;
    if (
      reference.reference.registry.toLocaleLowerCase('en-US') !== host ||
      target === repository
    ) {
      return undefined;
    }
    const name = context.names.get(target);
    const targetRead = context.reads.get(target);
    if (
      !name ||
      !targetRead ||
      targetRead.status === 'empty' ||
      (targetRead.status === 'modelkit' && !context.ownership(target))
    ) {
      return undefined;
    }
    return `modelkit:${name}`;
  };
  const references = findModelKitReferences(read.version.kitfile);
  const baseModel = resolve(references.baseModel);
  const datasets = [
    ...new Set(
      references.datasets
        .map(resolve)
        .filter((ref): ref is string => ref !== undefined),
    ),
  ];
  const entity = buildModelKitEntity({
    registry: context.registry,
    host: context.host,
    repository,
    name: context.names.get(repository)!,
    version: read.version,
    ownership,
    lineage: { ...(baseModel ? { baseModel } : {}), datasets },
  });
  try {
    await modelKitEntityV1alpha1Validator.check(entity);
  } catch (error) {
    return {
      error: `the entity built from ${read.version.repository}@${
        read.version.digest
      } is not valid: ${toError(error).message}`,
    };
  }
  return { entity };
}
