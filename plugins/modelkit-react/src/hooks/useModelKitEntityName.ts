import { DEFAULT_NAMESPACE } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ModelKitEntityName } from '@kitstage/plugin-modelkit-common';
import { useMemo } from 'react';

/**
 * The namespace and name of the ModelKit entity on the surrounding entity
 * page, as the ModelKit API addresses it.
 *
 * @public
 */
export function useModelKitEntityName(): ModelKitEntityName {
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? DEFAULT_NAMESPACE;
  const name = entity.metadata.name;
  return useMemo(() => ({ namespace, name }), [namespace, name]);
}
