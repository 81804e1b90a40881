import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ModelKitEntityV1alpha1 } from '@kitstage/plugin-modelkit-common';

/**
 * The `Resource` of `spec.type: ai-model` that stands for a ModelKit in catalogs of AI assets
 * (docs/ai-catalog-interop.md): the same name, namespace, title, description, tags, owner,
 * lifecycle and system, the repository as its OCI `backstage.io/source-location`, and
 * `spec.dependsOn` the ModelKit, so the ModelKit stays the one source of truth.
 *
 * @internal
 */
export function buildAiModelResource(modelKit: ModelKitEntityV1alpha1): Entity {
  const { name, namespace, title, description, tags } = modelKit.metadata;
  const { owner, lifecycle, system, repository } = modelKit.spec;
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: {
      name,
      ...(namespace !== undefined && { namespace }),
      ...(title !== undefined && { title }),
      ...(description !== undefined && { description }),
      ...(tags !== undefined && tags.length > 0 && { tags: [...tags] }),
      annotations: {
        [ANNOTATION_SOURCE_LOCATION]: `url:oci://${repository}`,
      },
    },
    spec: {
      type: 'ai-model',
      owner,
      lifecycle,
      ...(system !== undefined && { system }),
      dependsOn: [stringifyEntityRef(modelKit)],
    },
  };
}
