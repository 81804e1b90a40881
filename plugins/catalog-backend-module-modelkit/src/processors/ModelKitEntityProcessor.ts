import {
  Entity,
  getCompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorEmit,
  processingResult,
} from '@backstage/plugin-catalog-node';
import {
  isModelKitEntity,
  modelKitEntityV1alpha1Relations,
  modelKitEntityV1alpha1Validator,
} from '@kitstage/plugin-modelkit-common';
import { buildAiModelResource } from './buildAiModelResource';

/**
 * Options of {@link ModelKitEntityProcessor}.
 *
 * @public
 */
export interface ModelKitEntityProcessorOptions {
  /**
   * Also emit, for each ModelKit of `spec.type: model`, a `Resource` entity of
   * `spec.type: ai-model` built from it, for catalogs of AI assets that list models that way
   * (docs/ai-catalog-interop.md). Off unless set.
   */
  aiModelResources?: boolean;
}

/**
 * Adds the ModelKit kind to the catalog: validates ModelKit entities, rejecting invalid ones
 * with an error that names each bad field, and emits the relations their spec stands for,
 * both ways (`ownedBy` / `ownerOf`, `dependsOn` / `dependencyOf`, `partOf` / `hasPart`).
 *
 * @public
 */
export class ModelKitEntityProcessor implements CatalogProcessor {
  readonly #aiModelResources: boolean;

  /** Creates the processor; see {@link ModelKitEntityProcessorOptions}. */
  constructor(options: ModelKitEntityProcessorOptions = {}) {
    this.#aiModelResources = options.aiModelResources ?? false;
  }

  /** The name the catalog shows for this processor in its logs and errors. */
  getProcessorName(): string {
    return 'ModelKitEntityProcessor';
  }

  /**
   * Checks a ModelKit entity against the `kitstage.dev/v1alpha1` schema. Resolves false for
   * entities of other kinds or API versions, and rejects with the bad fields named when a
   * ModelKit is invalid.
   */
  async validateEntityKind(entity: Entity): Promise<boolean> {
    return modelKitEntityV1alpha1Validator.check(entity);
  }

  /**
   * Emits the relations of a ModelKit's owner, system, base model and datasets, each with its
   * reverse relation, and, with `aiModelResources`, the model's `ai-model` Resource; returns
   * the entity unchanged. Other kinds pass through untouched.
   */
  async postProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
  ): Promise<Entity> {
    if (!isModelKitEntity(entity)) {
      return entity;
    }

    const selfRef = getCompoundEntityRef(entity);
    for (const {
      field,
      defaultKind,
      relation,
      reverseRelation,
    } of modelKitEntityV1alpha1Relations) {
      const value = entity.spec[field];
      if (value === undefined) {
        continue;
      }
      for (const target of [value].flat()) {
        const targetRef = parseEntityRef(target, {
          defaultKind,
          defaultNamespace: selfRef.namespace,
        });
        emit(
          processingResult.relation({
            source: selfRef,
            type: relation,
            target: targetRef,
          }),
        );
        emit(
          processingResult.relation({
            source: targetRef,
            type: reverseRelation,
            target: selfRef,
          }),
        );
      }
    }
    if (this.#aiModelResources && entity.spec.type === 'model') {
      emit(processingResult.entity(location, buildAiModelResource(entity)));
    }
    return entity;
  }
}
