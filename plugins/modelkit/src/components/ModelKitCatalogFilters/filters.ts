import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFilter } from '@backstage/plugin-catalog-react';
import type { AttestationPolicyStatus } from '@kitstage/plugin-modelkit-common';

type CatalogQuery = ReturnType<NonNullable<EntityFilter['getCatalogQuery']>>;

/**
 * Keeps ModelKits whose `spec.framework` is one of the chosen frameworks
 * (compared without regard to case on the page).
 */
export class ModelKitFrameworkFilter implements EntityFilter {
  constructor(readonly values: string[]) {}

  getCatalogQuery(): CatalogQuery {
    if (this.values.length === 0) return undefined;
    return { 'spec.framework': { $in: this.values } } as CatalogQuery;
  }

  getCatalogFilters(): Record<string, string[]> {
    return { 'spec.framework': this.values };
  }

  filterEntity(entity: Entity): boolean {
    const framework = entity.spec?.framework;
    return (
      this.values.length === 0 ||
      (typeof framework === 'string' &&
        this.values.some(
          v =>
            v.toLocaleLowerCase('en-US') ===
            framework.toLocaleLowerCase('en-US'),
        ))
    );
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/**
 * Keeps ModelKits whose newest version has one of the chosen attestation
 * policy statuses. The statuses come from the backend, so the filter carries
 * the entity references that matched when it was made, and asks the catalog
 * for those.
 */
export class ModelKitPolicyStatusFilter implements EntityFilter {
  constructor(
    readonly values: AttestationPolicyStatus[],
    readonly matching: ReadonlySet<string>,
  ) {}

  getCatalogQuery(): CatalogQuery {
    if (this.values.length === 0) return undefined;
    const names = [...this.matching];
    if (names.length === 0) {
      // Nothing matches: ask for an entity that cannot exist.
      return {
        'metadata.uid': '00000000-0000-0000-0000-000000000000',
      } as CatalogQuery;
    }
    return {
      $any: names.map(ref => {
        const [kindPart, rest] = ref.split(':');
        const [namespace, name] = rest.split('/');
        return {
          kind: kindPart,
          'metadata.namespace': namespace,
          'metadata.name': name,
        };
      }),
    } as CatalogQuery;
  }

  filterEntity(entity: Entity): boolean {
    return (
      this.values.length === 0 ||
      this.matching.has(stringifyEntityRef(entity).toLocaleLowerCase('en-US'))
    );
  }

  toQueryValue(): string[] {
    return this.values;
  }
}

/** The statuses of the policy filter, in the order they are offered. */
export const POLICY_STATUSES: Array<{
  value: AttestationPolicyStatus;
  label: string;
}> = [
  { value: 'passed', label: 'Passed' },
  { value: 'failed', label: 'Failed' },
  { value: 'missing', label: 'Missing evidence' },
];
