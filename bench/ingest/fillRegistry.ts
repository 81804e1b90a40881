// Fills a registry with R repositories × T tags of small, distinct ModelKits, and runs work
// over a list a few items at a time.
import { performance } from 'node:perf_hooks';
import {
  buildTestModelKit,
  type TestRegistry,
} from '@kitstage/plugin-modelkit-node/testUtils';

/** The namespace of the benchmark's repositories. */
export const NAMESPACE = 'bench';

/** `bench/model-0001`… */
export const repositoryName = (i: number) =>
  `${NAMESPACE}/model-${String(i).padStart(4, '0')}`;

/** `v1.0.0`, `v1.1.0`… */
export const tagName = (j: number) => `v1.${j}.0`;

/** Runs `fn` over `items`, at most `concurrency` at once. */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await fn(items[next++]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, worker),
  );
}

/** Pushes the ModelKits; gives the time it took in milliseconds. */
export async function fillRegistry(
  registry: TestRegistry,
  size: { repositories: number; tags: number },
  pushConcurrency: number,
): Promise<number> {
  const started = performance.now();
  const repositories = Array.from({ length: size.repositories }, (_, i) => i);
  await forEachConcurrently(repositories, pushConcurrency, async i => {
    const repository = repositoryName(i);
    for (let j = 0; j < size.tags; j++) {
      const artifact = await buildTestModelKit({
        kitfile: {
          package: {
            name: `model-${i}`,
            version: `1.${j}.0`,
            description: `Benchmark model ${i}, version 1.${j}.0`,
            license: 'Apache-2.0',
          },
          model: {
            path: 'model/weights.safetensors',
            framework: 'transformers',
            format: 'safetensors',
          },
        },
        files: { 'model/weights.safetensors': `weights of model ${i}` },
        annotations: {
          'org.opencontainers.image.created': new Date(
            Date.UTC(2026, 0, 1 + j),
          ).toISOString(),
        },
      });
      await registry.pusher.push(repository, artifact, [tagName(j)]);
    }
  });
  return performance.now() - started;
}
