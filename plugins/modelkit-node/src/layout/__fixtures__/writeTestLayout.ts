import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256Digest } from '../../registry/digest';
import { TestArtifact } from '../../testing';

/** One `index.json` entry: an artifact, optionally under a reference name. */
export interface TestLayoutEntry {
  artifact: TestArtifact;
  refName?: string;
}

/** Writes the blobs of artifacts (and of the manifests their indexes list) below `dir`. */
export async function writeBlobs(
  dir: string,
  artifacts: TestArtifact[],
): Promise<void> {
  await mkdir(join(dir, 'blobs', 'sha256'), { recursive: true });
  const write = async (artifact: TestArtifact) => {
    for (const child of artifact.children ?? []) {
      await write(child);
    }
    for (const blob of [...artifact.blobs, Buffer.from(artifact.raw)]) {
      await writeFile(
        join(dir, 'blobs', 'sha256', sha256Digest(blob).slice(7)),
        blob,
      );
    }
  };
  for (const artifact of artifacts) {
    await write(artifact);
  }
}

/** The `index.json` text of a layout listing the entries. */
export function indexJson(entries: TestLayoutEntry[]): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: entries.map(({ artifact, refName }) => ({
      ...artifact.descriptor,
      annotations: {
        ...artifact.descriptor.annotations,
        ...(refName ? { 'org.opencontainers.image.ref.name': refName } : {}),
      },
    })),
  });
}

/** Writes a standard OCI image layout (`oci-layout`, `index.json`, `blobs/`) below `dir`. */
export async function writeTestLayout(
  dir: string,
  entries: TestLayoutEntry[],
): Promise<void> {
  await writeBlobs(
    dir,
    entries.map(e => e.artifact),
  );
  await writeFile(
    join(dir, 'oci-layout'),
    JSON.stringify({ imageLayoutVersion: '1.0.0' }),
  );
  await writeFile(join(dir, 'index.json'), indexJson(entries));
}

/** A temporary directory, removed by the returned function. */
export async function temporaryDirectory(): Promise<{
  dir: string;
  remove: () => Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'kitstage-layout-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
