import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TestArtifact } from '../../testing';

/**
 * Writes an OCI image layout: `oci-layout`, every blob and manifest under `blobs/sha256`, and
 * an `index.json` listing the given manifests, with a reference name when one is given.
 */
export async function writeTestLayout(
  dir: string,
  entries: Array<{ artifact: TestArtifact; refName?: string }>,
): Promise<void> {
  const blobs = join(dir, 'blobs', 'sha256');
  await mkdir(blobs, { recursive: true });
  const write = async (data: Buffer | string) => {
    const hex = createHash('sha256').update(data).digest('hex');
    await writeFile(join(blobs, hex), data);
  };
  for (const { artifact } of entries) {
    for (const blob of artifact.blobs) {
      await write(blob);
    }
    await write(artifact.raw);
  }
  await writeFile(
    join(dir, 'oci-layout'),
    JSON.stringify({ imageLayoutVersion: '1.0.0' }),
  );
  await writeFile(
    join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: entries.map(({ artifact, refName }) => ({
        mediaType: artifact.mediaType,
        digest: artifact.digest,
        size: artifact.size,
        ...(refName
          ? { annotations: { 'org.opencontainers.image.ref.name': refName } }
          : {}),
      })),
    }),
  );
}
