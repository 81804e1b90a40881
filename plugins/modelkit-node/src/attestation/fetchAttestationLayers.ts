import { RegistryError } from '../registry/errors';
import { OciSource } from '../registry/types';
import { AttestationBudget, DiscoveredLayer } from './discoverAttestations';

/**
 * The bytes of one discovered layer, or why they were not read.
 *
 * @internal
 */
export type AttestationLayerContent =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: string };

const LAYER_FETCH_CONCURRENCY = 4;

/**
 * Reads the discovered attestation layers, a few at a time, within the byte budget. Bytes are
 * reserved in discovery order, so which layers fit is deterministic; a layer over the budget or
 * one that cannot be read gets a reason instead of its bytes.
 *
 * @throws RegistryError of reason `aborted` when the signal aborts the reads.
 * @internal
 */
export async function fetchAttestationLayers(
  source: OciSource,
  repository: string,
  layers: DiscoveredLayer[],
  budget: AttestationBudget,
  signal: AbortSignal | undefined,
): Promise<AttestationLayerContent[]> {
  const reserved = layers.map(found => budget.takeBytes(found.layer.size));
  const results: AttestationLayerContent[] = new Array(layers.length);
  let next = 0;
  const worker = async () => {
    while (next < layers.length) {
      const index = next++;
      const found = layers[index];
      if (!reserved[index]) {
        results[index] = { ok: false, reason: budget.limitReason() };
        continue;
      }
      try {
        results[index] = {
          ok: true,
          bytes: await source.getBlob(repository, found.layer, {
            maxBytes: Math.max(found.layer.size, 1),
            signal,
          }),
        };
      } catch (error) {
        if (RegistryError.is(error, 'aborted')) {
          throw error;
        }
        results[index] = {
          ok: false,
          reason: `not checked: the layer could not be read (${
            (error as Error).message
          })`,
        };
      }
    }
  };
  await Promise.all(
    Array.from(
      { length: Math.min(LAYER_FETCH_CONCURRENCY, layers.length) },
      worker,
    ),
  );
  return results;
}
