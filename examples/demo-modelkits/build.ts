/**
 * Writes the demo OCI image layout to examples/oci-layout:
 *
 *   npx tsx examples/demo-modelkits/build.ts [output-directory]
 *
 * The output is deterministic: running it again writes the same bytes. Writing the default
 * location also rewrites the digests the demo fleet's workloads run (DIGESTS below).
 */
import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { addDemoAttestations } from './attestations';
import { buildDemoLayout, DemoVersionInfo } from './demoLayout';
import { demoSigningKey } from './keys';

const PUBLIC_KEY = join(__dirname, 'keys', 'kitstage-demo.pub');
const DEFAULT_OUT = join(__dirname, '..', 'oci-layout');
/** The demo fleet (simulated clusters) runs these versions by digest, so it must know them. */
const DIGESTS = join(
  __dirname,
  '../../plugins/modelkit-node/src/testing/kubernetes/fixtures/demoModelKitDigests.ts',
);

function digestsModule(versions: DemoVersionInfo[]): string {
  const entries = versions
    .map(v => `  '${v.name}:v${v.version}':\n    '${v.digest}',`)
    .sort();
  return [
    '// Written by examples/demo-modelkits/build.ts from the demo OCI image layout: do not edit.',
    '',
    '/**',
    ' * The manifest digest of every version of the demo OCI image layout (`examples/oci-layout`),',
    ' * by `<repository name>:v<version>`, so the demo fleet runs versions the demo registry has.',
    ' *',
    ' * @public',
    ' */',
    'export const DEMO_MODELKIT_DIGESTS: Readonly<Record<string, string>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

async function main() {
  const out = resolve(process.argv[2] ?? DEFAULT_OUT);
  // The demo configuration trusts the committed public key: it must be the signing key's.
  const committed = await readFile(PUBLIC_KEY, 'utf8').catch(() => undefined);
  if (committed !== demoSigningKey().publicKeyPem) {
    throw new Error(
      `${PUBLIC_KEY} is not the public key of the demo signing key in keys.ts; write demoSigningKey().publicKeyPem to it`,
    );
  }
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
  const attestations = addDemoAttestations(writer, versions);
  const { files, bytes } = await writer.write(out);
  if (out === resolve(DEFAULT_OUT)) {
    await writeFile(DIGESTS, digestsModule(versions));
  }
  process.stdout.write(
    `Wrote ${versions.length} ModelKit versions and ${attestations.length} attestations (${files} files, ${bytes} bytes) to ${out}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
});
