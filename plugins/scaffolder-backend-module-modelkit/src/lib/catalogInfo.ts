import {
  ANNOTATION_MODELKIT_REPOSITORY,
  MODELKIT_API_VERSION_V1ALPHA1,
  MODELKIT_KIND,
  ModelKitEntityV1alpha1,
} from '@kitstage/plugin-modelkit-common';
import { ANNOTATION_DEPLOY_REPOSITORY } from '@kitstage/plugin-modelkit-node';
import {
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
} from './constants';

/**
 * The structured description the catalog entities are built from.
 *
 * @internal
 */
export interface CatalogInfoSpec {
  name: string;
  description?: string;
  owner: string;
  system?: string;
  lifecycle: string;
  framework: string;
  license?: string;
  modelKitRepository: string;
  namespace: string;
  /** Entity reference of the ModelKit this model builds on. */
  baseModelEntityRef?: string;
  /** A Hugging Face model imported as this project's base ModelKit. */
  huggingFace?: { id: string; revision: string; modelKitRepository: string };
  githubSlug?: string;
  /** The Component's deploy repository, `<clone URL>#<branch>`. */
  deployRepository?: string;
  sourceTemplate?: string;
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) =>
        v !== undefined &&
        v !== '' &&
        !(Array.isArray(v) && v.length === 0) &&
        !(
          v &&
          typeof v === 'object' &&
          !Array.isArray(v) &&
          Object.keys(v).length === 0
        ),
    ),
  ) as T;
}

/**
 * Builds the entities of `catalog-info.yaml`: the Component that serves the model, its ModelKit
 * (lineage: `baseModel`, `system`), and, when the base model comes from Hugging Face, a ModelKit
 * for the imported base so the lineage graph has both ends.
 *
 * @internal
 */
export function buildCatalogEntities(spec: CatalogInfoSpec): {
  component: Record<string, unknown>;
  modelKits: ModelKitEntityV1alpha1[];
} {
  const baseName = `${spec.name}-base`;
  const baseModel = spec.huggingFace
    ? `modelkit:${baseName}`
    : spec.baseModelEntityRef;
  const templateAnnotation: Record<string, string> = spec.sourceTemplate
    ? { 'backstage.io/source-template': spec.sourceTemplate }
    : {};

  const component = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: compact({
      name: spec.name,
      description: spec.description,
      tags: ['model', spec.framework],
      annotations: compact({
        [ANNOTATION_KUBERNETES_ID]: spec.name,
        [ANNOTATION_KUBERNETES_NAMESPACE]: spec.namespace,
        [ANNOTATION_MODELKIT_REPOSITORY]: spec.modelKitRepository,
        'github.com/project-slug': spec.githubSlug,
        [ANNOTATION_DEPLOY_REPOSITORY]: spec.deployRepository,
        ...templateAnnotation,
      }),
    }),
    spec: compact({
      type: 'service',
      lifecycle: spec.lifecycle,
      owner: spec.owner,
      system: spec.system,
      dependsOn: [`modelkit:${spec.name}`],
    }),
  };

  const modelKit: ModelKitEntityV1alpha1 = {
    apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
    kind: MODELKIT_KIND,
    metadata: compact({
      name: spec.name,
      description: spec.description,
      tags: [spec.framework],
      annotations: compact({
        [ANNOTATION_MODELKIT_REPOSITORY]: spec.modelKitRepository,
        ...templateAnnotation,
      }),
    }),
    spec: compact({
      type: 'model',
      owner: spec.owner,
      lifecycle: spec.lifecycle,
      repository: spec.modelKitRepository,
      framework: spec.framework,
      license: spec.license,
      baseModel,
      system: spec.system,
    }),
  };

  const modelKits = [modelKit];
  if (spec.huggingFace) {
    modelKits.push({
      apiVersion: MODELKIT_API_VERSION_V1ALPHA1,
      kind: MODELKIT_KIND,
      metadata: {
        name: baseName,
        title: `${spec.huggingFace.id} (Hugging Face)`,
        description: `Imported from Hugging Face ${spec.huggingFace.id} at revision ${spec.huggingFace.revision} by the ${spec.name} CI workflow`,
        tags: [spec.framework, 'base-model', 'huggingface'],
        links: [
          {
            url: `https://huggingface.co/${spec.huggingFace.id}`,
            title: 'Hugging Face model card',
          },
        ],
        annotations: {
          [ANNOTATION_MODELKIT_REPOSITORY]: spec.huggingFace.modelKitRepository,
          ...templateAnnotation,
        },
      },
      spec: compact({
        type: 'model',
        owner: spec.owner,
        lifecycle: spec.lifecycle,
        repository: spec.huggingFace.modelKitRepository,
        framework: spec.framework,
        system: spec.system,
      }),
    });
  }
  return { component, modelKits };
}
