/**
 * Writes the demo OCI image layout to examples/oci-layout:
 *
 *   npx tsx examples/demo-modelkits/build.ts [output-directory]
 *
 * The output is deterministic: running it again writes the same bytes.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildDemoLayout } from './demoLayout';

async function main() {
  const out = resolve(process.argv[2] ?? join(__dirname, '..', 'oci-layout'));
  const existing = await readdir(out).catch(() => undefined);
  if (existing && existing.length > 0) {
    const isLayout = await stat(join(out, 'oci-layout')).then(
      () => true,
      () => false,
    );
    if (!isLayout) {
      throw new Error(
        `${out} is not empty and is not an OCI image layout; refusing to replace it`,
      );
    }
    await rm(out, { recursive: true });
  }
  const { writer, versions } = buildDemoLayout();
  const { files, bytes } = await writer.write(out);
  process.stdout.write(
    `Wrote ${versions.length} ModelKit versions (${files} files, ${bytes} bytes) to ${out}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
