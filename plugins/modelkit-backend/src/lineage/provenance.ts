import { Entity } from '@backstage/catalog-model';
import type {
  LineageProvenanceInput,
  LineageWarning,
  ModelKitVersion,
} from '@kitstage/plugin-modelkit-common';
import type { ModelKitPolicyService } from '../attestations/ModelKitPolicyService';
import { messageOf, text } from '../service/values';

/**
 * The source repositories a ModelKit version was built from, by its SLSA provenance
 * attestations (with their verification states), from the attestation routes' cache.
 *
 * @remarks
 * Provenance is optional: when the attestations cannot be read, the lineage goes on without
 * it and a `provenance-unavailable` warning says why.
 *
 * @internal
 */
export async function readLineageProvenance(
  policy: ModelKitPolicyService,
  target: {
    entityRef: string;
    repository: string;
    version: ModelKitVersion;
    entity: Entity;
  },
  warnings: LineageWarning[],
  signal?: AbortSignal,
): Promise<LineageProvenanceInput[]> {
  const { entityRef, repository, version, entity } = target;
  try {
    const report = await policy.getReport({
      repository,
      digest: version.digest,
      lifecycle: text(entity.spec?.lifecycle) ?? 'experimental',
      signal,
    });
    return report.attestations.flatMap(attestation => {
      const summary = attestation.summary;
      if (
        summary?.kind !== 'slsa-provenance' ||
        !summary.provenance.sourceRepository
      ) {
        return [];
      }
      return [
        {
          entityRef,
          sourceRepository: summary.provenance.sourceRepository,
          ...(summary.provenance.sourceCommit
            ? { sourceCommit: summary.provenance.sourceCommit }
            : {}),
          verification: attestation.state,
        },
      ];
    });
  } catch (error) {
    warnings.push({
      code: 'provenance-unavailable',
      message: `The attestations of ${repository}@${
        version.digest
      } could not be read: ${messageOf(error)}`,
    });
    return [];
  }
}
