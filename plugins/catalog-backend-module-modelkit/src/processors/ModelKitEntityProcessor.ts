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

/**
 * Adds the ModelKit kind to the catalog: validates ModelKit entities, rejecting invalid ones
 * with an error that names each bad field, and emits the relations their spec stands for,
 * both ways (`ownedBy` / `ownerOf`, `dependsOn` / `dependencyOf`, `partOf` / `hasPart`).
 *
 * @public
 */
export class ModelKitEntityProcessor implements CatalogProcessor {
  getProcessorName(): string {
    return 'ModelKitEntityProcessor';
  }

  async validateEntityKind(entity: Entity): Promise<boolean> {
    return modelKitEntityV1alpha1Validator.check(entity);
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
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
    return entity;
  }
}
