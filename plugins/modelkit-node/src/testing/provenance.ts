import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  registryOriginLocation,
  repositoryLocation,
} from '@kitstage/plugin-modelkit-common';

/**
 * The location annotations the registry entity provider gives the entity of `repository`
 * (the path within the registry, e.g. `team/sentiment`) ingested from the registry entry named
 * `registry` under `kitstage.registries`: a ModelKit entity built for a test with these is
 * trusted like one the provider emitted.
 *
 * @public
 */
export function registryProvenanceAnnotations(
  registry: string,
  repository: string,
): Record<string, string> {
  return {
    [ANNOTATION_LOCATION]: repositoryLocation(registry, repository),
    [ANNOTATION_ORIGIN_LOCATION]: registryOriginLocation(registry),
  };
}
