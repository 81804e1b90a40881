import {
  CompoundEntityRef,
  EntityRelation,
  parseEntityRef,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/** The relation types of a ModelKit, in the order the card shows them. */
export const MODELKIT_RELATION_TYPES = [
  RELATION_DEPENDS_ON,
  RELATION_DEPENDENCY_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
] as const;

/** The targets of one relation type. */
export interface RelationGroup {
  type: string;
  targets: CompoundEntityRef[];
}

function rank(type: string): number {
  const index = (MODELKIT_RELATION_TYPES as readonly string[]).indexOf(type);
  return index === -1 ? MODELKIT_RELATION_TYPES.length : index;
}

/**
 * Groups an entity's relations by type: the ModelKit relation types first, in
 * a fixed order, then any other type alphabetically. Targets are deduplicated
 * and sorted by kind, namespace and name; unparseable targets are dropped.
 */
export function groupRelations(
  relations: EntityRelation[] | undefined,
): RelationGroup[] {
  const byType = new Map<string, Map<string, CompoundEntityRef>>();
  for (const relation of relations ?? []) {
    let target: CompoundEntityRef;
    try {
      target = parseEntityRef(relation.targetRef);
    } catch {
      continue;
    }
    const targets = byType.get(relation.type) ?? new Map();
    targets.set(stringifyEntityRef(target).toLocaleLowerCase('en-US'), target);
    byType.set(relation.type, targets);
  }
  return [...byType.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([type, targets]) => ({
      type,
      targets: [...targets.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, target]) => target),
    }));
}
