import {
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  RELATION_OWNER_OF,
  RELATION_PART_OF,
} from '@backstage/catalog-model';

/**
 * How one field of a ModelKit entity's spec turns into catalog relations.
 *
 * @public
 */
export interface ModelKitEntityRelationField {
  /** The spec field holding one entity reference, or a list of them. */
  readonly field: 'owner' | 'baseModel' | 'datasets' | 'system';
  /** The kind assumed when a reference in the field leaves the kind out. */
  readonly defaultKind: string;
  /** The relation from the ModelKit to each referenced entity. */
  readonly relation: string;
  /** The relation from each referenced entity back to the ModelKit. */
  readonly reverseRelation: string;
}

/**
 * The relations a ModelKit entity's spec stands for, in the order the catalog processor emits
 * them. References without a namespace take the namespace of the ModelKit entity.
 *
 * - `spec.owner`: `ownedBy` / `ownerOf`, default kind Group.
 * - `spec.baseModel` and each of `spec.datasets`: `dependsOn` / `dependencyOf`, default kind
 *   ModelKit.
 * - `spec.system`: `partOf` / `hasPart`, default kind System.
 *
 * @public
 */
export const modelKitEntityV1alpha1Relations: ReadonlyArray<ModelKitEntityRelationField> =
  [
    {
      field: 'owner',
      defaultKind: 'Group',
      relation: RELATION_OWNED_BY,
      reverseRelation: RELATION_OWNER_OF,
    },
    {
      field: 'baseModel',
      defaultKind: 'ModelKit',
      relation: RELATION_DEPENDS_ON,
      reverseRelation: RELATION_DEPENDENCY_OF,
    },
    {
      field: 'datasets',
      defaultKind: 'ModelKit',
      relation: RELATION_DEPENDS_ON,
      reverseRelation: RELATION_DEPENDENCY_OF,
    },
    {
      field: 'system',
      defaultKind: 'System',
      relation: RELATION_PART_OF,
      reverseRelation: RELATION_HAS_PART,
    },
  ];
