/**
 * The location type of the `backstage.io/managed-by-location` annotation of the ModelKit
 * entities that the registry entity provider ingests:
 * `modelkit-registry:<registry name>/<repository>`, with `modelkit-registry:<registry name>` as
 * the origin location.
 *
 * @public
 */
export const MODELKIT_REGISTRY_LOCATION_TYPE = 'modelkit-registry';

/**
 * The `backstage.io/managed-by-origin-location` of every entity ingested from the registry
 * entry named `registry` in `kitstage.registries`.
 *
 * @public
 */
export function registryOriginLocation(registry: string): string {
  return `${MODELKIT_REGISTRY_LOCATION_TYPE}:${registry}`;
}

/**
 * The `backstage.io/managed-by-location` (and location key) of the entity of one repository of
 * the registry entry named `registry`.
 *
 * @public
 */
export function repositoryLocation(
  registry: string,
  repository: string,
): string {
  return `${MODELKIT_REGISTRY_LOCATION_TYPE}:${registry}/${repository}`;
}
